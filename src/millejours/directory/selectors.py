"""Reads of the directory: the search shared by the command and the pages.

``search_services`` prefilters on the indexed ``(status, latitude, longitude)`` columns with
a bounding box around the centre, then computes the exact great-circle (haversine)
distance in Python on the few candidate rows, sorts by distance and loads the page of
results with their structure and commune (two queries whatever the number of results).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from millejours.lib.holidays_fr import departement_for_coordinates
from millejours.territory.models import Commune

from . import geo
from .models import Service, Status, Structure
from .opening_hours import is_open, local_moment

DEFAULT_RADIUS_KM = 10.0
MAX_RADIUS_KM = 200.0


class SearchError(ValueError):
    """Bad search input (message in French)."""


@dataclass(frozen=True)
class Centre:
    latitude: float
    longitude: float
    label: str


@dataclass
class Hit:
    service: Service
    distance_km: float


def parse_near(value: str) -> Centre:
    """``INSEE_CODE`` (the town hall of the commune) or ``LAT,LON``."""
    value = (value or "").strip()
    if not value:
        raise SearchError("Indiquez un code INSEE ou des coordonnées « latitude,longitude ».")
    if "," in value:
        parts = [p.strip() for p in value.split(",")]
        if len(parts) != 2:
            raise SearchError(
                f"Coordonnées invalides : « {value} » (attendu « latitude,longitude »)."
            )
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            raise SearchError(
                f"Coordonnées invalides : « {value} » (attendu « latitude,longitude »)."
            ) from None
        if not geo.valid_coordinates(lat, lon) or lat != lat or lon != lon:
            raise SearchError(f"Coordonnées hors limites : « {value} ».")
        return Centre(lat, lon, f"{lat:.4f}, {lon:.4f}")
    commune = (
        Commune.objects.filter(insee_code=value.upper())
        .only("name", "latitude", "longitude")
        .first()
    )
    if commune is None:
        raise SearchError(f"Code INSEE inconnu : « {value} ».")
    if commune.latitude is None or commune.longitude is None:
        raise SearchError(f"La commune {commune.name} ({value}) n'a pas de coordonnées.")
    return Centre(commune.latitude, commune.longitude, commune.name)


def base_queryset(*, published_only: bool = True) -> QuerySet[Service]:
    qs = Service.objects.exclude(latitude__isnull=True)
    if published_only:
        qs = qs.filter(status=Status.PUBLISHED)
    else:
        qs = qs.exclude(status=Status.ARCHIVED)
    return qs


# Columns a result list needs (the heavy descriptive ones are left out).
LIST_FIELDS = (
    "name",
    "source",
    "source_id",
    "typologie",
    "thematiques",
    "address",
    "latitude",
    "longitude",
    "phone",
    "email",
    "opening_hours",
    "status",
    "private_contact_name",
    "private_phone",
    "private_email",
    "structure__name",
    "structure__typologie",
    "structure__opening_hours",
    "commune__name",
    "commune__insee_code",
)


def search_candidates(
    *,
    latitude: float,
    longitude: float,
    radius_km: float = DEFAULT_RADIUS_KM,
    theme: str | None = None,
    typologie: str | None = None,
    public: str | None = None,
    open_now: bool = False,
    published_only: bool = True,
    at: datetime | None = None,
) -> list[tuple[float, int]]:
    """``(distance_km, service id)`` of every match, nearest first (no model loaded)."""
    if radius_km is None or radius_km <= 0:
        raise SearchError("Le rayon doit être positif.")
    radius_km = min(float(radius_km), MAX_RADIUS_KM)
    lat_min, lat_max, lon_min, lon_max = geo.bounding_box(latitude, longitude, radius_km)
    qs = (
        base_queryset(published_only=published_only)
        .filter(
            latitude__gte=lat_min,
            latitude__lte=lat_max,
            longitude__gte=lon_min,
            longitude__lte=lon_max,
        )
        .order_by()  # no ORDER BY name: the covering (status, latitude, longitude) index answers alone
    )
    if theme:
        qs = qs.filter(themes_key__contains=f"|{theme}|")
    if public:
        qs = qs.filter(publics_key__contains=f"|{public}|")
    if typologie:
        qs = qs.filter(Q(typologie=typologie) | Q(typologie="", structure__typologie=typologie))
    haversine = geo.haversine_km
    if open_now:
        # Index-only (see the model's index): the service's own hours, and its
        # structure's only for the services in the circle that have none.
        rows = qs.values_list("pk", "latitude", "longitude", "structure_id", "opening_hours")
        in_circle = [
            (d, pk, structure_id, hours)
            for pk, lat, lon, structure_id, hours in rows
            # (not NULL: filtered on a latitude and longitude range above)
            if (d := haversine(latitude, longitude, lat, lon)) <= radius_km  # type: ignore[arg-type]
        ]
        inherited = _structure_hours({sid for _, _, sid, hours in in_circle if not hours})
        open_now_for = _open_now_evaluator(latitude, longitude, at)
        candidates = [
            (d, pk)
            for d, pk, structure_id, hours in in_circle
            if open_now_for(hours or inherited.get(structure_id, ""))
        ]
    else:
        points = qs.values_list("pk", "latitude", "longitude")
        candidates = [
            (d, pk)
            for pk, lat, lon in points
            if (d := haversine(latitude, longitude, lat, lon)) <= radius_km  # type: ignore[arg-type]
        ]
    candidates.sort()
    return candidates


def _structure_hours(structure_ids: set[int]) -> dict[int, str]:
    if not structure_ids:
        return {}

    ids = sorted(structure_ids)
    found: dict[int, str] = {}
    for start in range(0, len(ids), 900):
        found.update(
            Structure.objects.filter(pk__in=ids[start : start + 900])
            .exclude(opening_hours="")
            .order_by()
            .values_list("pk", "opening_hours")
        )
    return found


def _open_now_evaluator(
    latitude: float, longitude: float, at: datetime | None
) -> Callable[[str], bool]:
    """``hours -> bool`` at ``at`` (now) on the clock of the centre's territory.

    Each distinct value is parsed once (cached) and evaluated once per search: listings
    share few distinct values, so the cost follows the number of values, not of services.
    """
    moment = local_moment(at or timezone.now(), departement_for_coordinates(latitude, longitude))
    seen: dict[str, bool] = {}

    def evaluate(hours: str) -> bool:
        if not hours:
            return False
        if hours not in seen:
            seen[hours] = is_open(hours, moment)
        return seen[hours]

    return evaluate


def load_hits(candidates: list[tuple[float, int]]) -> list[Hit]:
    """The services of ``candidates`` (one query), in the same order."""
    if not candidates:
        return []
    rows = (
        Service.objects.select_related("structure", "commune")
        .only(*LIST_FIELDS)
        .filter(pk__in=[pk for _, pk in candidates])
    )
    services = {service.pk: service for service in rows.order_by()}
    return [Hit(services[pk], round(d, 3)) for d, pk in candidates if pk in services]


def search_services(*, limit: int | None = None, offset: int = 0, **criteria: Any) -> list[Hit]:
    """Services within ``radius_km`` of the centre, nearest first (``limit`` of them).

    Criteria: ``latitude``, ``longitude``, ``radius_km``, ``theme``, ``typologie``,
    ``public``, ``open_now``, ``published_only``, ``at`` (see ``search_candidates``).
    """
    candidates = search_candidates(**criteria)
    end = None if limit is None else offset + limit
    return load_hits(candidates[offset:end])


def search_page(*, page_size: int = 25, page: int = 1, **criteria: Any) -> tuple[int, list[Hit]]:
    """``(total, hits of the page)``: what the pages show."""
    candidates = search_candidates(**criteria)
    start = max(0, (page - 1) * page_size)
    return len(candidates), load_hits(candidates[start : start + page_size])


def services_to_check(*, older_than_days: int, today: date | None = None) -> QuerySet[Service]:
    """Published or draft services not checked for ``older_than_days`` days (or never)."""
    today = today or timezone.localdate()
    limit = today - timedelta(days=older_than_days)
    return (
        Service.objects.exclude(status=Status.ARCHIVED)
        .filter(Q(last_checked_on__lt=limit) | Q(last_checked_on__isnull=True))
        .select_related("structure", "structure__organisation")
        .order_by("last_checked_on", "pk")
    )


def hit_to_dict(hit: Hit, *, private: bool = False) -> dict[str, Any]:
    service = hit.service
    data = {
        "id": service.pk,
        "name": service.name,
        "distance_km": hit.distance_km,
        "source_id": f"{service.source}--{service.source_id}",
        "structure": service.structure.name,
        "typologie": service.typologie or service.structure.typologie,
        "thematiques": list(service.thematiques),
        "address": service.address,
        "commune": service.commune.name if service.commune else "",
        "code_insee": service.commune.insee_code if service.commune else "",
        "latitude": service.latitude,
        "longitude": service.longitude,
        "telephone": service.phone,
        "courriel": service.email,
        "horaires": service.opening_hours,
    }
    if private:
        data["contact_prive"] = {
            "nom": service.private_contact_name,
            "telephone": service.private_phone,
            "courriel": service.private_email,
        }
    return data
