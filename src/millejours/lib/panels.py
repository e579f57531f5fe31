"""Render a domain's panel inside the page being rendered (family record, worklist).

``render_to_string(name, values, request=request)`` builds a new ``RequestContext`` and
runs every context processor again (navigation, messages, auth…) for each panel: four
panels on the family record meant four extra navigation computations. ``render_panel``
renders the panel's template with the page's own context object (same engine, same
request), giving it only ``values`` plus what a panel may need from the page: the CSRF
token, the request and the user. The output is the same.
"""

from __future__ import annotations

from typing import Any

from django.template.context import Context
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

_INHERITED = ("csrf_token", "request", "user", "perms")


def panel_user(context: Context) -> Any | None:
    """The logged-in user of the page being rendered, or None (anonymous, no request)."""
    user = getattr(context.get("request"), "user", None)
    return user if user is not None and user.is_authenticated else None


def panel_professional(context: Context) -> Any | None:
    """The logged-in professional of the page, or None: the panels of a family record and
    of the worklist are for professionals only."""
    user = panel_user(context)
    return user if user is not None and user.is_professional else None


def render_panel(context: Context, template_name: str, values: dict[str, Any]) -> SafeString:
    engine = getattr(getattr(context, "template", None), "engine", None)
    if engine is None:  # rendered outside a template (tests calling the tag directly)
        return mark_safe(render_to_string(template_name, values, request=context.get("request")))  # noqa: S308
    inner = context.new(values)
    for key in _INHERITED:
        if key in context and key not in values:
            inner[key] = context[key]
    rendered: str = engine.get_template(template_name).render(inner)
    return mark_safe(rendered)


# noqa: S308 - escaped by the engine
