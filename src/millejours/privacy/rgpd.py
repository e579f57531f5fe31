"""RGPD rights: export of a family's data, anonymisation at end of retention, erasure.

The export and the anonymisation walk the models that point to ``pathway.Family`` (every
domain's data about a family has a foreign key to it), so a new domain is covered without
changing this module.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone

from millejours.accounts.access import require_platform_admin, require_role_or_platform
from millejours.audit.fields import EncryptedJSONField
from millejours.audit.models import AccessLog, AuditEvent, ErasureKind, ErasureRecord
from millejours.audit.selectors import page_in_words
from millejours.audit.services import record_event
from millejours.pathway.models import Family, FamilyStatus

# Sent inside the erasure transaction, before the family is deleted, with ``family=``: each
# domain erases what it keeps outside its family-linked rows (e.g. the stored declaration
# files, ``outreach.files``) and returns how many such items it erased.
family_erasure = Signal()

# Models never exported nor blanked by the generic walk (secrets, trust internals).
_SKIP_MODELS = {"pathway.calendarfeed", "pathway.parentinvitation", "trust.breakglassaccess"}
_SECRET_FIELD_NAMES = {"token", "token_hash", "key", "secret", "password"}


def family_relations() -> Iterator[tuple[type[models.Model], str]]:
    """(model, lookup to the family) for every model holding data about a family.

    Direct foreign keys to ``Family``, then models attached to those (e.g. a record of a
    pregnancy or of a child) when they have no direct key themselves.
    """

    def reverse_relations(model):
        for rel in model._meta.related_objects:
            if (
                rel.one_to_many or rel.one_to_one
            ) and rel.related_model._meta.label_lower not in _SKIP_MODELS:
                yield rel.related_model, rel.field.name

    level1 = list(reverse_relations(Family))
    seen = {model for model, _ in level1} | {Family}
    yield from level1
    for model, fk in level1:
        for sub_model, sub_fk in reverse_relations(model):
            if sub_model in seen:
                continue
            seen.add(sub_model)
            yield sub_model, f"{sub_fk}__{fk}"


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _row(obj) -> dict:
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in _SECRET_FIELD_NAMES:
            continue
        if field.is_relation:
            data[field.name] = (
                str(getattr(obj, field.name) or "")
                if field.many_to_one
                else getattr(obj, field.attname)
            )
            continue
        value = getattr(obj, field.attname)
        if field.choices and value not in (None, ""):
            value = {"code": value, "libellé": str(getattr(obj, f"get_{field.name}_display")())}
        data[field.name] = _plain(value)
    return data


def export_family(family) -> dict:
    """Everything the platform holds about ``family`` (what the parent downloads)."""
    sections: dict[str, Any] = {"famille": _row(family)}
    for model, fk in family_relations():
        rows = model._default_manager.filter(**{fk: family})
        sections[str(model._meta.verbose_name_plural)] = [_row(obj) for obj in rows.iterator()]
    sections["consultations du dossier"] = [
        {
            "date": timezone.localtime(entry.at).isoformat(),
            "personne": entry.actor_label,
            "profession": entry.actor_profession,
            "organisation": entry.actor_organisation,
            "page": page_in_words(entry.page),
            "bris de glace": entry.break_glass,
        }
        for entry in AccessLog.objects.filter(family_id_ref=family.pk)
        .order_by("at", "id")
        .iterator()
    ]
    sections["historique des modifications"] = [
        {"date": timezone.localtime(e.at).isoformat(), "auteur": e.actor_label, "action": e.action}
        for e in AuditEvent.objects.filter(family_id_ref=family.pk).order_by("at", "id").iterator()
    ]
    return {
        "format": "millejours-export-rgpd",
        "version": 1,
        "exporté_le": timezone.localtime().isoformat(),
        "données": sections,
    }


def export_json_bytes(family) -> bytes:
    return json.dumps(
        export_family(family), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    ).encode()


# --- Retention -------------------------------------------------------------------------------


def pathway_end(family) -> dt.date | None:
    """End of the 1000 days: 2nd birthday of the last child (else due date of last pregnancy + 2 y)."""
    births = [c.birth_date for c in family.children.all()]
    if births:
        return max(births) + relativedelta(years=2)
    pregnancies = list(family.pregnancies.all())
    if pregnancies:
        last = max(pregnancies, key=lambda p: p.lmp)
        end = last.ended_on or last.due_date
        return end + relativedelta(years=2)
    return None


def families_due_for_anonymisation(*, years: int | None = None, today: dt.date | None = None):
    years = settings.MILLEJOURS_RETENTION_YEARS if years is None else years
    today = today or timezone.localdate()
    limit = today - relativedelta(years=years)
    candidates = (
        Family.objects.exclude(status=FamilyStatus.ANONYMISED)
        .prefetch_related("children", "pregnancies")
        .order_by("pk")
    )
    for family in candidates.iterator(chunk_size=500):
        end = pathway_end(family)
        if end is not None and end <= limit:
            yield family


_PERSONAL_HINTS = (
    "name",
    "nom",
    "prenom",
    "phone",
    "tel",
    "address",
    "adresse",
    "nir",
    "note",
    "comment",
    "email",
    "mail",
    "_by",
)


def _blank_personal_fields(obj) -> list[str]:
    """Blank free texts, names, contacts and birth dates; keep codes and dates."""
    changed = []
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.is_relation or field.choices or field.unique:
            continue
        name = field.attname
        value: Any
        if isinstance(field, (models.JSONField, EncryptedJSONField)):
            value = None if field.null else {}
        elif (
            isinstance(field, (models.TextField, models.EmailField))
            or field.get_internal_type() == "TextField"
        ):
            value = None if field.null else ""
        elif isinstance(field, models.CharField) and any(
            hint in field.name.lower() for hint in _PERSONAL_HINTS
        ):
            value = None if field.null else ""
        elif isinstance(field, models.DateField) and "birth" in field.name and field.null:
            value = None
        else:
            continue
        setattr(obj, name, value)
        changed.append(name)
    return changed


@transaction.atomic
def anonymise_family(family) -> None:
    """Remove every personal datum of ``family``; dates and codes stay for statistics."""
    for model, fk in family_relations():
        objs = list(model._default_manager.filter(**{fk: family}))
        for obj in objs:
            changed = _blank_personal_fields(obj)
            if hasattr(obj, "user_id") and model._meta.label_lower == "pathway.parent":
                obj.user_id = None
                changed.append("user_id")
            if changed:
                model._default_manager.filter(pk=obj.pk).update(
                    **{n: getattr(obj, n) for n in changed}
                )
    family.display_name = f"Famille anonymisée {family.pk}"
    family.address = ""
    family.status = FamilyStatus.ANONYMISED
    family.save(update_fields=["display_name", "address", "status"])
    AuditEvent.objects.filter(family_id_ref=family.pk).update(details={})


def anonymise_due(*, years: int | None = None, dry_run: bool = False, actor=None) -> list[int]:
    """Anonymise the families past retention: the platform's (``actor=None``: the command,
    the retention job) or the administrator / DPO's."""
    require_role_or_platform(actor, require_platform_admin)
    ids = [family.pk for family in families_due_for_anonymisation(years=years)]
    if dry_run or not ids:
        return ids
    for family in Family.objects.filter(pk__in=ids):
        anonymise_family(family)
    ErasureRecord.objects.create(
        kind=ErasureKind.ANONYMISATION,
        performed_by=actor if getattr(actor, "pk", None) else None,
        performed_by_label=getattr(actor, "display_name", "") or "commande rgpd anonymise",
        legal_basis=f"Fin de la durée de conservation ({years or settings.MILLEJOURS_RETENTION_YEARS} ans après la fin du parcours)",
        family_count=len(ids),
    )
    return ids


