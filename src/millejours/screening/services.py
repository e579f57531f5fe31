"""Writes of the screening domain (one function per business action, audited).

- ``epds_submit(*, answers, respondent, family=None, user=None) -> Response``
- ``epp_sign(*, family, user, answers, supersedes=None) -> Response``: ``user`` may open
  the family; a correction (``supersedes``) only by who signed the corrected version
- ``flag_confirm(*, flag, user, consent_share, confirmed=True) -> VulnerabilityFlag``:
  ``user`` may open the family and the flag is one of its ``selectors.visible_flags``
- ``alert_close(*, alert, user, action_taken) -> AlertTask``: ``user`` may open the family
- ``contact_request_create(*, response, name, phone, email, consent) -> ContactRequest``
- ``contact_request_mark_handled(*, request, user) -> ContactRequest``

Scores always come from ``questionnaires`` (the same code as the ``score`` command).
Who may write is decided here, not only by the pages (``PermissionDenied``, nothing
written): "may open the family" is ``pathway.selectors.require_professional_access``.
Alert e-mails carry no health detail and leave on commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from millejours.audit.services import record_event
from millejours.pathway.models import OPEN_STATES, CareTeamMember, Milestone
from millejours.pathway.selectors import (
    require_parent_or_professional_access,
    require_professional_access,
)
from millejours.pathway.services import milestone_mark_done, pregnancy_flag_postpartum_risk

from . import questionnaires, selectors
from .models import (
    AlertStatus,
    AlertTask,
    ContactRequest,
    FlagStatus,
    QuestionnaireCode,
    Respondent,
    Response,
    VulnerabilityFlag,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from millejours.accounts.models import User
    from millejours.pathway.models import Family, Pregnancy

logger = logging.getLogger(__name__)

ALERT_EMAIL_SUBJECT = "Une alerte vous attend sur Mille Jours"
EPP_SIGNER_ONLY = "Seule la personne qui a signé l'entretien peut le corriger."
FLAG_NOT_VISIBLE = "Ce repérage n'est pas partagé avec vous."


def _current_pregnancy(family: Family) -> Pregnancy | None:
    return family.pregnancies.order_by("-lmp", "-id").first()


# --- EPDS -----------------------------------------------------------------------------------


@transaction.atomic
def epds_submit(
    *,
    answers: dict[str, Any],
    respondent: str,
    family: Family | None = None,
    user: User | None = None,
) -> Response:
    """Score and store one EPDS (signed at once: a self-test is complete when sent).

    For a family, ``user`` is its parent (her own family) or a professional who may open it
    (``PermissionDenied`` otherwise, nothing stored); an anonymous self-test has no family.

    For a followed family: an alert task when the rules say so, and the post-partum risk
    (``epnp_2``) from the ``vigilance`` level.
    """
    anonymous = respondent == Respondent.ANONYMOUS
    if family is not None and not anonymous:
        require_parent_or_professional_access(user, family.pk)
    q = questionnaires.epds()
    cleaned = q.clean(answers)
    result = q.score(cleaned)
    now = timezone.now()
    response = Response.objects.create(
        questionnaire=QuestionnaireCode.EPDS,
        version=q.version,
        family=None if anonymous else family,
        pregnancy=_current_pregnancy(family) if family and not anonymous else None,
        respondent=respondent,
        filled_by=None if anonymous else user,
        answers=cleaned,
        total=result.total,
        level=result.level,
        contact_offer=result.contact_offer,
        alert=result.alert,
        signed_at=now,
        signed_by=None if anonymous else user,
    )
    if family is not None and response.family_id:  # (family_id is set only for a family)
        record_event(
            actor=user,
            action="screening.epds",
            obj=response,
            details={"version": q.version, "respondent": respondent},
        )
        rule = q.alert_for(result)
        if rule:
            alert_raise(
                response=response, reason=rule["reason"], due_hours=rule["due_hours"], user=user
            )
        if q.is_postpartum_risk(result):
            _postpartum_risk(
                family=family,
                user=user,
                reason=f"EPDS du {now:%d/%m/%Y} : {result.level_label.lower()}",
            )
    return response


def _postpartum_risk(*, family: Family, user: User | None, reason: str) -> None:
    pregnancy = _current_pregnancy(family)
    if pregnancy is None or pregnancy.epnp_2_risk:
        return  # already applies: no second recomputation of the calendar

    pregnancy_flag_postpartum_risk(pregnancy=pregnancy, user=user, reason=reason)


# --- Alerts ---------------------------------------------------------------------------------


def alert_recipients(family: Family) -> list[User]:
    """The referent and the active care team of ``family`` (no duplicates)."""
    users = {
        m.user_id: m.user
        for m in CareTeamMember.objects.filter(
            family=family, removed_at__isnull=True
        ).select_related("user")
    }
    if family.referent_id and family.referent_id not in users and family.referent is not None:
        users[family.referent_id] = family.referent
    return [u for u in users.values() if u.is_active]


@transaction.atomic
def alert_raise(
    *, response: Response, reason: str, due_hours: int, user: User | None = None
) -> AlertTask | None:
    """An urgent task for the family's referent and care team, e-mailed on commit."""
    family = response.family
    if family is None:  # an anonymous response: no care team to alert
        return None
    recipients = alert_recipients(family)
    if not recipients:
        logger.warning("EPDS alert for family %s without care team", family.pk)
        return None
    alert = AlertTask.objects.create(
        family=family,
        response=response,
        reason=reason,
        due_at=timezone.now() + timedelta(hours=due_hours),
    )
    alert.assignees.set(recipients)
    record_event(
        actor=user,
        action="screening.alert.raised",
        obj=alert,
        details={
            "reason": reason,
            "due_at": alert.due_at.isoformat(),
            "assignees": [u.pk for u in recipients],
        },
    )
    emails = [u.email for u in recipients if u.email]
    url = settings.MILLEJOURS_SITE_URL.rstrip("/") + reverse(
        "screening:alert_detail", args=[alert.pk]
    )
    transaction.on_commit(lambda: _send_alert_email(emails, url))
    return alert


