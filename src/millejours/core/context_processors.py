from django.conf import settings

from .i18n import is_translated
from .nav import entries_for


def navigation(request):
    user = getattr(request, "user", None)
    items = entries_for(user) if user is not None else []
    current = request.path
    # Highlight only the entry whose URL is the longest prefix of the current path, so that
    # "/familles/" and "/familles/liste-de-travail/" are not both marked current.
    best = max(
        (item for item in items if item["url"] != "/" and current.startswith(item["url"])),
        key=lambda item: len(item["url"]),
        default=None,
    )
    for item in items:
        item["current"] = item is best
    return {
        "nav_items": items,
        "demo_mode": settings.DEMO_MODE,
        "translated_page": is_translated(request),
        "language_choices": settings.LANGUAGES,
    }
