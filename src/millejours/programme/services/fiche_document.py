"""The ``millejours.fiche/1`` JSON document: what a fiche exports and what an import accepts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..models import HEADING_FIELDS, Fiche

FICHE_SCHEMA = "millejours.fiche/1"

# The fiche's own text fields, exported and imported as they are.
SCALAR_FIELDS = (
    *HEADING_FIELDS,
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

# Limits of an imported fiche: the database lengths of the CharFields, and bounds for the
# free texts (a fiche is a few pages) and the numbers (amounts fit DecimalField(12, 2)).
TEXT_MAX = 20_000
LIST_ITEM_MAX = 2_000
MONTHS_MAX = 240
AMOUNT_MAX = Decimal("9999999999.99")


class FicheDataError(ValueError):
    """An imported fiche is invalid; ``errors`` lists French messages."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _partners(fiche: Fiche) -> list[dict[str, Any]]:
    return [
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
    ]


def _budget(fiche: Fiche) -> list[dict[str, Any]]:
    return [
        {
            "year": line.year,
            "expense_item": line.expense_item,
            "funder": line.funder,
            "funder_kind": line.funder_kind,
            "forecast": _dec(line.forecast),
            "actual": _dec(line.actual),
        }
        for line in fiche.budget_lines.all()
    ]


def _indicators(fiche: Fiche) -> list[dict[str, Any]]:
    return [
        {
            "label": ind.label,
            "source": ind.source,
            "values": [
                {"year": v.year, "target": _dec(v.target), "actual": _dec(v.actual)}
                for v in ind.values.all()
            ],
        }
        for ind in fiche.indicators.all()
    ]


def fiche_to_dict(fiche: Fiche) -> dict[str, Any]:
    """The fiche as a JSON-ready dict following the ``millejours.fiche/1`` schema.

    Pass a fiche loaded with ``selectors.fiche_full`` (everything prefetched).
    """
    data: dict[str, Any] = {field: getattr(fiche, field) for field in SCALAR_FIELDS}
    data.update(
        start_date=fiche.start_date.isoformat() if fiche.start_date else None,
        duration_months=fiche.duration_months,
        call_objectives=[o.code for o in fiche.call_objectives.all()],
        operational_objectives=[o.text for o in fiche.objectives.all()],
        actions=[a.text for a in fiche.actions.all()],
        partners=_partners(fiche),
        budget=_budget(fiche),
        indicators=_indicators(fiche),
    )
    return {"schema": FICHE_SCHEMA, "fiche": data}
