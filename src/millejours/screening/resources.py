"""Links to the directory: search by theme around a commune, nearby services (optional app)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse


def directory_url(theme: str = "", *, public: bool = False, commune=None) -> str:
    """Link to the directory search for ``theme`` (around ``commune``) if the directory offers it."""
    try:
        url = reverse("directory:public_search" if public else "directory:pro_search")
    except NoReverseMatch:
        return ""
    params: dict[str, object] = {}
    if theme:
        params["theme"] = theme
    if commune is not None and commune.latitude is not None and commune.longitude is not None:
        params.update(lat=commune.latitude, lon=commune.longitude, rayon=NEARBY_RADIUS_KM)
    return f"{url}?{urlencode(params)}" if params else url


NEARBY_RADIUS_KM = 20


def nearby_services(commune, theme: str, cache: dict) -> list:
    """Up to 3 directory services of ``theme`` near ``commune`` (empty without the directory)."""
    if not theme or commune is None or commune.latitude is None or commune.longitude is None:
        return []
    if theme not in cache:
        try:
            from millejours.directory.selectors import SearchError, search_services
        except ImportError:
            return []
        try:
            cache[theme] = search_services(
                latitude=commune.latitude,
                longitude=commune.longitude,
                radius_km=NEARBY_RADIUS_KM,
                theme=theme,
                limit=3,
            )
        except SearchError:
            cache[theme] = []
    return cache[theme]
