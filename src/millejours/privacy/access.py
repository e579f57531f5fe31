"""Who may open the privacy pages (role checks shared by the views)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def require_parent(user) -> None:
    if not user.is_parent:
        raise PermissionDenied("Page réservée aux parents.")


def require_dpo(user) -> None:
    """The platform administrator acts as the DPO's console."""
    if not user.is_platform_admin:
        raise PermissionDenied("Page réservée à l'administrateur / DPO.")


def require_professional(user) -> None:
    if not user.is_professional:
        raise PermissionDenied("Page réservée aux professionnels de santé.")
