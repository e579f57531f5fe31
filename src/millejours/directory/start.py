"""Where the resource finder opens, and what it draws without a tile server.

A parent opens it on her family's commune; anyone else on the territory (the centre of
its communes, with a radius that covers them). The territory's communes (town-hall
points shipped with the commune reference) are drawn on a plain background when no
tile server is set (``MILLEJOURS_MAP_TILES_URL``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from millejours.pathway.selectors import parent_family
from millejours.territory.models import Commune, Territory

from .geo import haversine_km

RADII = (2.0, 5.0, 10.0, 20.0, 50.0)
COMMUNE_RADIUS = 10.0
MAX_COMMUNES_DRAWN = 600

# data·inclusion themes about work and training: on partners' pages only.
JOB_SEARCH_PREFIXES = (
    "trouver-un-emploi--",
    "choisir-un-metier--",
    "preparer-sa-candidature--",
    "creer-une-entreprise--",
    "se-former--",
    "souvrir-a-linternational--",
)
# Themes a parent looks for first (then the other social ones).
PARENT_FIRST_PREFIXES = ("perinatalite--", "1000-jours--", "famille--", "sante--")


@dataclass(frozen=True)
class Start:
    latitude: float
    longitude: float
    label: str
    radius_km: float


def _parent_commune(user) -> Commune | None:
    if not (user.is_authenticated and getattr(user, "is_parent", False)):
        return None

    family = parent_family(user)
    commune = family.commune if family is not None else None
    return commune if commune is not None and commune.latitude is not None else None


def _territory_communes():
    territory = Territory.objects.order_by("pk").first()
    qs = territory.communes.all() if territory else Commune.objects.all()
    return territory, qs.filter(latitude__isnull=False, longitude__isnull=False)


def default_start(user) -> Start | None:
    commune = _parent_commune(user)
    if commune is not None:
        # (coordinates not NULL: _parent_commune keeps communes that have them)
        return Start(
            commune.latitude,  # type: ignore[arg-type]
            commune.longitude,  # type: ignore[arg-type]
            commune.name,
            COMMUNE_RADIUS,
        )
    territory, communes = _territory_communes()
    points = list(communes.values_list("latitude", "longitude")[:MAX_COMMUNES_DRAWN])
    if not points:
        return None
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    reach = max(haversine_km(lat, lon, p[0], p[1]) for p in points)
    radius = next((r for r in RADII if r >= math.ceil(reach)), RADII[-1])
    return Start(lat, lon, territory.name if territory else "le territoire", radius)


def communes_to_draw() -> list[dict]:
    _, communes = _territory_communes()
    return [
        {"name": name, "lat": round(lat, 5), "lon": round(lon, 5)}
        for name, lat, lon in communes.order_by("name").values_list(
            "name", "latitude", "longitude"
        )[:MAX_COMMUNES_DRAWN]
    ]


def parent_theme_choices(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Perinatal and parenting themes first, job-search themes left out."""
    kept = [c for c in choices if not c[0].startswith(JOB_SEARCH_PREFIXES)]
    first = [c for c in kept if c[0].startswith(PARENT_FIRST_PREFIXES)]
    return first + [c for c in kept if c not in first]
