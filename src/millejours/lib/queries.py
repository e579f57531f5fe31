"""Query helpers shared by the selectors."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def filter_given(qs: QuerySet[M], **lookups: Any) -> QuerySet[M]:
    """``qs`` filtered on the lookups whose value was given (a search form's filled fields:
    empty strings, ``None`` and ``False`` are left out). Single-valued lookups only: one
    ``filter()`` call, which for a multi-valued relation differs from chained calls."""
    given = {lookup: value for lookup, value in lookups.items() if value}
    return qs.filter(**given) if given else qs
