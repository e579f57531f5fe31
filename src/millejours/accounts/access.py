"""One place for role checks (who may open a page), shared by the views of every domain.

``require_*(user, message)`` raises ``PermissionDenied`` (HTTP 403) with a French message
when the user does not hold the role, and returns the user otherwise;
``professional_required`` is the view decorator (login, then professional role). The
message differs from page to page (« Réservé à la coordination de la CPTS. »…): each view
passes its own when it is not the default. Which *family* a professional may open is not a
role check: ``pathway.selectors.get_family_for_user`` (care team, access log).

The coordination's write services hold the same rules themselves (defence in depth, as the
object rules of docs/trust.md § 9): ``require_role_or_platform(actor, require_coordinator)``
at their start, before any write and any audit event, so that a second page, htmx endpoint,
API route or command calling them with a weaker guard is refused too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from .models import Role

View = TypeVar("View", bound=Callable[..., HttpResponseBase])

COORDINATION_ONLY = "Réservé à la coordination."
CPTS_COORDINATION_ONLY = "Réservé à la coordination de la CPTS."
PROFESSIONALS_ONLY = "Cette page est réservée aux professionnels."
CARE_TEAM_PROFESSIONALS_ONLY = "Réservé aux professionnels de l'équipe de soins."
PARENTS_ONLY = "Réservé aux parents."
PARENTS_PAGE = "Page réservée aux parents."
HEALTH_PROFESSIONALS_PAGE = "Page réservée aux professionnels de santé."

# Everyone but parents and funders: the professional directory is theirs.
STAFF_ROLES = {Role.PROFESSIONAL, Role.REFERENT, Role.COORDINATOR, Role.PARTNER, Role.ADMIN}


def _deny(message: str | None) -> PermissionDenied:
    return PermissionDenied(message) if message else PermissionDenied()


def _check(user: Any, allowed: bool, message: str | None) -> Any:
    if not allowed:
        raise _deny(message)
    return user


# --- Predicates ---------------------------------------------------------------------------


def is_coordination(user: Any) -> bool:
    """The CPTS coordination or a platform administrator."""
    return bool(user.is_coordinator or user.is_platform_admin)


def is_staff_member(user: Any) -> bool:
    """A professional, referent, coordinator, partner or administrator (not a parent, not a
    funder)."""
    return bool(user.is_superuser or user.role in STAFF_ROLES)


def is_medical_referent(user: Any) -> bool:
    """The clinician who validates the calendar and screening rules."""
    return bool(user.is_authenticated and getattr(user, "is_medical_referent", False))


# --- Checks -------------------------------------------------------------------------------


def require_professional(user: Any, message: str | None = PROFESSIONALS_ONLY) -> Any:
    """Professionals and referents (the people who may join a care team)."""
    return _check(user, user.is_professional, message)


def require_coordinator(user: Any, message: str | None = COORDINATION_ONLY) -> Any:
    """The CPTS coordination (and platform administrators)."""
    return _check(user, is_coordination(user), message)


def require_coordination_or_funder(
    user: Any, message: str | None = "Réservé à la coordination et aux financeurs."
) -> Any:
    return _check(user, is_coordination(user) or user.is_funder, message)


def require_professional_or_coordinator(
    user: Any, message: str | None = "Réservé aux professionnels."
) -> Any:
    return _check(user, user.is_professional or user.is_coordinator, message)


def require_staff(user: Any, message: str | None = None) -> Any:
    return _check(user, is_staff_member(user), message)


def require_referent_or_coordinator(
    user: Any, message: str | None = "Réservé aux référents parcours et à la coordination."
) -> Any:
    """The perinatal referents and the CPTS coordination (who call families back)."""
    return _check(user, user.role in {Role.REFERENT, Role.COORDINATOR}, message)


def require_partner(user: Any, message: str | None = None) -> Any:
    return _check(user, user.is_partner, message)


def require_parent(user: Any, message: str | None = PARENTS_ONLY) -> Any:
    return _check(user, user.is_parent, message)


def require_platform_admin(
    user: Any, message: str | None = "Page réservée à l'administrateur / DPO."
) -> Any:
    return _check(user, user.is_platform_admin, message)


def require_medical_referent(
    user: Any, message: str | None = "Seul le référent médical peut valider une règle."
) -> Any:
    return _check(user, is_medical_referent(user), message)


RoleCheck = Callable[[Any], object]


def require_role_or_platform(actor: object, check: RoleCheck) -> None:
    """Inside a write service: ``PermissionDenied`` unless ``actor`` passes ``check`` (one
    of the ``require_*`` above, its own message), or is the platform itself: ``None`` or
    the label naming it in the audit trail (« commande fiche import », « démonstration »),
    as commands, jobs and demo loaders call the services. An anonymous visitor is refused."""
    if actor is None or isinstance(actor, str):
        return
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied()
    check(actor)


def professional_required(view: View) -> View:
    """View decorator: logged in as a professional (care team member role), else 403."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        require_professional(request.user)
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
