from django.conf import settings

from .nav import entries_for


def navigation(request):
    user = getattr(request, "user", None)
    items = entries_for(user) if user is not None else []
    current = request.path
    for item in items:
        item["current"] = current.startswith(item["url"]) and item["url"] != "/"
    return {"nav_items": items, "demo_mode": settings.DEMO_MODE}
