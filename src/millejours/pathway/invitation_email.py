"""The parent invitation e-mail, written in the family's preferred language."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from .languages import family_language


def invitation_email(*, family: Any, first_name: str, inviter: str, url: str) -> tuple[str, str]:
    """(subject, body) of the invitation, in the family's language (French by default)."""
    with translation.override(family_language(family)):
        subject = _("Votre invitation à Mille Jours")
        body = _(
            "Bonjour %(first_name)s,\n\n"
            "%(inviter)s vous invite à créer votre compte Mille Jours pour suivre le calendrier "
            "des rendez-vous clés de votre grossesse et de votre enfant.\n\n"
            "Créez votre mot de passe en ouvrant ce lien (valable 7 jours, une seule fois) :\n"
            "%(url)s\n\n"
            "Si vous n'attendiez pas ce message, ignorez-le.\n\nL'équipe Mille Jours"
        ) % {"first_name": first_name, "inviter": inviter or _("Votre équipe de soins"), "url": url}
    return subject, body