def _send_alert_email(emails: list[str], url: str) -> None:
    # No health detail here: neither the questionnaire, nor the score, nor the family.
    body = (
        "Bonjour,\n\nUne alerte vous attend sur Mille Jours. Elle est à traiter rapidement.\n"
        f"Connectez-vous pour la consulter : {url}\n\n— Mille Jours"
    )
    for email in emails:
        send_mail(ALERT_EMAIL_SUBJECT, body, None, [email], fail_silently=True)


@transaction.atomic
def alert_close(*, alert: AlertTask, user: User, action_taken: str) -> AlertTask:
    """Close an alert of a family ``user`` may open; the action taken is required."""
    require_professional_access(user, alert.family_id)
    action_taken = (action_taken or "").strip()
    if not action_taken:
        raise ValidationError(
            "Décrivez l'action réalisée pour clore l'alerte.", code="action_required"
        )
    if alert.status != AlertStatus.OPEN:
        raise ValidationError("Cette alerte est déjà close.", code="closed")
    alert.status = AlertStatus.CLOSED
    alert.closed_at = timezone.now()
    alert.closed_by = user
    alert.action_taken = action_taken
    alert.save(update_fields=["status", "closed_at", "closed_by", "action_taken"])
    record_event(actor=user, action="screening.alert.closed", obj=alert)
    return alert


@transaction.atomic
def contact_request_create(
    *, response: Response, name: str, phone: str, email: str, consent: bool
) -> ContactRequest:
    if not consent:
        raise ValidationError(
            "Votre accord est nécessaire pour que nous vous recontactions.", code="consent"
        )
    if not (phone or email):
        raise ValidationError("Indiquez un téléphone ou un courriel.", code="contact")
    return ContactRequest.objects.create(
        response=response, name=name, phone=phone, email=email, consent=True
    )


@transaction.atomic
def contact_request_mark_handled(*, request: ContactRequest, user: User) -> ContactRequest:
    if request.handled_at is None:
        request.handled_at = timezone.now()
        request.handled_by = user
        request.save(update_fields=["handled_at", "handled_by"])
        record_event(actor=user, action="screening.contact.handled", obj=request)
    return request


# --- EPP ------------------------------------------------------------------------------------


