from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from .models import Territory
from .selectors import can_view_territories, territory_communes, territory_list


def _require_viewer(user) -> None:
    if not can_view_territories(user):
        raise PermissionDenied("Page réservée à la coordination du territoire.")


@login_required
def territory_index(request):
    _require_viewer(request.user)
    return render(request, "territory/list.html", {"territories": territory_list()})


@login_required
def territory_detail(request, slug):
    _require_viewer(request.user)
    territory = get_object_or_404(Territory.objects.select_related("organisation"), slug=slug)
    communes = list(territory_communes(territory))
    population = sum(c.population or 0 for c in communes)
    families = sum(c.family_count for c in communes)
    return render(
        request,
        "territory/detail.html",
        {
            "territory": territory,
            "communes": communes,
            "population": population,
            "families": families,
        },
    )
