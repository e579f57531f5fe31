"""Geocoding behind one interface.

``get_geocoder()`` returns the geocoder chosen by ``MILLEJOURS_GEOCODER``:

- ``offline`` (default): the communes in the database (INSEE code, postcode or name →
  town-hall coordinates). Works without network; used by tests.
- ``ban``: the national address API (api-adresse.data.gouv.fr) for street addresses,
  falling back to the offline geocoder. Never called in tests.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from millejours.territory.models import Commune

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class GeocodedPlace:
    latitude: float
    longitude: float
    label: str
    insee_code: str = ""


class Geocoder:
    def geocode(self, query: str) -> GeocodedPlace | None:  # pragma: no cover - interface
        raise NotImplementedError


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


class OfflineCommuneGeocoder(Geocoder):
    """Resolves a commune from its INSEE code, a postcode or its name (town hall)."""

    def geocode(self, query: str) -> GeocodedPlace | None:
        query = (query or "").strip()
        if not query:
            return None
        qs = Commune.objects.exclude(latitude__isnull=True).only(
            "insee_code", "name", "latitude", "longitude"
        )
        commune = None
        code = re.search(r"\b(\d[\dAB]\d{3})\b", query.upper())
        if code:
            commune = qs.filter(insee_code=code.group(1)).first()
            if commune is None:
                # A postcode: JSON lists are compared as text so that it works on every backend.
                candidates = [c for c in qs.filter(postcodes__icontains=code.group(1))]
                commune = (
                    max(candidates, key=lambda c: c.population or 0, default=None)
                    if candidates
                    else None
                )
        if commune is None:
            words = _fold(re.sub(r"\d+", " ", query))
            if words:
                # Try the end of the query first ("12 rue X, Castanet-Tolosan").
                parts = [p.strip() for p in re.split(r"[,\n]", query) if p.strip()]
                for part in reversed(parts or [query]):
                    name = re.sub(r"^\d{5}\s*", "", part).strip()
                    found = list(qs.filter(Q(name__iexact=name)))
                    if not found:
                        folded = _fold(name)
                        found = [
                            c
                            for c in qs.filter(name__icontains=name[:3])
                            if _fold(c.name) == folded
                        ]
                    if found:
                        commune = found[0]
                        break
        if commune is None:
            return None
        return GeocodedPlace(commune.latitude, commune.longitude, commune.name, commune.insee_code)


class BanGeocoder(Geocoder):
    """The national address API; on any failure, the offline geocoder answers."""

    def __init__(self, url: str, timeout: float = 3.0):
        self.url = url
        self.timeout = timeout
        self.fallback = OfflineCommuneGeocoder()

    def geocode(self, query: str) -> GeocodedPlace | None:
        try:
            params = urllib.parse.urlencode({"q": query, "limit": 1})
            with urllib.request.urlopen(f"{self.url}?{params}", timeout=self.timeout) as response:  # noqa: S310
                data = json.load(response)
            feature = data["features"][0]
            lon, lat = feature["geometry"]["coordinates"]
            props = feature["properties"]
            return GeocodedPlace(
                float(lat), float(lon), props.get("label", query), props.get("citycode", "")
            )
        except Exception:  # noqa: BLE001 - the network is optional
            logger.info("Géocodage national indisponible, repli sur les communes", exc_info=True)
            return self.fallback.geocode(query)


def get_geocoder() -> Geocoder:
    if getattr(settings, "MILLEJOURS_GEOCODER", "offline") == "ban":
        return BanGeocoder(settings.MILLEJOURS_GEOCODER_BAN_URL)
    return OfflineCommuneGeocoder()
