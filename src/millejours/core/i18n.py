"""Languages of the parent-facing and public pages (docs/langues.md).

French is the source language and the default. The pages listed in ``TRANSLATED_PAGES``
follow the visitor's language (the ``django_language`` cookie set by the switcher, or
the browser's); every other page (professionals, coordination, administration) is not
translated and is always rendered in French, so that ``dir="rtl"`` is never put on a
French page. URLs never change with the language (no ``i18n_patterns``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.utils import translation

FRENCH = "fr"

# Sent by the language switcher with ``request``, ``user`` and ``language`` (a supported
# code): the domain that knows the user's family stores it (``pathway.languages``), so that
# core, on a lower floor, imports no domain (docs/architecture.md).
language_chosen = Signal()


class LanguageRequest(HttpRequest):
    """A request as this module's middleware marks it."""

    millejours_language: str
    millejours_login_language: str


# URL names (``namespace:name``) whose templates and messages are translated.
TRANSLATED_PAGES: frozenset[str] = frozenset(
    {
        "core:home",
        "core:set_language",
        "accounts:login",
        "accounts:logout",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        "pathway:parent_calendar",
        "pathway:parent_calendar_feed",
        "pathway:invitation_accept",
        "checkup:parent_checkup",
        "checkup:parent_result",
        "checkup:parent_plan",
        "outreach:optout",
        "screening:epds_public",
        "screening:epds_parent",
        "screening:epds_result",
        "privacy:my_consents",
        "privacy:my_data",
        "privacy:my_access_history",
        "programme:public_events",
        "programme:public_event_detail",
        "programme:registration_cancel",
        "programme:satisfaction",
        "directory:public_search",
        "directory:public_detail",
    }
)


def supported(language: str | None) -> str | None:
    """``language`` if it is one of ``settings.LANGUAGES``, else None."""
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else None


def is_translated(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in TRANSLATED_PAGES


class FrenchOutsideFamilyPagesMiddleware:
    """After ``LocaleMiddleware``: pages that are not translated are rendered in French.

    Also applies the family's preferred language on login (``apply_login_language`` marks the
    request): the language cookie is set on the login response.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, http_request: HttpRequest) -> HttpResponse:
        request = cast(LanguageRequest, http_request)
        # French until a translated view is reached (an unknown address's 404 included).
        request.millejours_language = getattr(request, "LANGUAGE_CODE", FRENCH)
        translation.activate(FRENCH)
        request.LANGUAGE_CODE = FRENCH
        response = self.get_response(request)
        language = getattr(request, "millejours_login_language", None)
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        if is_translated(request):
            language = getattr(request, "millejours_language", FRENCH)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return None


def apply_login_language(request: HttpRequest, language: str | None) -> None:
    """Switch to ``language`` for the login response and set its cookie (a parent's family
    language, given by ``pathway.languages`` on ``user_logged_in``)."""
    language = supported(language)
    if language is None:
        return
    cast(LanguageRequest, request).millejours_login_language = language
    translation.activate(language)
    request.LANGUAGE_CODE = language
