"""Writes of the programme domain (fiches, registrations, participation, agenda).

Every write is one atomic service call that also appends to the audit trail.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from millejours.audit.services import record_event

from . import vocab
from .models import (
    ActionItem,
    BudgetLine,
    Event,
    Fiche,
    FicheCallObjective,
    FichePartner,
    FicheState,
    FunderKind,
    Indicator,
    IndicatorSource,
    IndicatorValue,
    Mission,
    OperationalObjective,
    Participation,
    ParticipationRole,
    Partner,
    PartnerKind,
    PartnerRole,
    PublicCode,
    Registration,
    RegistrationKind,
    RegistrationStatus,
    SatisfactionResponse,
    Session,
)

FICHE_SCHEMA = "millejours.fiche/1"
CANCEL_SALT = "millejours.programme.cancel"
SATISFACTION_SALT = "millejours.programme.satisfaction"
SATISFACTION_MAX_AGE = 60 * 24 * 3600  # the questionnaire link works for 60 days


# --- Fiche JSON (schema millejours.fiche/1) --------------------------------------------------

SCALAR_FIELDS = (
    "title",
    "carrier",
    "mission",
    "framework",
    "theme",
    "state",
    "preamble",
    "context",
    "territorial_indicators",
    "general_objective",
    "target_public",
    "public_code",
    "description",
    "prerequisites",
    "start_label",
    "duration_label",
    "references",
)


def _dec(value) -> str | None:
    return None if value is None else str(value)


def fiche_to_dict(fiche: Fiche) -> dict:
    """The fiche as a JSON-ready dict following the ``millejours.fiche/1`` schema.

    Pass a fiche loaded with ``selectors.fiche_full`` (everything prefetched).
    """
    data = {field: getattr(fiche, field) for field in SCALAR_FIELDS}
    data.update(
        start_date=fiche.start_date.isoformat() if fiche.start_date else None,
        duration_months=fiche.duration_months,
        call_objectives=[o.code for o in fiche.call_objectives.all()],
        operational_objectives=[o.text for o in fiche.objectives.all()],
        actions=[a.text for a in fiche.actions.all()],
        partners=[
            {
                "name": link.partner.name,
                "kind": link.partner.kind,
                "role": link.role,
                "details": link.details,
                "convention_signed_on": (
                    link.partner.convention_signed_on.isoformat()
                    if link.partner.convention_signed_on
                    else None
                ),
            }
            for link in fiche.partner_links.all()
        ],
        budget=[
            {
                "year": line.year,
                "expense_item": line.expense_item,
                "funder": line.funder,
                "funder_kind": line.funder_kind,
                "forecast": _dec(line.forecast),
                "actual": _dec(line.actual),
            }
            for line in fiche.budget_lines.all()
        ],
        indicators=[
            {
                "label": ind.label,
                "source": ind.source,
                "values": [
                    {"year": v.year, "target": _dec(v.target), "actual": _dec(v.actual)}
                    for v in ind.values.all()
                ],
            }
            for ind in fiche.indicators.all()
        ],
    )
    return {"schema": FICHE_SCHEMA, "fiche": data}


class FicheDataError(ValueError):
    """An imported fiche is invalid; ``errors`` lists French messages."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


# Limits of an imported fiche: the database lengths of the CharFields, and bounds for the
# free texts (a fiche is a few pages) and the numbers (amounts fit DecimalField(12, 2)).
TEXT_MAX = 20_000
LIST_ITEM_MAX = 2_000
MONTHS_MAX = 240
AMOUNT_MAX = Decimal("9999999999.99")


def _check_text(errors, value, label, max_length) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.append(f"{label} : un texte est attendu.")
        return ""
    value = value.strip()
    if len(value) > max_length:
        errors.append(f"{label} : {len(value)} caractères, au plus {max_length} sont acceptés.")
    return value[:max_length]


def _check_choice(errors, value, choices, label, default):
    if value in (None, ""):
        return default
    if (
        not isinstance(value, str | int)
        or isinstance(value, bool)
        or value not in {c for c, _ in choices}
    ):
        errors.append(f"{label} : valeur inconnue « {value} ».")
        return default
    return value


