"""View shortcuts beyond ``django.shortcuts``."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model
from django.shortcuts import get_object_or_404

M = TypeVar("M", bound=Model)


def get_or_new(model: type[M], pk: int | None, **fields: Any) -> M:
    """What an « edit or create » page works on: the row ``pk`` of ``model`` that also
    matches ``fields`` (404 otherwise), or, without ``pk``, a new unsaved one with ``fields``
    (e.g. a step of this sequence: ``get_or_new(SequenceStep, pk, sequence=sequence)``)."""
    return get_object_or_404(model, pk=pk, **fields) if pk else model(**fields)
