"""Demo data of the prevention check-up: the demo parent's check-up and a two-goal plan."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from millejours.pathway.models import Parent

from . import services
from .models import Checkup

ANSWERS = {
    "activite_physique": "parfois",
    "tabac": "oui",
    "alcool_vrai_faux": "faux",
    "sommeil": "non",
    "fatigue": "souvent",
    "stress": "parfois",
    "argent": "non",
}
MOTIVATION = {
    "consommations": {"talk": True, "importance": 8, "confidence": 4},
    "repos": {"talk": True, "importance": 9, "confidence": 6},
}


def load(ctx) -> None:

    parent_user = ctx.users.get("parent")
    link = (
        Parent.objects.filter(user=parent_user).select_related("family").first()
        if parent_user
        else None
    )
    if link is None or Checkup.objects.filter(family=link.family).exists():
        return
    family = link.family
    pro = family.referent or next(
        (m.user for m in family.care_team.filter(removed_at__isnull=True)), None
    )
    checkup = services.checkup_submit(
        family=family, user=parent_user, answers=ANSWERS, motivation=MOTIVATION
    )
    if pro is None:
        return
    start = max(ctx.today, timezone.localdate())
    goals = [
        {
            "domain": "consommations",
            "words": "Ne plus fumer dans l'appartement",
            "first_steps": "Appeler le 39 89",
            "review_on": start + timedelta(days=5),
        },
        {
            "domain": "repos",
            "words": "Me reposer quand le bébé dort",
            "first_steps": "Demander à ma mère de venir le mardi",
            "review_on": start + timedelta(days=12),
        },
    ]
    services.plan_save(checkup=checkup, user=pro, goals=goals, consent_share=True)
    ctx.log.append(
        "Bilan prévention : 1 bilan et un plan à 2 objectifs pour le parent de démonstration."
    )
