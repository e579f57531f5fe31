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
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


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