@transaction.atomic
def epp_sign(
    *, family: Family, user: User, answers: dict[str, Any], supersedes: Response | None = None
) -> Response:
    """Store and sign the EPP grid; positive domains become flags to confirm.

    Marks the pregnancy's ``epp`` milestone done. A correction passes ``supersedes``: a new
    signed response, the previous one kept untouched, by who signed it (``can_correct_epp``).
    """
    require_professional_access(user, family.pk)
    q = questionnaires.epp()
    cleaned = q.clean(answers)
    result = q.score(cleaned)
    if supersedes is not None:
        _check_correctable(family, supersedes, user)
    now = timezone.now()
    pregnancy = _current_pregnancy(family)
    response = Response.objects.create(
        questionnaire=QuestionnaireCode.EPP,
        version=q.version,
        family=family,
        pregnancy=pregnancy,
        respondent=Respondent.PROFESSIONAL,
        filled_by=user,
        answers=cleaned,
        total=result.total,
        signed_at=now,
        signed_by=user,
        supersedes=supersedes,
    )
    _create_epp_flags(family, response, user, result.flags, supersedes)
    record_event(
        actor=user,
        action="screening.epp.corrected" if supersedes else "screening.epp.signed",
        obj=response,
        details={"version": q.version, "flags": list(result.flags)},
    )
    if pregnancy is not None and supersedes is None:
        _mark_epp_done(pregnancy=pregnancy, user=user, done_on=timezone.localdate(now))
    if any(q.domain(code).postpartum_risk for code in result.flags):
        _postpartum_risk(family=family, user=user, reason="EPP : repérage en santé psychique")
    return response


def can_correct_epp(response: Response, user: User | AnonymousUser) -> bool:
    """Only the professional who signed an EPP corrects it (the page hides the button)."""
    return user.is_authenticated and response.filled_by_id == user.pk


def _check_correctable(family: Family, supersedes: Response, user: User) -> None:
    """An EPP of this family, signed by ``user``, not corrected yet."""
    if supersedes.family_id != family.pk or supersedes.questionnaire != QuestionnaireCode.EPP:
        raise ValidationError("La version corrigée n'appartient pas à ce dossier.")
    if not can_correct_epp(supersedes, user):
        raise PermissionDenied(EPP_SIGNER_ONLY)
    if Response.objects.filter(supersedes=supersedes).exists():
        raise ValidationError("Cette version a déjà été corrigée.", code="superseded")


def _create_epp_flags(
    family: Family,
    response: Response,
    user: User,
    codes: Iterable[str],
    supersedes: Response | None,
) -> None:
    """One flag per positive domain; a correction keeps what was already confirmed for the
    same domain."""
    previous = {}
    if supersedes is not None:
        previous = {f.domain: f for f in supersedes.flags.all()}
    VulnerabilityFlag.objects.bulk_create(
        [
            VulnerabilityFlag(
                family=family,
                response=response,
                domain=code,
                created_by=user,
                status=previous[code].status if code in previous else FlagStatus.PROPOSED,
                consent_share=previous[code].consent_share if code in previous else False,
                confirmed_by=previous[code].confirmed_by if code in previous else None,
                confirmed_at=previous[code].confirmed_at if code in previous else None,
            )
            for code in codes
        ]
    )


def _mark_epp_done(*, pregnancy: Pregnancy, user: User, done_on: date) -> None:
    milestone = Milestone.objects.filter(
        pregnancy=pregnancy, code="epp", state__in=OPEN_STATES
    ).first()
    if milestone is not None:
        milestone_mark_done(
            milestone=milestone, user=user, done_on=done_on, note="Entretien prénatal précoce signé"
        )


@transaction.atomic
def flag_confirm(
    *, flag: VulnerabilityFlag, user: User, consent_share: bool, confirmed: bool = True
) -> VulnerabilityFlag:
    """The professional confirms (or dismisses) a flag, with the family's consent to share.

    Only a flag ``user`` sees (``selectors.is_flag_visible``) of a family ``user`` may open.
    """
    require_professional_access(user, flag.family_id)
    if not selectors.is_flag_visible(flag, user):
        raise PermissionDenied(FLAG_NOT_VISIBLE)
    flag.status = FlagStatus.CONFIRMED if confirmed else FlagStatus.DISMISSED
    flag.consent_share = bool(consent_share) and confirmed
    flag.confirmed_by = user
    flag.confirmed_at = timezone.now()
    flag.save(update_fields=["status", "consent_share", "confirmed_by", "confirmed_at"])
    record_event(
        actor=user,
        action=f"screening.flag.{flag.status}",
        obj=flag,
        details={"domain": flag.domain, "consent_share": flag.consent_share},
    )
    return flag
