"""Writes of fiches: creating one from a ``millejours.fiche/1`` document, saving an edited one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.forms import BaseModelFormSet

from millejours.accounts.access import require_coordinator, require_role_or_platform
from millejours.accounts.models import User
from millejours.audit.services import record_event

from ..models import (
    ActionItem,
    BudgetLine,
    Fiche,
    FicheCallObjective,
    FichePartner,
    Indicator,
    IndicatorValue,
    OperationalObjective,
    Partner,
)
from .fiche_document import SCALAR_FIELDS
from .fiche_validation import validate_fiche_data


def _partner_links(fiche: Fiche, partners: list[dict[str, Any]]) -> list[FichePartner]:
    """One link per partner and role (partners are found by name, or created)."""
    links: list[FichePartner] = []
    for item in partners:
        partner, _ = Partner.objects.get_or_create(
            name=item["name"],
            defaults={"kind": item["kind"], "convention_signed_on": item["convention_signed_on"]},
        )
        if not any(link.partner_id == partner.pk and link.role == item["role"] for link in links):
            links.append(
                FichePartner(
                    fiche=fiche, partner=partner, role=item["role"], details=item["details"]
                )
            )
    return links


def _replace_children(fiche: Fiche, clean: dict[str, Any]) -> None:
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
    FichePartner.objects.bulk_create(_partner_links(fiche, clean["partners"]))
    BudgetLine.objects.bulk_create([BudgetLine(fiche=fiche, **line) for line in clean["budget"]])
    for i, item in enumerate(clean["indicators"]):
        ind = Indicator.objects.create(
            fiche=fiche, position=i, label=item["label"], source=item["source"]
        )
        IndicatorValue.objects.bulk_create(
            [IndicatorValue(indicator=ind, **v) for v in item["values"]]
        )


@transaction.atomic
def fiche_import(*, payload: object, actor: User | str | None = None, origin: str = "") -> Fiche:
    """Create a fiche from a ``millejours.fiche/1`` document (raises FicheDataError); the
    coordination's, or the platform's (``actor`` ``None`` or a label)."""
    require_role_or_platform(actor, require_coordinator)
    clean = validate_fiche_data(payload)
    fiche = Fiche.objects.create(
        **{f: clean[f] for f in SCALAR_FIELDS},
        start_date=clean["start_date"],
        duration_months=clean["duration_months"],
        created_by=actor if isinstance(actor, User) and actor.pk else None,
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


@transaction.atomic
def fiche_save(
    *,
    fiche: Fiche,
    actor: User,
    call_objectives: list[int] | None = None,
    created: bool = False,
    sections: Sequence[BaseModelFormSet[Any, Any]] = (),
) -> Fiche:
    """Save a fiche edited through the form, with its sections' rows (validated formsets:
    objectives, actions, budget…), and audit it; all of it or nothing. The coordination's."""
    require_role_or_platform(actor, require_coordinator)
    if created:
        fiche.created_by = actor
    fiche.save()
    if call_objectives is not None:
        fiche.call_objectives.exclude(code__in=call_objectives).delete()
        existing = set(fiche.call_objectives.values_list("code", flat=True))
        FicheCallObjective.objects.bulk_create(
            [FicheCallObjective(fiche=fiche, code=c) for c in call_objectives if c not in existing]
        )
    for rows in sections:
        _section_save(rows, fiche)
    record_event(
        actor=actor,
        action="programme.fiche_creee" if created else "programme.fiche_modifiee",
        obj=fiche,
    )
    return fiche


def _section_save(rows: BaseModelFormSet[Any, Any], fiche: Fiche) -> None:
    """A section's rows in the order shown on the page: blank new rows are skipped, rows
    ticked « supprimer » deleted, the others numbered (``position``) from 0."""
    position = 0
    deleted = rows.deleted_forms
    for form in rows.forms:
        if form.instance.pk is None and not form.has_changed():
            continue
        if form in deleted:
            if form.instance.pk:
                form.instance.delete()
            continue
        row = form.save(commit=False)
        row.fiche = fiche
        if hasattr(row, "position"):
            row.position = position
            position += 1
        row.save()


@transaction.atomic
def fiche_indicators_save(
    *, fiche: Fiche, actor: User, values: BaseModelFormSet[Any, Any]
) -> Fiche:
    """Save the targets and values of a fiche's indicators (a validated formset); audited.
    The coordination's."""
    require_role_or_platform(actor, require_coordinator)
    values.save()
    return fiche_save(fiche=fiche, actor=actor)