def _parse_decimal(errors, value, label):
    if value in (None, ""):
        return None
    try:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors.append(f"{label} : « {str(value)[:50]} » n'est pas un nombre.")
        return None
    if not number.is_finite() or not Decimal(0) <= number <= AMOUNT_MAX:
        errors.append(
            f"{label} : le nombre doit être compris entre 0 et {AMOUNT_MAX:,.0f}.".replace(",", " ")
        )
        return None
    return number.quantize(Decimal("0.01"))


def _parse_year(errors, value, label):
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        errors.append(f"{label} : l'année doit être un entier entre 2000 et 2100.")
        return None
    return value


def validate_fiche_data(payload) -> dict:
    """Check a ``millejours.fiche/1`` document; return clean data or raise FicheDataError."""
    errors: list[str] = []
    if not isinstance(payload, dict):
        raise FicheDataError(["Le document doit être un objet JSON."])
    if payload.get("schema") != FICHE_SCHEMA:
        raise FicheDataError(
            [f"Schéma inconnu : « {payload.get('schema')} » (attendu : {FICHE_SCHEMA})."]
        )
    data = payload.get("fiche")
    if not isinstance(data, dict):
        raise FicheDataError(["La clé « fiche » doit contenir un objet."])
    clean: dict = {}
    for field in SCALAR_FIELDS:
        value = data.get(field, "")
        if value is not None and not isinstance(value, str):
            errors.append(f"Le champ « {field} » doit être un texte.")
            value = ""
        clean[field] = _check_text(
            errors, value, f"Champ « {field} »", Fiche._meta.get_field(field).max_length or TEXT_MAX
        )
    if not clean["title"].strip():
        errors.append("Le libellé de l'action (« title ») est obligatoire.")
    clean["mission"] = _check_choice(
        errors, clean["mission"], Mission.choices, "Mission", Mission.SOCLE_PREVENTION
    )
    clean["state"] = _check_choice(
        errors, clean["state"], FicheState.choices, "État", FicheState.IDEE
    )
    clean["theme"] = _check_choice(errors, clean["theme"], vocab.theme_choices(), "Thème", "autre")
    clean["public_code"] = _check_choice(
        errors, clean["public_code"], PublicCode.choices, "Public", PublicCode.PARENTS_0_3
    )
    start = data.get("start_date")
    clean["start_date"] = None
    if start:
        try:
            clean["start_date"] = date.fromisoformat(start)
        except (TypeError, ValueError):
            errors.append(
                f"Date de mise en place invalide : « {str(start)[:50]} » (format AAAA-MM-JJ)."
            )
        else:
            if not 2000 <= clean["start_date"].year <= 2100:
                errors.append(
                    "Date de mise en place : l'année doit être comprise entre 2000 et 2100."
                )
    months = data.get("duration_months")
    if months is not None and (
        isinstance(months, bool) or not isinstance(months, int) or not 0 <= months <= MONTHS_MAX
    ):
        errors.append(f"La durée en mois doit être un entier entre 0 et {MONTHS_MAX}.")
        months = None
    clean["duration_months"] = months

    def text_list(key, label):
        items = data.get(key, []) or []
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            errors.append(f"« {key} » doit être une liste de textes ({label}).")
            return []
        return [
            _check_text(errors, i, f"{label.capitalize()} n° {n}", LIST_ITEM_MAX)
            for n, i in enumerate(items, start=1)
            if i.strip()
        ]

    clean["operational_objectives"] = text_list("operational_objectives", "objectifs opérationnels")
    clean["actions"] = text_list("actions", "actions")
    codes = data.get("call_objectives", []) or []
    valid_codes = {o["code"] for o in vocab.call_objectives()}
    if not isinstance(codes, list) or any(
        not isinstance(c, int) or isinstance(c, bool) or c not in valid_codes for c in codes
    ):
        errors.append(
            "« call_objectives » doit être une liste de numéros d'objectifs entre 1 et 6."
        )
        codes = []
    clean["call_objectives"] = sorted(set(codes))

    partners = []
    for i, item in enumerate(data.get("partners", []) or [], start=1):
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            errors.append(f"Partenaire n° {i} : le nom est obligatoire.")
            continue
        signed = None
        if item.get("convention_signed_on"):
            try:
                signed = date.fromisoformat(item["convention_signed_on"])
            except (TypeError, ValueError):
                errors.append(f"Partenaire n° {i} : date de convention invalide.")
        partners.append(
            {
                "name": _check_text(errors, item["name"], f"Partenaire n° {i}, nom", 200),
                "kind": _check_choice(
                    errors,
                    item.get("kind"),
                    PartnerKind.choices,
                    f"Partenaire n° {i}, type",
                    PartnerKind.AUTRE,
                ),
                "role": _check_choice(
                    errors,
                    item.get("role"),
                    PartnerRole.choices,
                    f"Partenaire n° {i}, rôle",
                    PartnerRole.PARTENAIRE,
                ),
                "details": _check_text(
                    errors, item.get("details"), f"Partenaire n° {i}, précisions", 250
                ),
                "convention_signed_on": signed,
            }
        )
    clean["partners"] = partners

    budget = []
    for i, item in enumerate(data.get("budget", []) or [], start=1):
        label = f"Ligne de budget n° {i}"
        if not isinstance(item, dict):
            errors.append(f"{label} : objet attendu.")
            continue
        year = _parse_year(errors, item.get("year"), label)
        forecast = _parse_decimal(errors, item.get("forecast"), f"{label}, prévisionnel")
        actual = _parse_decimal(errors, item.get("actual"), f"{label}, réalisé")
        if not str(item.get("funder", "") or "").strip():
            errors.append(f"{label} : le financeur est obligatoire.")
        budget.append(
            {
                "year": year,
                "expense_item": _check_text(
                    errors, item.get("expense_item"), f"{label}, poste de dépense", 200
                ),
                "funder": _check_text(errors, item.get("funder"), f"{label}, financeur", 200),
                "funder_kind": _check_choice(
                    errors,
                    item.get("funder_kind"),
                    FunderKind.choices,
                    f"{label}, type de financeur",
                    FunderKind.AUTRE,
                ),
                "forecast": forecast or Decimal(0),
                "actual": actual,
            }
        )
    clean["budget"] = budget

    indicators = []
    for i, item in enumerate(data.get("indicators", []) or [], start=1):
        label = f"Indicateur n° {i}"
        if not isinstance(item, dict) or not str(item.get("label", "")).strip():
            errors.append(f"{label} : le libellé est obligatoire.")
            continue
        values = []
        years = set()
        for v in item.get("values", []) or []:
            if not isinstance(v, dict):
                errors.append(f"{label} : valeur annuelle invalide.")
                continue
            year = _parse_year(errors, v.get("year"), label)
            if year in years:
                errors.append(f"{label} : l'année {year} apparaît deux fois.")
            years.add(year)
            values.append(
                {
                    "year": year,
                    "target": _parse_decimal(errors, v.get("target"), f"{label}, cible"),
                    "actual": _parse_decimal(errors, v.get("actual"), f"{label}, réalisé"),
                }
            )
        indicators.append(
            {
                "label": _check_text(errors, item["label"], f"{label}, libellé", 300),
                "source": _check_choice(
                    errors,
                    item.get("source"),
                    IndicatorSource.choices,
                    f"{label}, mode de calcul",
                    IndicatorSource.MANUAL,
                ),
                "values": values,
            }
        )
    clean["indicators"] = indicators
    if errors:
        raise FicheDataError(errors)
    return clean


