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
    return _outliving_reference(settings.AUTH_USER_MODEL, verbose_name, blank=blank)


def commune_field(**options: Any) -> models.ForeignKey[Any]:
    """The commune where something stands (an organisation, a structure, an event): optional,
    and kept when the commune leaves the territory's list (``SET_NULL``)."""
    return models.ForeignKey(
        "territory.Commune",
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        **options,
    )


def family_field(related_name: str, **options: Any) -> models.ForeignKey[Any]:
    """The family this row belongs to: deleted with it (``CASCADE``), so that erasing a family
    (right to erasure, retention) takes every record about it along."""
    return models.ForeignKey(
        "pathway.Family", on_delete=models.CASCADE, related_name=related_name, **options
    )


def parent_field(verbose_name: str | None = None) -> models.ForeignKey[Any]:
    """The parent a record is about, when known; the record outlives the person."""
    return _outliving_reference("pathway.Parent", verbose_name)


def pregnancy_field() -> models.ForeignKey[Any]:
    """The pregnancy a record is about, when known; the record outlives it."""
    return _outliving_reference("pathway.Pregnancy")


def _outliving_reference(
    to: str, verbose_name: str | None = None, *, blank: bool = True
) -> models.ForeignKey[Any]:
    """An optional reference the row outlives (``SET_NULL``), with no reverse accessor on the
    target (``related_name="+"``): the link is read from the row, never from the target."""
    return models.ForeignKey(
        to,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )
