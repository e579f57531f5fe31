"""« Mes données » as a readable French document (the HTML page and its PDF).

The machine-readable export stays ``privacy.rgpd.export_json_bytes``; this module walks the
same family-linked models (``rgpd.family_relations``) and turns each row into French
labels and values: dates the French way (« 12 mars 2026 »), « oui » / « non », choice
labels instead of codes, and no technical field (identifiers, hashes, tokens).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import dateformat, timezone, translation

from millejours.audit.models import AccessLog, AuditEvent
from millejours.audit.selectors import page_in_words
from millejours.privacy.rgpd import family_relations

# Section titles (the models' plural names are not all French nor all correct).
SECTION_TITLES = {
    "pathway.parent": "Parents",
    "pathway.pregnancy": "Grossesses",
    "pathway.child": "Enfants",
    "pathway.careteammember": "Équipe de soins",
    "pathway.milestone": "Étapes du parcours",
    "trust.consent": "Consentements",
    "screening.response": "Questionnaires remplis",
    "screening.vulnerabilityflag": "Repérage de vulnérabilités",
    "screening.alerttask": "Alertes",
    "screening.contactrequest": "Demandes de contact",
    "orientations.orientation": "Orientations",
    "orientations.orientationevent": "Suivi des orientations",
    "followup.contact": "Contacts d'accompagnement",
    "followup.caregoal": "Objectifs d'accompagnement",
    "followup.casereview": "Synthèses de situation",
    "outreach.outreachcontact": "Coordonnées « aller vers »",
    "outreach.recontact": "Recontacts",
    "outreach.outboundmessage": "Messages envoyés",
    "checkup.checkup": "Bilans prévention",
    "checkup.plan": "Plans de prévention",
    "checkup.checkupflag": "Repérages du bilan prévention",
    "checkup.goal": "Objectifs du plan de prévention",
}

# French labels for fields whose verbose name was left to Django's default (English).
FIELD_LABELS = {
    "created_at": "créé le",
    "created_by": "créé par",
    "updated_at": "modifié le",
    "added_at": "ajouté le",
    "added_by": "ajouté par",
    "removed_at": "retiré le",
    "role": "rôle",
    "status": "statut",
    "state": "état",
    "subject": "concerne",
    "pregnancy": "grossesse",
    "child": "enfant",
    "user": "compte",
    "author": "auteur",
    "filled_by": "rempli par",
    "signed_by": "signé par",
    "confirmed_by": "confirmé par",
    "confirmed_at": "confirmé le",
    "closed_by": "clos par",
    "closed_at": "clos le",
    "consent_recorded_by": "consentement recueilli par",
    "prepared_by": "préparée par",
    "recorded_by": "enregistré par",
    "handled_at": "traitée le",
    "handled_by": "traitée par",
    "from_state": "état précédent",
    "to_state": "nouvel état",
    "at": "date",
    "by_label": "par",
    "reason": "motif",
    "channel": "canal",
    "subject_line": "objet",
    "body": "texte",
    "sent_at": "envoyé le",
    "attempts": "tentatives",
    "parent": "parent",
    "contact": "contact",
    "message": "message",
    "questionnaire": "questionnaire",
    "response": "questionnaire",
    "orientation": "orientation",
    "service": "service",
    "step": "étape",
    "done_by": "réalisé par",
    "link_issued_at": "lien envoyé le",
    "last_reminder_at": "dernière relance le",
    "reminders_sent": "relances envoyées",
    "delivered_at": "reçu le",
    "last_error": "dernière erreur",
    "cancel_reason": "motif d'annulation",
    "motivation": "envie d'en parler, importance et confiance",
    "checkup": "bilan prévention",
    "question": "question",
    "plan": "plan de prévention",
    "position": "ordre",
}

# Never shown: technical identifiers, secrets, and what the page already says elsewhere.
SKIP_FIELDS = {
    "id",
    "family",
    "token",
    "token_hash",
    "key",
    "secret",
    "password",
    "row_hash",
    "claim_token",
    "claimed_at",
    "idempotency_key",
    "import_batch",
    "code",
    "rule_version",
    "answers",
    "by",
    "key_id",
    "prev_hash",
    "entry_hash",
    "subject",
    "public_token",
    "link_nonce",
    "provider_id",
}
# The calendar rule's own bookkeeping on each step (kept in the JSON export).
SKIP_BY_MODEL = {"pathway.milestone": {"source", "review"}}


# Codes stored without Django choices, in words.
CODED_FIELDS = {
    "status": {
        "compulsory": "obligatoire",
        "recommended": "recommandé",
        "conditional": "selon la situation",
        "information": "information",
    },
}


TABLE_FROM = 6  # a section with this many records or more reads better as a table


@dataclass
class Section:
    title: str
    rows: list[list[tuple[str, str]]] = field(default_factory=list)

    @property
    def as_table(self) -> bool:
        return len(self.rows) >= TABLE_FROM

    @property
    def columns(self) -> list[str]:
        seen: dict[str, None] = {}
        for row in self.rows:
            for label, _ in row:
                seen.setdefault(label, None)
        return list(seen)

    @property
    def table(self) -> list[list[str]]:
        columns = self.columns
        return [[dict(row).get(column, "") for column in columns] for row in self.rows]


def french_date(value) -> str:
    """« 12 mars 2026 », or « 12 mars 2026 à 14 h 05 » for a moment."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return dateformat.format(value, "j F Y à G \\h i")
    return dateformat.format(value, "j F Y")


