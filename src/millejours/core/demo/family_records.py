"""The synthetic families written in bulk, their calendar materialised and most past
milestones marked done."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db.models import DateField, ExpressionWrapper, F, Q

from millejours.pathway.calendar import materialise, update_statistics
from millejours.pathway.calendar.store import DONE_DATES
from millejours.pathway.models import (
    CareTeamMember,
    CareTeamRole,
    Child,
    Family,
    Milestone,
    MilestoneState,
    Parent,
    ParentRole,
    Pregnancy,
    PregnancyOutcome,
    Subject,
)
from millejours.territory.models import Commune

from .family_specs import FamilySpec

DONE_OFFSETS = (-2, 0, 1, 3, 7)  # days between a milestone's due date and its demo "done" date


def families_create(specs: list[FamilySpec], users: dict, today: date) -> list[int]:
    """Create the families of ``specs`` in bulk; return the ids of the new pregnancies."""

    communes = {
        c.insee_code: c
        for c in Commune.objects.filter(insee_code__in={s.commune_code for s in specs})
    }
    referente = users["referente"]
    parent_user = users["parent"]
    if Parent.objects.filter(user=parent_user).exists():  # already linked (earlier run)
        parent_user = None
    families = Family.objects.bulk_create(
        [
            Family(
                reference=s.reference,
                display_name=s.display_name,
                commune=communes.get(s.commune_code),
                address=s.address,
                referent=referente if s.with_referent else None,
                created_by=users[s.team[0]],
            )
            for s in specs
        ]
    )
    parents, pregnancies, team = [], [], []
    for fam, s in zip(families, specs, strict=True):
        parents.append(
            Parent(
                family=fam,
                role=ParentRole.MOTHER,
                user=parent_user if s.is_parent_demo else None,
                **s.mother,
            )
        )
        if s.partner:
            parents.append(Parent(family=fam, **s.partner))
        born = bool(s.children)
        pregnancies.append(
            Pregnancy(
                family=fam,
                lmp=s.lmp,
                declared_on=s.declared_on,
                fetus_count=s.fetus_count,
                first_child=s.first_child,
                outcome=PregnancyOutcome.BIRTH if born else PregnancyOutcome.ONGOING,
                ended_on=s.children[0].birth_date if born else None,
                epnp_2_risk=s.epnp_2_risk,
                **s.clinical,
            )
        )
        for key in s.team:
            team.append(CareTeamMember(family=fam, user=users[key], role=CareTeamRole.MEMBER))
        if s.with_referent:
            team.append(CareTeamMember(family=fam, user=referente, role=CareTeamRole.REFERENT))
    Parent.objects.bulk_create(parents)
    pregnancies = Pregnancy.objects.bulk_create(pregnancies)
    CareTeamMember.objects.bulk_create(team)
    children = [
        Child(
            family=fam,
            pregnancy=preg,
            first_name=c.first_name,
            sex=c.sex,
            birth_date=c.birth_date,
            gestational_age_weeks=c.ga_weeks,
            gestational_age_days=c.ga_days,
        )
        for fam, preg, s in zip(families, pregnancies, specs, strict=True)
        for c in s.children
    ]
    Child.objects.bulk_create(children)
    return [p.pk for p in pregnancies]


def materialise_and_mark_done(
    pregnancy_ids: list[int], *, users: dict, today: date, rng: random.Random, log: list[str]
) -> None:
    """Compute the calendar of the new pregnancies and mark most past milestones done."""

    if not pregnancy_ids:
        return
    materialise(Pregnancy.objects.filter(pk__in=pregnancy_ids), today=today)
    update_statistics()  # fresh planner statistics for the worklist after the bulk load
    team_by_family: dict[int, list[int]] = {}
    for family_id, user_id in (
        CareTeamMember.objects.filter(
            family__pregnancies__in=pregnancy_ids, removed_at__isnull=True
        )
        .values_list("family_id", "user_id")
        .order_by("family_id", "role", "user_id")  # members ("membre") before the referent
    ):
        team_by_family.setdefault(family_id, []).append(user_id)
    profession = {u.pk: u.profession for u in users.values()}
    # Open past milestones, and the pregnancy steps the birth closed (non applicable) whose
    # date came before it: the history of a pregnancy followed before the birth.
    closed_before_birth = Q(
        state=MilestoneState.NOT_APPLICABLE,
        subject=Subject.PREGNANCY,
        due__lt=F("pregnancy__ended_on"),
    )
    past = (
        Milestone.objects.filter(pregnancy_id__in=pregnancy_ids, due__lt=today)
        .filter(
            Q(state__in=[MilestoneState.UPCOMING, MilestoneState.DUE, MilestoneState.LATE])
            | closed_before_birth
        )
        .order_by("pk")
    )
    # Grouped by (days after the due date, professional): a handful of UPDATE queries.
    groups: dict[tuple[int, int | None], list[int]] = {}
    rows = past.values_list(
        "pk", "family_id", "subject", "due", "window_start", "pregnancy__ended_on"
    )
    for pk, family_id, subject, due, window_start, ended_on in rows:
        if rng.random() >= 0.85:
            continue  # left late (or not done before the birth), for the worklists
        limit = min(today, ended_on) if subject == Subject.PREGNANCY and ended_on else today
        offsets = [k for k in DONE_OFFSETS if window_start <= due + timedelta(days=k) < limit]
        team = team_by_family.get(family_id, [])
        # The child's steps by the PMI nurse of the team, the others by its sage-femme.
        wanted = "puericultrice" if subject == Subject.CHILD else "sage_femme"
        preferred = [user_id for user_id in team if profession.get(user_id) == wanted]
        done_by: int | None = (preferred or team)[0] if team else None
        groups.setdefault((rng.choice(offsets) if offsets else 0, done_by), []).append(pk)
    # Same label as ``pathway.services.milestone_mark_done``: "Name (Profession)".
    labels = {
        u.pk: f"{u.display_name} ({u.get_profession_display()})" if u.profession else u.display_name
        for u in users.values()
    }
    updated = []
    for (offset, done_by), ids in groups.items():
        for start in range(0, len(ids), 5000):
            Milestone.objects.filter(pk__in=ids[start : start + 5000]).update(
                state=MilestoneState.DONE,
                done_on=ExpressionWrapper(
                    F("due") + timedelta(days=offset), output_field=DateField()
                ),
                done_by_id=done_by,
                done_by_label=labels.get(done_by, ""),
            )
        updated.extend(ids)
    # Steps whose done date the engine reads (maternal vaccines: nirsevimab, postpartum
    # pertussis) change the baby's and the mother's steps: recompute those pregnancies.
    vaccinated = set(
        Milestone.objects.filter(
            pregnancy_id__in=pregnancy_ids,
            state=MilestoneState.DONE,
            code__in=list(DONE_DATES),
        ).values_list("pregnancy_id", flat=True)
    )
    if vaccinated:
        materialise(Pregnancy.objects.filter(pk__in=vaccinated), today=today)
    log.append(f"{len(updated)} étapes passées marquées comme faites.")