def _replace_children(fiche: Fiche, clean: dict) -> None:
    fiche.call_objectives.all().delete()
    fiche.objectives.all().delete()
    fiche.actions.all().delete()
    fiche.partner_links.all().delete()
    fiche.budget_lines.all().delete()
    fiche.indicators.all().delete()
    FicheCallObjective.objects.bulk_create(
        [FicheCallObjective(fiche=fiche, code=c) for c in clean["call_objectives"]]
    )
    OperationalObjective.objects.bulk_create(
        [
            OperationalObjective(fiche=fiche, position=i, text=t)
            for i, t in enumerate(clean["operational_objectives"])
        ]
    )
    ActionItem.objects.bulk_create(
        [ActionItem(fiche=fiche, position=i, text=t) for i, t in enumerate(clean["actions"])]
    )
    links = []
    for item in clean["partners"]:
        partner, created = Partner.objects.get_or_create(
            name=item["name"],
            defaults={"kind": item["kind"], "convention_signed_on": item["convention_signed_on"]},
        )
        if not any(link.partner_id == partner.pk and link.role == item["role"] for link in links):
            links.append(
                FichePartner(
                    fiche=fiche, partner=partner, role=item["role"], details=item["details"]
                )
            )
    FichePartner.objects.bulk_create(links)
    BudgetLine.objects.bulk_create([BudgetLine(fiche=fiche, **line) for line in clean["budget"]])
    for i, item in enumerate(clean["indicators"]):
        ind = Indicator.objects.create(
            fiche=fiche, position=i, label=item["label"], source=item["source"]
        )
        IndicatorValue.objects.bulk_create(
            [IndicatorValue(indicator=ind, **v) for v in item["values"]]
        )


