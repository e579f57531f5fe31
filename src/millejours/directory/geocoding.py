"""Geocoding behind one interface.

``get_geocoder()`` returns the geocoder chosen by ``MILLEJOURS_GEOCODER``:

- ``offline`` (default): the communes in the database (INSEE code, postcode or name →
  town-hall coordinates). Works without network; used by tests.
- ``geoplateforme`` (alias ``ban``): the national address service on the IGN
  Géoplateforme (``https://data.geopf.fr/geocodage/search``, the successor of
  api-adresse.data.gouv.fr) for street addresses. An answer whose ``score`` is below
  ``MILLEJOURS_GEOCODER_MIN_SCORE`` (default 0.5) is rejected; when rejected, or on any
  network failure, the offline geocoder answers. Never called in tests (the HTTP
  transport is injected).
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
        # (coordinates not NULL: the queryset excludes communes without them)
        return GeocodedPlace(
            commune.latitude,  # type: ignore[arg-type]
            commune.longitude,  # type: ignore[arg-type]
            commune.name,
            commune.insee_code,
        )


def _http_get_json(url: str, timeout: float) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - https URL from settings
        return json.load(response)


class GeoplateformeGeocoder(Geocoder):
    """The national address service (Géoplateforme); low scores and failures fall back offline.

    Request: ``GET <url>?q=<address>&limit=1&index=address``; answer: a GeoJSON
    ``FeatureCollection`` whose features carry ``properties.score`` (0 to 1),
    ``label`` and ``citycode`` (INSEE code).
    """

    def __init__(self, url: str, timeout: float = 3.0, *, min_score: float = 0.5, transport=None):
        self.url = url
        self.timeout = timeout
        self.min_score = min_score
        self.transport = transport or _http_get_json
        self.fallback = OfflineCommuneGeocoder()

    def lookup(self, query: str) -> GeocodedPlace | None:
        """The national answer only (``None`` when absent or below the score threshold)."""
        params = urllib.parse.urlencode({"q": query, "limit": 1, "index": "address"})
        data = self.transport(f"{self.url}?{params}", self.timeout)
        features = data.get("features") or []
        if not features:
            return None
        props = features[0].get("properties") or {}
        score = float(props.get("score") or 0)
        if score < self.min_score:
            logger.info(
                "Géocodage national écarté : score %.2f < %.2f pour « %s »",
                score,
                self.min_score,
                query,
            )
            return None
        lon, lat = features[0]["geometry"]["coordinates"]
        return GeocodedPlace(
            float(lat), float(lon), props.get("label", query), props.get("citycode", "")
        )

    def geocode(self, query: str) -> GeocodedPlace | None:
        try:
            place = self.lookup(query)
        except Exception:  # noqa: BLE001 - the network is optional
            logger.info("Géocodage national indisponible, repli sur les communes", exc_info=True)
            place = None
        return place or self.fallback.geocode(query)


BanGeocoder = GeoplateformeGeocoder  # former name


def get_geocoder() -> Geocoder:
    if getattr(settings, "MILLEJOURS_GEOCODER", "offline") in ("geoplateforme", "ban"):
        return GeoplateformeGeocoder(
            settings.MILLEJOURS_GEOCODER_URL,
            min_score=float(getattr(settings, "MILLEJOURS_GEOCODER_MIN_SCORE", 0.5)),
        )
    return OfflineCommuneGeocoder()
