"""Access helpers of the programme pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def _coordinator(request):
    """Only the CPTS coordination (and administrators) manage the programme."""
    user = request.user
    if not (user.is_coordinator or user.is_platform_admin):
        raise PermissionDenied("Réservé à la coordination de la CPTS.")
    return user


def _professional(request):
    user = request.user
    if not (user.is_professional or user.is_coordinator):
        raise PermissionDenied("Réservé aux professionnels.")
    return user