def fiche_import(*, payload, actor=None, origin: str = "") -> Fiche:
    """Create a fiche from a ``millejours.fiche/1`` document (raises FicheDataError)."""
    clean = validate_fiche_data(payload)
    with transaction.atomic():
        fiche = Fiche.objects.create(
            **{f: clean[f] for f in SCALAR_FIELDS},
            start_date=clean["start_date"],
            duration_months=clean["duration_months"],
            created_by=actor if getattr(actor, "pk", None) else None,
            imported_from=origin[:200],
        )
        _replace_children(fiche, clean)
        record_event(
            actor=actor or "commande",
            action="programme.fiche_importee",
            obj=fiche,
            details={"origine": origin[:200]},
        )
    return fiche


def fiche_save(
    *, fiche: Fiche, actor, call_objectives: list[int] | None = None, created: bool = False
) -> Fiche:
    """Save a fiche edited through the form (the formsets are saved by the caller, inside)."""
    with transaction.atomic():
        if created:
            fiche.created_by = actor
        fiche.save()
        if call_objectives is not None:
            fiche.call_objectives.exclude(code__in=call_objectives).delete()
            existing = set(fiche.call_objectives.values_list("code", flat=True))
            FicheCallObjective.objects.bulk_create(
                [
                    FicheCallObjective(fiche=fiche, code=c)
                    for c in call_objectives
                    if c not in existing
                ]
            )
        record_event(
            actor=actor,
            action="programme.fiche_creee" if created else "programme.fiche_modifiee",
            obj=fiche,
        )
    return fiche


# --- Registrations --------------------------------------------------------------------------


class RegistrationError(ValidationError):
    pass


def cancel_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def satisfaction_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=SATISFACTION_SALT)


def registration_from_token(
    token: str, *, salt: str, max_age: int | None = None
) -> Registration | None:
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("session__event", "session__commune")
        .filter(pk=pk)
        .first()
    )


CANCEL_LINK_EXPIRED = gettext_noop("Ce lien d'annulation a expiré : la séance est terminée.")


def session_end(session: Session):
    """When a session is over (its start when no end was given)."""
    return session.ends_at or session.starts_at


def cancel_link_expired(registration: Registration) -> bool:
    """A cancel link works until the end of its session, never after."""
    return timezone.now() >= session_end(registration.session)


def _absolute(path: str) -> str:
    return settings.MILLEJOURS_SITE_URL.rstrip("/") + path


def registration_language(registration: Registration) -> str:
    """The language of a registered parent's family; French for anyone else."""
    from millejours.pathway.languages import family_for_parent_user, family_language

    family = family_for_parent_user(registration.user) if registration.user_id else None
    return family_language(family)


