from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from millejours.accounts.access import require_coordinator

from .models import Territory
from .selectors import territory_communes, territory_list

TERRITORY_COORDINATION_ONLY = "Page réservée à la coordination du territoire."


@login_required
def territory_index(request):
    require_coordinator(request.user, TERRITORY_COORDINATION_ONLY)
    return render(request, "territory/list.html", {"territories": territory_list()})


@login_required
def territory_detail(request, slug):
    require_coordinator(request.user, TERRITORY_COORDINATION_ONLY)
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
