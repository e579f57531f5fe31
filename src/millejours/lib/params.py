"""Query-string parameters read with bounds: a French 400 instead of a traceback.

- ``search_text``: a search box value, at most ``SEARCH_MAX`` characters (a 60 KB query
  string is refused before it reaches the database or a template);
- ``year``: a year of four ASCII digits between ``YEAR_MIN`` and ``YEAR_MAX``
  (``int("²")`` or a 20-digit year used to raise deep in the date code);
- ``choice``: a value among the allowed ones (an export format with a newline used to
  reach the ``Content-Disposition`` header).

Each raises ``InvalidInput``; ``bad_parameter`` renders it as an HTTP 400 page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import wraps
from typing import Concatenate, ParamSpec, overload

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .errors import InvalidInput

P = ParamSpec("P")

SEARCH_MAX = 200
YEAR_MIN, YEAR_MAX = 2000, 2100


def search_text(request: HttpRequest, name: str = "q", *, max_length: int = SEARCH_MAX) -> str:
    value: str = request.GET.get(name, "").strip()
    if len(value) > max_length:
        raise InvalidInput(
            f"La recherche est limitée à {max_length} caractères ({len(value)} reçus).", "too_long"
        )
    return value


@overload
def year(request: HttpRequest, name: str = ..., *, default: int) -> int: ...
@overload
def year(request: HttpRequest, name: str = ..., *, default: None = None) -> int | None: ...
def year(request: HttpRequest, name: str = "annee", *, default: int | None = None) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"[0-9]{4}", raw) or not YEAR_MIN <= int(raw) <= YEAR_MAX:
        raise InvalidInput(f"L'année doit être comprise entre {YEAR_MIN} et {YEAR_MAX}.", "year")
    return int(raw)


def choice(value: str, allowed: Collection[str], *, label: str = "format") -> str:
    if value not in allowed:
        shown = "".join(c if c.isprintable() else "?" for c in value)[:20]
        raise InvalidInput(
            f"{label.capitalize()} inconnu « {shown} » : {', '.join(sorted(allowed))} attendu.",
            "choice",
        )
    return value


def bad_parameter(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
    return render(request, "core/bad_parameter.html", {"message": exc.message}, status=400)


def checked(
    view: Callable[Concatenate[HttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Decorator: an ``InvalidInput`` raised while reading parameters becomes a French 400."""

    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:

        try:
            return view(request, *args, **kwargs)
        except InvalidInput as exc:
            return bad_parameter(request, exc)

    return wrapper
