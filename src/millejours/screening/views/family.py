"""The screening page of a family, for its care team."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import selectors
from ..charts import epds_chart
from .common import epds_retest_on, pro_family


@login_required
def family_screening(request, family_id):
    family = pro_family(request, family_id, "screening.family")
    history = list(selectors.epds_history(family))
    return render(
        request,
        "screening/family.html",
        {
            "retest_on": epds_retest_on(history),
            "family": family,
            "epps": selectors.epp_versions(family),
            "flags": selectors.visible_flags(family, request.user),
            "alerts": selectors.family_alerts(family),
            "history": history,
            "chart": epds_chart(history),
        },
    )
