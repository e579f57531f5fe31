"""The family's preferred language: read, written (audited), and used for messages.

The language is chosen by a parent with the language switcher (``core:set_language``)
and used for the parent pages on login, for SMS (``outreach.planner``) and for e-mails
sent to the family (invitations, workshop registrations). French is the default and the
fallback of every translated text.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from millejours.audit.services import record_event
from millejours.core.i18n import apply_login_language

from .models import Family, Parent

DEFAULT_LANGUAGE = "fr"


def language_codes() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def family_for_parent_user(user: Any) -> Family | None:
    """The family of a parent account (None for anyone else)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_parent", False):
        return None
    profile = Parent.objects.filter(user=user).select_related("family").first()
    return profile.family if profile is not None else None


def preferred_language_for_user(user: Any) -> str | None:
    """The preferred language of a parent's family, or None (not a parent, no family)."""
    family = family_for_parent_user(user)
    return family.preferred_language if family is not None else None


def family_language(family: Family | None) -> str:
    """The language to write to ``family`` in (French when unknown)."""
    language = getattr(family, "preferred_language", "") or DEFAULT_LANGUAGE
    return language if language in language_codes() else DEFAULT_LANGUAGE


@transaction.atomic
def family_set_preferred_language(*, family: Family, language: str, user: Any) -> bool:
    """Store ``language`` as the family's preferred language; True when it changed.

    An unknown language is refused (``ValidationError``); a change is audited
    (``family.language``), an unchanged choice writes nothing.
    """
    if language not in language_codes():
        raise ValidationError("Langue inconnue.", code="unknown_language")
    previous = family.preferred_language
    if previous == language:
        return False
    Family.objects.filter(pk=family.pk).update(preferred_language=language)
    family.preferred_language = language
    record_event(
        actor=user,
        action="family.language",
        family=family,
        obj=family,
        details={"from": previous, "to": language},
    )
    return True


# --- Hooks of the language switcher and of the login (connected in ``PathwayConfig.ready``)


def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_in``: a parent gets her family's language on the parent pages."""
    if request is not None:
        apply_login_language(request, preferred_language_for_user(user))


def on_language_chosen(
    sender: Any, request: HttpRequest, user: Any, language: str, **kwargs: Any
) -> None:
    """``core.i18n.language_chosen``: a parent's choice becomes her family's language."""
    family = family_for_parent_user(user)
    if family is not None:
        family_set_preferred_language(family=family, language=language, user=user)