def _label(model_field) -> str:
    name = model_field.name
    verbose = str(model_field.verbose_name)
    if verbose == name.replace("_", " ") and name in FIELD_LABELS:
        verbose = FIELD_LABELS[name]
    return verbose[:1].upper() + verbose[1:]


def _value(obj, model_field) -> str:
    if model_field.choices:
        raw = getattr(obj, model_field.attname)
        return "" if raw in (None, "") else str(getattr(obj, f"get_{model_field.name}_display")())
    if model_field.is_relation:
        if getattr(obj, model_field.attname) is None:
            return ""
        related = getattr(obj, model_field.name)
        return "" if related is None else str(getattr(related, "display_name", "") or related)
    value = getattr(obj, model_field.attname)
    if model_field.name in CODED_FIELDS:
        return CODED_FIELDS[model_field.name].get(value, value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (dt.date, dt.datetime)):
        return french_date(value)
    if isinstance(value, (dict, list)):
        return ""
    return "" if value is None else str(value)


def rows_of(obj) -> list[tuple[str, str]]:
    rows = []
    skip = SKIP_FIELDS | SKIP_BY_MODEL.get(obj._meta.label_lower, set())
    for model_field in obj._meta.concrete_fields:
        if model_field.name in skip or isinstance(model_field, models.JSONField):
            continue
        value = _value(obj, model_field)
        if value != "":
            rows.append((_label(model_field), value))
    return rows


def family_document(family) -> list[Section]:
    """The sections of « Mes données », empty ones left out.

    Always built in French (dates, choice labels, headings): a translated page translates
    the headings and labels only (``privacy/_document.html``), values stay as stored.
    """
    with translation.override("fr"):
        return _family_document(family)


def _family_document(family) -> list[Section]:
    sections = [Section("Votre foyer", [rows_of(family)])]
    for model, fk in family_relations():
        label = model._meta.label_lower
        objs = model._default_manager.filter(**{fk: family}).order_by("pk")
        rows = [r for r in (rows_of(obj) for obj in objs.iterator()) if r]
        if rows:
            sections.append(
                Section(
                    SECTION_TITLES.get(label, str(model._meta.verbose_name_plural).capitalize()),
                    rows,
                )
            )
    consultations = [
        [
            ("Date", french_date(e.at)),
            ("Personne", e.actor_label),
            ("Profession", e.actor_profession),
            ("Organisation", e.actor_organisation),
            ("Partie consultée", page_in_words(e.page)),
            ("Accès exceptionnel", "oui" if e.break_glass else "non"),
        ]
        for e in AccessLog.objects.filter(family_id_ref=family.pk).order_by("at", "id").iterator()
    ]
    if consultations:
        sections.append(Section("Consultations du dossier", consultations))
    changes = [
        [("Date", french_date(e.at)), ("Auteur", e.actor_label), ("Action", e.action)]
        for e in AuditEvent.objects.filter(family_id_ref=family.pk).order_by("at", "id").iterator()
    ]
    if changes:
        sections.append(Section("Historique des modifications", changes))
    return sections


def document_pdf_bytes(family) -> bytes:
    from weasyprint import HTML  # heavy (Pango): loaded for a PDF only

    html = render_to_string(
        "privacy/my_data_pdf.html",
        {
            "family": family,
            "sections": family_document(family),
            "exported": french_date(timezone.now()),
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
