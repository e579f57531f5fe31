"""Model field helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


def actor_field(verbose_name: str | None = None, *, blank: bool = True) -> models.ForeignKey[Any]:
    """The account that did something (wrote, validated, withdrew…).

    The row outlives the account (``SET_NULL``) and the account gets no reverse accessor
    (``related_name="+"``): who did what is read from the row, never from the account.
    """
    return optional_fk(
        settings.AUTH_USER_MODEL, related_name="+", blank=blank, verbose_name=verbose_name
    )


def optional_fk(
    to: Any, *, related_name: str | None = None, blank: bool = True, **options: Any
) -> models.ForeignKey[Any]:
    """An optional link that the row outlives: empty when unknown, emptied (``SET_NULL``) when
    the target is deleted."""
    return models.ForeignKey(
        to, null=True, blank=blank, on_delete=models.SET_NULL, related_name=related_name, **options
    )


def commune_field(**options: Any) -> models.ForeignKey[Any]:
    """The commune where something stands (an organisation, a structure, an event): optional,
    and kept when the commune leaves the territory's list (``SET_NULL``)."""
    return optional_fk("territory.Commune", verbose_name="commune", **options)


def family_field(related_name: str, **options: Any) -> models.ForeignKey[Any]:
    """The family this row belongs to, deleted with it (``CASCADE``): erasing a family on
    request (``privacy.rgpd``) takes every record about it along."""
    return models.ForeignKey(
        "pathway.Family", on_delete=models.CASCADE, related_name=related_name, **options
    )


def parent_field(verbose_name: str | None = None) -> models.ForeignKey[Any]:
    """The parent a record is about, when known: the record outlives the person and the parent
    gets no reverse accessor (``related_name="+"``)."""
    return optional_fk("pathway.Parent", related_name="+", verbose_name=verbose_name)


def pregnancy_field() -> models.ForeignKey[Any]:
    """The pregnancy a record is about, when known: the record outlives it and the pregnancy
    gets no reverse accessor (``related_name="+"``)."""
    return optional_fk("pathway.Pregnancy", related_name="+")
