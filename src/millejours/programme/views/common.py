"""Access helpers of the programme pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from millejours.accounts.models import User


def _coordinator(request: HttpRequest) -> User:
    """Only the CPTS coordination (and administrators) manage the programme."""
    user = request.user
    if not isinstance(user, User) or not (user.is_coordinator or user.is_platform_admin):
        raise PermissionDenied("Réservé à la coordination de la CPTS.")
    return user


def _professional(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not (user.is_professional or user.is_coordinator):
        raise PermissionDenied("Réservé aux professionnels.")
    return user
