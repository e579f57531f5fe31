"""JSON from outside (files, request bodies) read without a traceback on hostile nesting.

``json.loads`` recurses once per nesting level: ``[[[[…]]]]`` 100 000 levels deep raises
``RecursionError`` (a traceback, not a message). ``loads`` turns it, and any document
nested deeper than ``max_depth`` levels, into ``InvalidInput`` with a French message;
the depth is measured without recursion.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .errors import InvalidInput

MAX_DEPTH = 64
TOO_DEEP = "Le document JSON est trop profondément imbriqué (au plus {max_depth} niveaux)."


def depth(value: object) -> int:
    """Nesting depth of a parsed JSON value (a scalar is 0), computed iteratively."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        children: Iterable[object]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level + 1)
        stack.extend((child, level + 1) for child in children)
    return deepest


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` refusing deep nesting; ``json.JSONDecodeError`` is left to the caller."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise InvalidInput(TOO_DEEP.format(max_depth=max_depth), code="too_deep") from None
    if depth(value) > max_depth:
        raise InvalidInput(TOO_DEEP.format(max_depth=max_depth), code="too_deep")
    return value
