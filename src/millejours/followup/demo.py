"""Demo data of the follow-up domain: contacts and goals of the referent's families."""

from __future__ import annotations

from datetime import timedelta

from .models import CareGoal, Contact, ContactChannel, GoalStatus

GOALS = (
    "Trouver un mode de garde avant la reprise du travail",
    "Préparer le retour à domicile avec la maternité",
    "Ouvrir les droits CAF (prime de naissance)",
    "Rompre l'isolement : participer à un atelier parents",
    "Mettre en place une aide à domicile (TISF)",
    "Organiser le suivi psychologique proposé après l'EPNP",
)
SUMMARIES = (
    "Échange sur le sommeil du bébé et la fatigue de la mère ; orientation vers l'atelier parents.",
    "Point sur les démarches administratives ; dossier CAF en cours.",
    "Visite à domicile : installation du couchage, allaitement qui se passe bien.",
    "Appel de suivi après le rendez-vous à la PMI ; pas d'inquiétude particulière.",
    "Contact avec l'assistante sociale du CCAS pour l'aide au logement.",
)


def load(ctx) -> None:
    referente = ctx.users.get("referente")
    if referente is None:
        return
    rng = ctx.rng
    families = [f for f in ctx.families if f.referent_id == referente.pk]
    already = set(
        Contact.objects.filter(family__in=families).values_list("family_id", flat=True).distinct()
    )
    contacts, goals = [], []
    for family in families:
        if family.pk in already:
            continue
        for n in range(rng.randint(1, 3)):
            contacts.append(
                Contact(
                    family=family,
                    author=referente,
                    occurred_on=ctx.today - timedelta(days=7 + 14 * n + rng.randint(0, 6)),
                    channel=rng.choice(ContactChannel.values),
                    summary=rng.choice(SUMMARIES),
                )
            )
        for title in rng.sample(GOALS, rng.randint(1, 2)):
            goals.append(
                CareGoal(
                    family=family,
                    title=title,
                    target_date=ctx.today + timedelta(days=rng.randint(7, 60)),
                    status=GoalStatus.OPEN,
                    created_by=referente,
                )
            )
    Contact.objects.bulk_create(contacts)
    CareGoal.objects.bulk_create(goals)
    if contacts:
        ctx.log.append(
            f"Accompagnement : {len(contacts)} contacts et {len(goals)} objectifs pour la référente."
        )