def _send(registration: Registration, template: str, subject: str, **extra) -> None:
    context = {
        "registration": registration,
        "session": registration.session,
        "event": registration.session.event,
        "cancel_url": _absolute(
            reverse("programme:registration_cancel", args=[cancel_token(registration)])
        ),
        **extra,
    }
    # In the registered parent's family language (French otherwise, docs/langues.md).
    with translation.override(registration_language(registration)):
        body = render_to_string(f"programme/emails/{template}.txt", context)
        send_mail(gettext(subject), body, None, [registration.email])


def _confirmed_count(session: Session) -> int:
    return session.registrations.filter(status=RegistrationStatus.CONFIRMEE).count()


def registration_create(
    *,
    session: Session,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    kind: str = RegistrationKind.PARENT,
    user=None,
) -> Registration:
    """Register someone to a session: confirmed while places remain, else on the waiting list."""
    email = email.strip().lower()
    with transaction.atomic():
        locked = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
        if locked.starts_at < timezone.now():
            raise RegistrationError(
                gettext("Cette séance est passée : les inscriptions sont closes.")
            )
        if (
            locked.registrations.filter(email=email)
            .exclude(status=RegistrationStatus.ANNULEE)
            .exists()
        ):
            raise RegistrationError(
                gettext("Cette adresse électronique est déjà inscrite à cette séance.")
            )
        full = locked.capacity is not None and _confirmed_count(locked) >= locked.capacity
        registration = Registration.objects.create(
            session=locked,
            kind=kind,
            user=user if getattr(user, "pk", None) else None,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            phone=phone.strip(),
            status=RegistrationStatus.ATTENTE if full else RegistrationStatus.CONFIRMEE,
        )
        record_event(
            actor=user or "inscription publique",
            action="programme.inscription",
            obj=registration,
            details={"statut": registration.status, "seance": locked.pk},
        )
        if registration.status == RegistrationStatus.CONFIRMEE:
            transaction.on_commit(
                lambda: _send(
                    registration, "confirmation", gettext_noop("Votre inscription est confirmée")
                )
            )
        else:
            transaction.on_commit(
                lambda: _send(
                    registration, "waiting", gettext_noop("Vous êtes sur la liste d'attente")
                )
            )
    return registration


