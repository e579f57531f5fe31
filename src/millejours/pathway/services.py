"""Writes of the pathway domain (one function per business action, audited).

Signatures other domains rely on (keep them stable):

- ``milestone_mark_done(*, milestone, user, done_on, note="") -> Milestone``
- ``pregnancy_flag_postpartum_risk(*, pregnancy, user, reason: str) -> None`` — makes the
  second postnatal interview (``epnp_2``) apply and recomputes the calendar.

Care-team changes (add, name a referent, remove, leave) live in ``pathway.careteam``, with
the rule of who may make them.

Also here: ``family_create``, ``pregnancy_record``, ``pregnancy_update``,
``child_record`` / ``birth_record`` (twins: several children of one pregnancy),
``milestone_mark_not_done``, ``parent_invite``,
``parent_invitation_accept``, ``calendar_feed_create`` / ``calendar_feed_revoke``.

Every service is atomic, writes the audit trail (``trust.services.record_event``) and
calls the calendar engine (``pathway.calendar.materialise``) after a change that moves
dates. Input is validated by the forms (``pathway.forms``, helpers in ``millejours.lib``);
services raise ``django.core.exceptions.ValidationError`` (French message) on a broken
business rule that a form cannot see.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from millejours.accounts.models import Role
from millejours.audit.services import record_event

from .models import (
    CalendarFeed,
    CareTeamMember,
    CareTeamRole,
    Child,
    Family,
    Milestone,
    MilestoneState,
    Parent,
    ParentInvitation,
    Pregnancy,
    PregnancyOutcome,
    Sex,
)

INVITATION_VALIDITY = timedelta(days=7)
# Clinical facts of the pregnancy used by the calendar rules (nirsevimab, gestational diabetes).
PREGNANCY_CLINICAL_FIELDS = (
    "mother_immunocompromised",
    "bmi_25_or_more",
    "family_history_type2_diabetes",
    "previous_gestational_diabetes_or_macrosomia",
)
PREGNANCY_FIELDS = (
    "lmp",
    "declared_on",
    "fetus_count",
    "first_child",
    "epnp_2_risk",
    *PREGNANCY_CLINICAL_FIELDS,
)
PARENT_FIELDS = ("role", "first_name", "last_name", "birth_date", "nir", "phone", "email")


def _materialise(pregnancies) -> None:
    """Recompute the milestones of ``pregnancies`` (the calendar engine owns the logic)."""
    from millejours.pathway import calendar

    calendar.materialise(pregnancies)


def _today() -> date:
    return timezone.localdate()


# --- Families, pregnancies, children --------------------------------------------------------


@transaction.atomic
def family_create(
    *,
    created_by,
    display_name: str,
    commune,
    parents: list[dict],
    pregnancy: dict | None = None,
    address: str = "",
) -> Family:
    """A new family with its parents and (optionally) a first pregnancy.

    ``parents``: dicts of ``Parent`` fields; ``pregnancy``: dict with ``lmp`` and optionally
    ``declared_on``, ``fetus_count``, ``first_child``. The creator joins the care team.
    """
    family = Family.objects.create(
        display_name=display_name, commune=commune, address=address, created_by=created_by
    )
    Parent.objects.bulk_create(
        [
            Parent(family=family, **{k: v for k, v in p.items() if k in PARENT_FIELDS})
            for p in parents
        ]
    )
    if created_by is not None and getattr(created_by, "is_professional", False):
        CareTeamMember.objects.create(
            family=family, user=created_by, role=CareTeamRole.MEMBER, added_by=created_by
        )
    record_event(
        actor=created_by,
        action="family.created",
        family=family,
        obj=family,
        details={"parents": len(parents), "commune": getattr(commune, "insee_code", "")},
    )
    if pregnancy:
        _pregnancy_create(family=family, user=created_by, **pregnancy)
    return family


def _pregnancy_create(
    *, family, user, lmp, declared_on=None, fetus_count=1, first_child=False, **extra
):
    clinical = {k: bool(v) for k, v in extra.items() if k in PREGNANCY_CLINICAL_FIELDS}
    pregnancy = Pregnancy.objects.create(
        family=family,
        lmp=lmp,
        declared_on=declared_on,
        fetus_count=fetus_count,
        first_child=first_child,
        **clinical,
    )
    record_event(
        actor=user,
        action="pregnancy.recorded",
        family=family,
        obj=pregnancy,
        details={"lmp": lmp.isoformat(), "fetus_count": fetus_count, "first_child": first_child},
    )
    _materialise([pregnancy])
    return pregnancy


@transaction.atomic
def pregnancy_record(
    *, family, user, lmp, declared_on=None, fetus_count=1, first_child=False, **clinical
) -> Pregnancy:
    """A new pregnancy in ``family`` (a family may have several pathways over the years);
    ``clinical``: the ``PREGNANCY_CLINICAL_FIELDS`` flags."""
    unknown = set(clinical) - set(PREGNANCY_CLINICAL_FIELDS)
    if unknown:
        raise TypeError(f"Champs inconnus : {', '.join(sorted(unknown))}")
    return _pregnancy_create(
        family=family,
        user=user,
        lmp=lmp,
        declared_on=declared_on,
        fetus_count=fetus_count,
        first_child=first_child,
        **clinical,
    )


@transaction.atomic
def pregnancy_update(*, pregnancy, user, **changes) -> Pregnancy:
    """Change the DDR, declaration date, number of fetuses, first-child flag or clinical
    facts (``PREGNANCY_CLINICAL_FIELDS``); recomputes the calendar."""
    unknown = set(changes) - set(PREGNANCY_FIELDS)
    if unknown:
        raise TypeError(f"Champs inconnus : {', '.join(sorted(unknown))}")
    before = {k: getattr(pregnancy, k) for k in changes}
    for key, value in changes.items():
        setattr(pregnancy, key, value)
    pregnancy.save()
    diff = {k: [_json(before[k]), _json(v)] for k, v in changes.items() if before[k] != v}
    record_event(
        actor=user,
        action="pregnancy.updated",
        family=pregnancy.family_id,
        obj=pregnancy,
        details=diff,
    )
    _materialise([pregnancy])
    return pregnancy


def _json(value):
    return value.isoformat() if isinstance(value, date) else value


@transaction.atomic
def birth_record(
    *,
    pregnancy,
    user,
    birth_date: date,
    gestational_age_weeks: int,
    gestational_age_days: int = 0,
    children: list[dict] | None = None,
) -> list[Child]:
    """The birth of one or several children (twins share the pregnancy, each has its calendar)."""
    children = children or [{}]
    created = [
        Child.objects.create(
            family_id=pregnancy.family_id,
            pregnancy=pregnancy,
            first_name=c.get("first_name", ""),
            sex=c.get("sex") or Sex.UNKNOWN,
            birth_date=birth_date,
            gestational_age_weeks=gestational_age_weeks,
            gestational_age_days=gestational_age_days,
        )
        for c in children
    ]
    pregnancy.outcome = PregnancyOutcome.BIRTH
    pregnancy.ended_on = birth_date
    pregnancy.save(update_fields=["outcome", "ended_on", "updated_at"])
    record_event(
        actor=user,
        action="birth.recorded",
        family=pregnancy.family_id,
        obj=pregnancy,
        details={
            "birth_date": birth_date.isoformat(),
            "children": [c.pk for c in created],
            "gestational_age": [gestational_age_weeks, gestational_age_days],
        },
    )
    _materialise([pregnancy])
    return created


def child_record(
    *,
    pregnancy,
    user,
    birth_date: date,
    gestational_age_weeks: int,
    gestational_age_days: int = 0,
    first_name: str = "",
    sex: str = Sex.UNKNOWN,
) -> Child:
    """One child born of ``pregnancy`` (call it once per twin, or use ``birth_record``)."""
    return birth_record(
        pregnancy=pregnancy,
        user=user,
        birth_date=birth_date,
        gestational_age_weeks=gestational_age_weeks,
        gestational_age_days=gestational_age_days,
        children=[{"first_name": first_name, "sex": sex}],
    )[0]


@transaction.atomic
def pregnancy_flag_postpartum_risk(*, pregnancy, user, reason: str) -> None:
    """Post-partum depression signs or risk factors: ``epnp_2`` applies; recomputes."""
    if not pregnancy.epnp_2_risk:
        pregnancy.epnp_2_risk = True
        pregnancy.save(update_fields=["epnp_2_risk", "updated_at"])
    record_event(
        actor=user,
        action="pregnancy.postpartum_risk",
        family=pregnancy.family_id,
        obj=pregnancy,
        details={"reason": reason},
    )
    _materialise([pregnancy])


# --- Milestones ---------------------------------------------------------------------------------


def open_state(milestone, today: date) -> str:
    """The time-dependent state of a milestone that is not done."""
    if today < milestone.window_start:
        return MilestoneState.UPCOMING
    if today <= milestone.window_end:
        return MilestoneState.DUE
    return MilestoneState.LATE


def check_done_on(milestone: Milestone, done_on: date) -> None:
    """The one rule for a « fait » date (one row, the timeline form, or in bulk).

    Not in the future, not before the pregnancy began (LMP), and a pregnancy step not
    after the birth or the end of that pregnancy. Raises ``ValidationError``.
    """
    if done_on > _today():
        raise ValidationError(
            "La date de réalisation ne peut pas être dans le futur.", code="future"
        )
    pregnancy = milestone.pregnancy
    if done_on < pregnancy.lmp:
        raise ValidationError(
            "La date de réalisation ne peut pas précéder le début de la grossesse "
            f"(DDR au {pregnancy.lmp:%d/%m/%Y}).",
            code="before_lmp",
        )
    if milestone.subject == "grossesse" and pregnancy.ended_on and done_on > pregnancy.ended_on:
        raise ValidationError(
            "Une étape de la grossesse ne peut pas avoir été faite après la naissance "
            f"ou la fin de la grossesse ({pregnancy.ended_on:%d/%m/%Y}).",
            code="after_end",
        )


@transaction.atomic
def milestone_mark_done(*, milestone, user, done_on: date, note: str = "") -> Milestone:
    """Record that the appointment took place on ``done_on`` (by ``user``)."""
    check_done_on(milestone, done_on)
    previous = milestone.state
    milestone.state = MilestoneState.DONE
    milestone.done_on = done_on
    milestone.done_by = user
    milestone.done_by_label = _done_by_label(user)
    milestone.done_note = note
    milestone.save(
        update_fields=["state", "done_on", "done_by", "done_by_label", "done_note", "updated_at"]
    )
    record_event(
        actor=user,
        action="milestone.done",
        family=milestone.family_id,
        obj=milestone,
        details={
            "code": milestone.code,
            "done_on": done_on.isoformat(),
            "previous_state": previous,
        },
    )
    # Some rules depend on what was done (maternal RSV vaccine → infant nirsevimab).
    _materialise([milestone.pregnancy_id])
    milestone.refresh_from_db()
    return milestone


def _done_by_label(user) -> str:
    profession = user.get_profession_display() if getattr(user, "profession", "") else ""
    return f"{user.display_name} ({profession})" if profession else user.display_name


@transaction.atomic
def milestone_mark_not_done(*, milestone, user) -> Milestone:
    """Undo ``milestone_mark_done`` (a mistake): back to its time-dependent state.

    Refused for the ``epp`` step of a pregnancy whose EPP grid is signed: the signed grid
    makes it done (one source of truth with the screening card).
    """
    if milestone.code == "epp" and _epp_signed(milestone.pregnancy_id):
        raise ValidationError(
            "L'EPP de cette grossesse est signé : l'étape reste faite (corrigez la grille si besoin).",
            code="epp_signed",
        )
    details = {
        "code": milestone.code,
        "done_on": milestone.done_on.isoformat() if milestone.done_on else None,
        "done_by": milestone.done_by_label,
    }
    milestone.state = open_state(milestone, _today())
    milestone.done_on = None
    milestone.done_by = None
    milestone.done_by_label = ""
    milestone.done_note = ""
    milestone.save(
        update_fields=["state", "done_on", "done_by", "done_by_label", "done_note", "updated_at"]
    )
    record_event(
        actor=user,
        action="milestone.undone",
        family=milestone.family_id,
        obj=milestone,
        details=details,
    )
    # The engine decides again (the rule may no longer apply: non applicable).
    _materialise([milestone.pregnancy_id])
    milestone.refresh_from_db()
    return milestone


def _epp_signed(pregnancy_id) -> bool:
    from millejours.screening.models import QuestionnaireCode, Response

    return Response.objects.filter(
        pregnancy_id=pregnancy_id, questionnaire=QuestionnaireCode.EPP, signed_at__isnull=False
    ).exists()


# --- Parent invitations -------------------------------------------------------------------------


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def parent_invite(*, family, parent, email: str, invited_by) -> ParentInvitation:
    """E-mail ``parent`` a one-time link (valid 7 days) to create their account.

    Only the SHA-256 of the token is stored; the link is set on the returned object as
    ``accept_url`` (not persisted) and sent after the transaction commits.
    """
    if parent.family_id != family.pk:
        raise ValidationError("Ce parent n'appartient pas à ce foyer.", code="wrong_family")
    if parent.user_id:
        raise ValidationError("Ce parent a déjà un compte.", code="already_linked")
    token = secrets.token_urlsafe(32)
    invitation = ParentInvitation.objects.create(
        family=family,
        parent=parent,
        email=email.strip().lower(),
        token_hash=_hash_token(token),
        created_by=invited_by,
        expires_at=timezone.now() + INVITATION_VALIDITY,
    )
    url = settings.MILLEJOURS_SITE_URL.rstrip("/") + reverse(
        "pathway:invitation_accept", args=[token]
    )
    invitation.accept_url = url
    record_event(
        actor=invited_by,
        action="parent.invited",
        family=family,
        obj=invitation,
        details={"parent": parent.pk, "expires_at": invitation.expires_at.isoformat()},
    )
    from .invitation_email import invitation_email

    subject, body = invitation_email(
        family=family,
        first_name=parent.first_name,
        inviter=invited_by.display_name if invited_by else "",
        url=url,
    )
    transaction.on_commit(lambda: send_mail(subject, body, None, [invitation.email]))
    return invitation


def find_invitation(token: str) -> ParentInvitation | None:
    """The pending, unexpired invitation for ``token``, or ``None``."""
    return (
        ParentInvitation.objects.select_related("parent", "family")
        .filter(
            token_hash=_hash_token(token or ""),
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


@transaction.atomic
def parent_invitation_accept(*, token: str, password: str):
    """Create the parent's account (role parent, linked to ``Parent.user``); one use only."""
    invitation = find_invitation(token)
    if invitation is None:
        raise ValidationError(
            "Ce lien d'invitation n'est plus valable (déjà utilisé ou expiré).",
            code="invalid_token",
        )
    # Lock the row so that two concurrent submissions cannot both succeed.
    invitation = ParentInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError("Ce lien d'invitation a déjà été utilisé.", code="used")
    User = get_user_model()
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            "Un compte existe déjà avec cette adresse : connectez-vous ou demandez une autre adresse.",
            code="email_taken",
        )
    parent = invitation.parent
    candidate = User(
        email=invitation.email, first_name=parent.first_name, last_name=parent.last_name
    )
    validate_password(password, user=candidate)
    user = User.objects.create_user(
        email=invitation.email,
        password=password,
        role=Role.PARENT,
        first_name=parent.first_name,
        last_name=parent.last_name,
    )
    Parent.objects.filter(pk=parent.pk).update(user=user)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record_event(
        actor=user, action="parent.invitation_accepted", family=invitation.family_id, obj=invitation
    )
    return user


# --- iCal subscription links ---------------------------------------------------------------------


@transaction.atomic
def calendar_feed_create(*, family, user) -> CalendarFeed:
    """A new secret iCal link; any previous active link of the family is revoked."""
    now = timezone.now()
    CalendarFeed.objects.filter(family=family, revoked_at__isnull=True).update(revoked_at=now)
    feed = CalendarFeed.objects.create(family=family, created_by=user)
    record_event(actor=user, action="calendar_feed.created", family=family, obj=feed)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, family, user) -> int:
    """Revoke every active iCal link of the family (subscribed calendars stop updating)."""
    count = CalendarFeed.objects.filter(family=family, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if count:
        record_event(
            actor=user, action="calendar_feed.revoked", family=family, details={"count": count}
        )
    return count
