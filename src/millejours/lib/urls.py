"""Links with ids, reversed once per URL name then formatted (rows of long pages).

``{% url %}`` resolves the URL name and walks the resolver on every call: ≈ 15 µs, which
a family record with 50 timeline rows × 2–6 links pays ≈ 230 times. ``reverse_ids``
reverses each name once with sentinel ids (cached per script prefix and language, so a
mounted or translated URLconf stays right) and then only formats the ids into it. Same
output as ``reverse(name, args=ids)`` for non-negative integer ids; anything else goes
through ``reverse``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

# Sentinels that no real URL fragment contains (checked once per pattern).
_SENTINELS = (7_919_813_571, 7_919_813_572, 7_919_813_573, 7_919_813_574)


@lru_cache(maxsize=256)
def _parts(name: str, arity: int, prefix: str, language: str | None) -> tuple[str, ...] | None:
    sentinels = [str(s) for s in _SENTINELS[:arity]]
    url = reverse(name, args=sentinels)
    parts = []
    for sentinel in sentinels:
        if url.count(sentinel) != 1:
            return None  # an unusual pattern (id used twice, transformed…): reverse each time
        head, url = url.split(sentinel)
        parts.append(head)
    parts.append(url)
    return tuple(parts)


def reverse_ids(name: str, *ids: int) -> str:
    """``reverse(name, args=ids)`` for integer ids, from a pattern reversed once."""
    return reverse_many((name,), *ids)[name]


def reverse_many(names: Iterable[str], *ids: int) -> dict[str, str]:
    """``{name: reverse(name, args=ids)}`` for several URL names taking the same ids."""
    usable = len(ids) <= len(_SENTINELS) and all(type(i) is int and i >= 0 for i in ids)
    prefix, language = get_script_prefix(), get_language()
    values = [str(i) for i in ids]
    urls = {}
    for name in names:
        parts = _parts(name, len(ids), prefix, language) if usable else None
        if parts is None:
            urls[name] = reverse(name, args=ids)
            continue
        pieces = [parts[0]]
        for value, tail in zip(values, parts[1:], strict=True):
            pieces.append(value)
            pieces.append(tail)
        urls[name] = "".join(pieces)
    return urls