def registration_cancel(*, registration: Registration, actor=None) -> Registration | None:
    """Cancel a registration; a freed place goes to the first person waiting (returned)."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=registration.session_id)
        reg = Registration.objects.select_for_update().get(pk=registration.pk)
        if reg.status == RegistrationStatus.ANNULEE:
            return None
        was_confirmed = reg.status == RegistrationStatus.CONFIRMEE
        reg.status = RegistrationStatus.ANNULEE
        reg.cancelled_at = timezone.now()
        reg.save(update_fields=["status", "cancelled_at"])
        record_event(
            actor=actor or "lien d'annulation", action="programme.inscription_annulee", obj=reg
        )
        promoted = None
        if was_confirmed and (
            session.capacity is None or _confirmed_count(session) < session.capacity
        ):
            promoted = (
                Registration.objects.select_for_update()
                .filter(session=session, status=RegistrationStatus.ATTENTE)
                .order_by("created_at", "id")
                .first()
            )
            if promoted is not None:
                promoted.status = RegistrationStatus.CONFIRMEE
                promoted.promoted_at = timezone.now()
                promoted.save(update_fields=["status", "promoted_at"])
                record_event(
                    actor="liste d'attente", action="programme.inscription_promue", obj=promoted
                )
                transaction.on_commit(
                    lambda: _send(
                        promoted,
                        "promoted",
                        gettext_noop("Une place s'est libérée : votre inscription est confirmée"),
                    )
                )
    registration.refresh_from_db()
    return promoted


def attendance_record(*, session: Session, present_ids: set[int], actor) -> None:
    """Record who came (confirmed registrations), then send the satisfaction questionnaire."""
    with transaction.atomic():
        regs = list(session.registrations.filter(status=RegistrationStatus.CONFIRMEE))
        for reg in regs:
            reg.attended = reg.pk in present_ids
        Registration.objects.bulk_update(regs, ["attended"])
        first_time = session.attendance_recorded_at is None
        session.attendance_recorded_at = timezone.now()
        session.save(update_fields=["attendance_recorded_at"])
        record_event(
            actor=actor,
            action="programme.presences",
            obj=session,
            details={"presents": len([r for r in regs if r.attended]), "inscrits": len(regs)},
        )
        if first_time:
            attendees = [r for r in regs if r.attended]

            def send_questionnaires():
                for reg in attendees:
                    _send(
                        reg,
                        "satisfaction",
                        gettext_noop("Votre avis sur la séance"),
                        satisfaction_url=_absolute(
                            reverse("programme:satisfaction", args=[satisfaction_token(reg)])
                        ),
                    )

            transaction.on_commit(send_questionnaires)


def satisfaction_submit(
    *, registration: Registration, rating: int, useful: bool, would_recommend: bool, comment: str
) -> SatisfactionResponse:
    with transaction.atomic():
        response, _ = SatisfactionResponse.objects.update_or_create(
            registration=registration,
            defaults={
                "rating": rating,
                "useful": useful,
                "would_recommend": would_recommend,
                "comment": comment,
            },
        )
        record_event(
            actor="questionnaire de satisfaction", action="programme.satisfaction", obj=registration
        )
    return response


def reminders_send(*, now: datetime | None = None, days_before: int = 2) -> int:
    """E-mail a reminder to confirmed people whose session starts within ``days_before`` days."""
    now = now or timezone.now()
    regs = list(
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMEE,
            reminder_sent_at__isnull=True,
            session__starts_at__gt=now,
            session__starts_at__lte=now + timedelta(days=days_before),
        ).select_related("session__event", "session__commune")
    )
    for reg in regs:
        _send(reg, "reminder", gettext_noop("Rappel : votre atelier approche"))
        reg.reminder_sent_at = now
    Registration.objects.bulk_update(regs, ["reminder_sent_at"])
    return len(regs)


# --- Participation --------------------------------------------------------------------------


def participation_create(
    *, actor, user, fiche: Fiche, date: date, role: str, hours, session: Session | None = None
) -> Participation:
    """Record time spent by a professional; the compensation follows the CPTS's rates."""
    if role not in ParticipationRole.values:
        raise ValidationError("Rôle inconnu.")
    hours = Decimal(str(hours))
    if hours <= 0:
        raise ValidationError("La durée doit être positive.")
    rate = vocab.hourly_rates().get(role, Decimal(0))
    with transaction.atomic():
        participation = Participation.objects.create(
            user=user,
            fiche=fiche,
            session=session,
            date=date,
            role=role,
            hours=hours,
            hourly_rate=rate,
            amount=(rate * hours).quantize(Decimal("0.01")),
        )
        record_event(
            actor=actor,
            action="programme.participation",
            obj=participation,
            details={"heures": str(hours)},
        )
    return participation


# --- Shared agenda: other actors' actions -------------------------------------------------------


@dataclass
class AgendaImportResult:
    created: int
    updated: int
    errors: list[str]


def _external_session(
    *,
    uid: str,
    title: str,
    theme: str,
    organiser: str,
    starts_at: datetime,
    ends_at: datetime | None,
    commune,
    place: str,
) -> bool:
    event, created = Event.objects.update_or_create(
        source_uid=uid,
        is_external=True,
        defaults={
            "title": title[:250],
            "theme": theme,
            "organiser": organiser[:200],
            "kind": "stand",
        },
    )
    Session.objects.update_or_create(
        event=event,
        source_uid=uid,
        defaults={
            "starts_at": starts_at,
            "ends_at": ends_at,
            "commune": commune,
            "place": place[:250],
        },
    )
    if commune is not None:
        event.communes.add(commune)
    return created


