"""Demo data of the orientations domain: a partner account and a few orientations.

The partner ``partenaire@demo.millejours.fr`` (password ``core.demo.DEMO_PASSWORD``) is a
member of the association that runs services in the demo directory. Idempotent.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from millejours.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from millejours.core.demo import DEMO_PASSWORD, DemoContext
from millejours.directory.demo import SOURCE
from millejours.directory.models import Service, Status

from . import links, rules
from .models import Orientation, SharedContact, State
from .services import orientation_answer_by_link, orientation_create, orientation_transition

PARTNER_EMAIL = "partenaire@demo.millejours.fr"


def _demo_step(orientation: Orientation, step: str, *, sagefemme: User, partner: User) -> None:
    """One move of the story, by whom may make it: the midwife sends and closes, the demo
    partner answers for its association's services, another structure through its link."""
    if step in {State.SENT, State.DONE}:
        orientation_transition(orientation=orientation, to_state=step, by=sagefemme)
    elif rules.may_partner_answer(partner, orientation):
        orientation_transition(orientation=orientation, to_state=step, by=partner)
    else:
        token = links.make_token(orientation)
        orientation_answer_by_link(token=token, to_state=step)


def load(ctx: DemoContext) -> None:
    organisation, _ = Organisation.objects.get_or_create(
        name="Association Parents du Lauragais", defaults={"kind": OrganisationKind.ASSOCIATION}
    )
    partner = User.objects.filter(email=PARTNER_EMAIL).first()
    if partner is None:
        partner = User.objects.create_user(
            email=PARTNER_EMAIL,
            password=DEMO_PASSWORD,
            role=Role.PARTNER,
            first_name="Inès",
            last_name="Partenaire",
        )
    Membership.objects.get_or_create(user=partner, organisation=organisation)
    ctx.users.setdefault("partenaire", partner)

    start = ctx.first_load(Orientation, "Orientations", followed=4)
    if start is None:
        return
    sagefemme, followed = start
    services = Service.objects.filter(source=SOURCE, status=Status.PUBLISHED)
    partner_service = services.filter(structure__organisation=organisation).order_by("pk").first()
    mental = (
        services.filter(themes_key__contains="|perinatalite--depression-post-partum|")
        .order_by("pk")
        .first()
    )
    laep = services.filter(typologie="laep").order_by("pk").first()
    if not followed or partner_service is None:
        ctx.log.append(f"Orientations : compte partenaire {PARTNER_EMAIL} prêt.")
        return
    plans = [
        (
            partner_service,
            "Isolement : arrivée récente, souhaite rencontrer d'autres parents.",
            [State.SENT],
            9,
        ),
        (
            partner_service,
            "Le père souhaite trouver sa place : groupe de papas.",
            [State.SENT, State.RECEIVED, State.ACCEPTED],
            3,
        ),
        (
            mental or partner_service,
            "Score EPDS élevé, accord de la mère pour un avis spécialisé.",
            [State.SENT, State.RECEIVED, State.ACCEPTED, State.DONE],
            20,
        ),
        (laep or partner_service, "Besoin de temps d'éveil pour l'aîné.", [], 0),
    ]
    made = 0
    for family, (service, reason, steps, age_days) in zip(followed, plans, strict=False):
        orientation = orientation_create(
            family=family,
            service=service,
            by=sagefemme,
            reason=reason,
            consent_given=True,
            shared_contact=SharedContact.PHONE,
        )
        for step in steps:
            _demo_step(orientation, step, sagefemme=sagefemme, partner=partner)
        if age_days:
            Orientation.objects.filter(pk=orientation.pk).update(
                sent_at=timezone.now() - timedelta(days=age_days)
            )
        made += 1
    ctx.log.append(f"Orientations : {made} orientations et le compte partenaire {PARTNER_EMAIL}.")