@transaction.atomic
def erase_family(*, family, actor, legal_basis: str) -> ErasureRecord:
    """Delete a family on request (where the law allows). The record keeps no personal data.

    The access log keeps its rows (accountability of the professionals, chain integrity):
    they only carry the former file number. The administrator / DPO's only
    (``require_platform_admin``), checked before anything is deleted: an erasure is always a
    named person's act, never the platform's.
    """
    if actor is None or isinstance(actor, str):
        raise PermissionDenied("Un effacement est l'acte de l'administrateur / DPO.")
    require_role_or_platform(actor, require_platform_admin)
    # django-stubs types a receiver's result as ``str | None``; ours return a file count.
    results: list[tuple[object, object]] = list(
        family_erasure.send(sender=erase_family, family=family)
    )
    files = sum(r for _, r in results if isinstance(r, int))
    AuditEvent.objects.filter(family_id_ref=family.pk).delete()
    family.delete()
    record = ErasureRecord.objects.create(
        kind=ErasureKind.DELETION,
        performed_by=actor,
        performed_by_label=actor.display_name,
        legal_basis=legal_basis,
        family_count=1,
    )
    record_event(
        actor=actor,
        action="rgpd.erased",
        obj=record,
        details={"legal_basis": legal_basis, "fichiers_effaces": files},
    )
    return record
