"""Walk a URLconf's patterns through their ``include()`` groups (shared by the URL tests)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.urls import URLPattern, URLResolver


def named_patterns(
    patterns: Sequence[URLPattern | URLResolver],
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (name, converters) for every named pattern of an app's list, nested ones too.

    The converters are those of the whole route: a group's prefix (``<int:family_id>/``)
    included.
    """
    for item, converters in _leaves(patterns, {}):
        if item.name:
            yield item.name, converters


def _leaves(
    patterns: Sequence[URLPattern | URLResolver], outer: dict[str, Any]
) -> Iterator[tuple[URLPattern, dict[str, Any]]]:
    for item in patterns:
        converters = {**outer, **getattr(item.pattern, "converters", {})}
        if isinstance(item, URLResolver):
            yield from _leaves(item.url_patterns, converters)
        else:
            yield item, converters
