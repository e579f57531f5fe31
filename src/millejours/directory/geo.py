"""Great-circle distances, bounding boxes and the extent of France (with overseas)."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_KM / 180.0

# (name, lat_min, lat_max, lon_min, lon_max): generous boxes around each part of France.
FRANCE_BOXES: tuple[tuple[str, float, float, float, float], ...] = (
    ("France métropolitaine", 41.2, 51.2, -5.5, 9.8),  # includes Corsica
    ("Guadeloupe", 15.8, 16.6, -61.9, -60.9),
    ("Martinique", 14.3, 15.0, -61.3, -60.7),
    ("Guyane", 2.0, 6.0, -54.7, -51.5),
    ("La Réunion", -21.5, -20.8, 55.1, 55.9),
    ("Mayotte", -13.1, -12.5, 44.9, 45.4),
    ("Saint-Pierre-et-Miquelon", 46.7, 47.2, -56.5, -56.0),
    ("Saint-Barthélemy et Saint-Martin", 17.8, 18.2, -63.2, -62.7),
    ("Wallis-et-Futuna", -14.5, -13.1, -178.3, -176.0),
    ("Polynésie française", -28.0, -7.0, -155.0, -134.0),
    ("Nouvelle-Calédonie", -23.0, -19.5, 163.5, 168.2),
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(lat_min, lat_max, lon_min, lon_max) containing every point within ``radius_km``."""
    dlat = radius_km / KM_PER_DEGREE_LAT
    lat_min, lat_max = lat - dlat, lat + dlat
    if lat_max >= 90 or lat_min <= -90:
        return max(lat_min, -90.0), min(lat_max, 90.0), -180.0, 180.0
    # The widest longitude span is reached at the latitude farthest from the equator.
    cos_edge = min(math.cos(math.radians(lat_min)), math.cos(math.radians(lat_max)))
    dlon = radius_km / (KM_PER_DEGREE_LAT * max(cos_edge, 1e-9))
    if dlon >= 180:
        return lat_min, lat_max, -180.0, 180.0
    return lat_min, lat_max, lon - dlon, lon + dlon


def in_france(lat: float, lon: float) -> bool:
    return any(a <= lat <= b and c <= lon <= d for _, a, b, c, d in FRANCE_BOXES)


def valid_coordinates(lat: float, lon: float) -> bool:
    return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0