def _find_commune(value: str):
    from millejours.territory.models import Commune

    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit() and len(value) == 5:
        return Commune.objects.filter(insee_code=value).first()
    return Commune.objects.filter(name__iexact=value).first()


def agenda_import_csv(*, content: str, actor, default_theme: str = "autre") -> AgendaImportResult:
    """Import other actors' actions from CSV (columns: titre;organisateur;theme;debut;fin;commune;lieu)."""
    sample = content[:2048]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    missing = {"titre", "debut"} - set(reader.fieldnames or [])
    if missing:
        return AgendaImportResult(0, 0, [f"Colonnes manquantes : {', '.join(sorted(missing))}."])
    themes = {c for c, _ in vocab.theme_choices()}
    created = updated = 0
    errors: list[str] = []
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        for line, row in enumerate(reader, start=2):
            title = (row.get("titre") or "").strip()
            try:
                starts = datetime.fromisoformat((row.get("debut") or "").strip())
                ends = (
                    datetime.fromisoformat(row["fin"].strip())
                    if (row.get("fin") or "").strip()
                    else None
                )
            except ValueError:
                errors.append(f"Ligne {line} : date invalide (format AAAA-MM-JJ HH:MM).")
                continue
            if not title:
                errors.append(f"Ligne {line} : le titre est obligatoire.")
                continue
            if timezone.is_naive(starts):
                starts = timezone.make_aware(starts, tz)
            if ends is not None and timezone.is_naive(ends):
                ends = timezone.make_aware(ends, tz)
            theme = (row.get("theme") or "").strip() or default_theme
            if theme not in themes:
                errors.append(f"Ligne {line} : thème inconnu « {theme} ».")
                continue
            commune = _find_commune(row.get("commune", ""))
            uid = f"csv:{title}:{starts.isoformat()}"
            if _external_session(
                uid=uid,
                title=title,
                theme=theme,
                organiser=row.get("organisateur", "") or "",
                starts_at=starts,
                ends_at=ends,
                commune=commune,
                place=row.get("lieu", "") or "",
            ):
                created += 1
            else:
                updated += 1
        record_event(
            actor=actor,
            action="programme.agenda_import",
            details={"format": "csv", "crees": created},
        )
    return AgendaImportResult(created, updated, errors)


def agenda_import_ical(
    *, content: bytes | str, actor, theme: str = "autre", organiser: str = ""
) -> AgendaImportResult:
    """Import other actors' actions from an iCalendar feed (one VEVENT = one session)."""
    import icalendar

    try:
        cal = icalendar.Calendar.from_ical(content)
    except ValueError:
        return AgendaImportResult(0, 0, ["Le fichier n'est pas un calendrier iCalendar valide."])
    created = updated = 0
    errors: list[str] = []
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        for i, component in enumerate(cal.walk("VEVENT"), start=1):
            start = component.decoded("DTSTART", None)
            if start is None:
                errors.append(f"Événement n° {i} : date de début absente.")
                continue
            if not isinstance(start, datetime):
                start = datetime.combine(start, datetime.min.time())
            if timezone.is_naive(start):
                start = timezone.make_aware(start, tz)
            end = component.decoded("DTEND", None)
            if end is not None and not isinstance(end, datetime):
                end = datetime.combine(end, datetime.min.time())
            if end is not None and timezone.is_naive(end):
                end = timezone.make_aware(end, tz)
            title = str(component.get("SUMMARY", "") or "Action sans titre")
            location = str(component.get("LOCATION", "") or "")
            commune = _find_commune(location.split(",")[-1]) if location else None
            uid = "ics:" + str(component.get("UID", f"{title}:{start.isoformat()}"))
            if _external_session(
                uid=uid,
                title=title,
                theme=theme,
                organiser=organiser or str(component.get("ORGANIZER", "") or ""),
                starts_at=start,
                ends_at=end,
                commune=commune,
                place=location,
            ):
                created += 1
            else:
                updated += 1
        record_event(
            actor=actor,
            action="programme.agenda_import",
            details={"format": "ical", "crees": created},
        )
    return AgendaImportResult(created, updated, errors)
