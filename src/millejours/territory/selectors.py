"""Reads of the territory domain."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from millejours.pathway.models import Family, FamilyStatus

from .models import Commune, Territory


def territory_list() -> QuerySet[Territory]:
    return Territory.objects.annotate(
        commune_count=Count("communes", distinct=True), population=Sum("communes__population")
    ).order_by("name")


def territory_communes(territory: Territory) -> QuerySet[Commune]:
    """The territory's communes with the number of active families living there (aggregate)."""
    families = (
        Family.objects.filter(commune=OuterRef("pk"), status=FamilyStatus.ACTIVE)
        .order_by()
        .values("commune")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        territory.communes.order_by("name")
        .only(
            "insee_code", "name", "postcodes", "population", "latitude", "longitude", "departement"
        )
        .annotate(family_count=Coalesce(Subquery(families, output_field=IntegerField()), Value(0)))
    )
