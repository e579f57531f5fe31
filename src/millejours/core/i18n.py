"""Languages of the parent-facing and public pages (docs/langues.md).

French is the source language and the default. The pages listed in ``TRANSLATED_PAGES``
follow the visitor's language (the ``django_language`` cookie set by the switcher, or
the browser's); every other page (professionals, coordination, administration) is not
translated and is always rendered in French, so that ``dir="rtl"`` is never put on a
French page. URLs never change with the language (no ``i18n_patterns``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

FRENCH = "fr"

# URL names (``namespace:name``) whose templates and messages are translated.
TRANSLATED_PAGES: frozenset[str] = frozenset(
    {
        "core:home",
        "core:set_language",
        "accounts:login",
        "accounts:logout",
        "pathway:parent_calendar",
        "pathway:parent_calendar_feed",
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

    Also applies the family's preferred language on login (``apply_on_login`` marks the
    request): the language cookie is set on the login response.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
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
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
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


def apply_on_login(request: HttpRequest, user: Any) -> None:
    """Switch to the family's preferred language when a parent logs in."""
    from millejours.pathway.languages import preferred_language_for_user

    language = supported(preferred_language_for_user(user))
    if language is None:
        return
    request.millejours_login_language = language
    translation.activate(language)
    request.LANGUAGE_CODE = language


def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_in`` receiver (connected in ``CoreConfig.ready``)."""
    if request is not None:
        apply_on_login(request, user)
