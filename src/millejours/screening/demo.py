"""Demo data of the screening domain: a few EPP and EPDS, one alert for the sage-femme.

Idempotent: does nothing once the demo families have screening responses. Only synthetic
content (no real person); back-dating uses queryset updates, for the demo only.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from millejours.pathway.models import Parent

from . import questionnaires, services
from .models import Respondent, Response


def _points(q, points):
    return {
        item.code: next(o.code for o in item.options if o.points == p)
        for item, p in zip(q.choice_items, points, strict=True)
    }


def _epp(q, **positive):
    answers = {
        "participants": "couple",
        "besoins": "Être rassurés sur l'allaitement",
        "attentes": "Préparation à la naissance en groupe",
        "projet_naissance": "Accouchement à la maternité de proximité, péridurale si besoin",
    }
    for dom in q.domains:
        answers[dom.code] = "oui" if dom.code in positive else "non"
        if dom.code in positive:
            answers[f"{dom.code}_precisions"] = positive[dom.code]
    return answers


def _backdate(response, days: int) -> None:
    at = timezone.now() - timedelta(days=days)
    Response.objects.filter(pk=response.pk).update(created_at=at, signed_at=at)


def load(ctx) -> None:
    start = ctx.first_load(Response, "Repérage", followed=3)
    if start is None:
        return
    sagefemme, followed = start
    epds, epp = questionnaires.epds(), questionnaires.epp()
    created = 0
    if followed:
        fam = followed[0]
        response = services.epp_sign(
            family=fam,
            user=sagefemme,
            answers=_epp(
                epp,
                isolement="Arrivée récente sur le territoire, conjoint en déplacement la semaine",
                sante_psychique="Épisode anxieux lors de la première grossesse",
            ),
        )
        _backdate(response, 40)
        for flag in response.flags.all():
            services.flag_confirm(flag=flag, user=sagefemme, consent_share=True)
        for days, points in (
            (30, [2, 2, 2, 1, 1, 1, 1, 1, 1, 0]),
            (12, [1, 1, 1, 1, 0, 1, 1, 1, 0, 0]),
        ):
            r = services.epds_submit(
                answers=_points(epds, points),
                respondent=Respondent.PROFESSIONAL,
                family=fam,
                user=sagefemme,
            )
            _backdate(r, days)
        created += 3
    if len(followed) > 1:
        # The alert of the sage-femme's worklist: item 10 answered "Presque jamais".
        fam = followed[1]
        services.epds_submit(
            answers=_points(epds, [1, 1, 2, 1, 1, 1, 1, 1, 1, 1]),
            respondent=Respondent.PROFESSIONAL,
            family=fam,
            user=sagefemme,
        )
        r = services.epp_sign(family=fam, user=sagefemme, answers=_epp(epp))
        _backdate(r, 60)
        created += 2
    parent = ctx.users.get("parent")
    profile = (
        Parent.objects.filter(user=parent).select_related("family").first() if parent else None
    )
    if profile is not None:
        r = services.epds_submit(
            answers=_points(epds, [0, 1, 1, 1, 0, 1, 0, 0, 0, 0]),
            respondent=Respondent.PARENT,
            family=profile.family,
            user=parent,
        )
        _backdate(r, 20)
        created += 1
    for points in ([0] * 10, [1, 1, 1, 1, 1, 1, 1, 1, 1, 0], [2, 2, 1, 2, 1, 2, 1, 1, 1, 0]):
        services.epds_submit(answers=_points(epds, points), respondent=Respondent.ANONYMOUS)
        created += 1
    ctx.log.append(
        f"Repérage : {created} questionnaires (EPP, EPDS) et une alerte pour la sage-femme."
    )
