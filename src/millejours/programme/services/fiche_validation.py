"""Checking an imported ``millejours.fiche/1`` document, one section at a time.

Each ``_clean_*`` function checks one section of the document, appends French messages to
``errors`` and returns the clean value; ``validate_fiche_data`` raises them all at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import vocab
from ..models import (
    Fiche,
    FicheState,
    FunderKind,
    IndicatorSource,
    Mission,
    PartnerKind,
    PartnerRole,
    PublicCode,
)
from .fiche_document import (
    AMOUNT_MAX,
    FICHE_SCHEMA,
    LIST_ITEM_MAX,
    MONTHS_MAX,
    SCALAR_FIELDS,
    TEXT_MAX,
    FicheDataError,
)

Errors = list[str]
Json = dict[str, Any]


def _check_text(errors: Errors, value: object, label: str, max_length: int) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.append(f"{label} : un texte est attendu.")
        return ""
    value = value.strip()
    if len(value) > max_length:
        errors.append(f"{label} : {len(value)} caractères, au plus {max_length} sont acceptés.")
    return value[:max_length]


def _check_choice(
    errors: Errors,
    value: object,
    choices: Iterable[tuple[object, object]],
    label: str,
    default: object,
) -> object:
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


def _parse_decimal(errors: Errors, value: object, label: str) -> Decimal | None:
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


def _parse_year(errors: Errors, value: object, label: str) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        errors.append(f"{label} : l'année doit être un entier entre 2000 et 2100.")
        return None
    return value


def _fiche_section(payload: object) -> Json:
    """The ``fiche`` object of a document whose envelope is right (else raise at once)."""
    if not isinstance(payload, dict):
        raise FicheDataError(["Le document doit être un objet JSON."])
    if payload.get("schema") != FICHE_SCHEMA:
        raise FicheDataError(
            [f"Schéma inconnu : « {payload.get('schema')} » (attendu : {FICHE_SCHEMA})."]
        )
    data = payload.get("fiche")
    if not isinstance(data, dict):
        raise FicheDataError(["La clé « fiche » doit contenir un objet."])
    return data


def _clean_scalars(data: Json, errors: Errors) -> Json:
    """The fiche's text fields, within their database lengths; a title is required."""
    clean: Json = {}
    for field in SCALAR_FIELDS:
        value = data.get(field, "")
        if value is not None and not isinstance(value, str):
            errors.append(f"Le champ « {field} » doit être un texte.")
            value = ""
        max_length: int = getattr(Fiche._meta.get_field(field), "max_length", None) or TEXT_MAX
        clean[field] = _check_text(errors, value, f"Champ « {field} »", max_length)
    if not clean["title"].strip():
        errors.append("Le libellé de l'action (« title ») est obligatoire.")
    return clean


def _clean_choices(clean: Json, errors: Errors) -> None:
    """The text fields that must be one of their choices (else their default)."""
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


def _clean_start_date(data: Json, errors: Errors) -> date | None:
    """The start date: an ISO date between 2000 and 2100, or none."""
    start = data.get("start_date")
    if not start:
        return None
    try:
        parsed = date.fromisoformat(start)
    except (TypeError, ValueError):
        errors.append(
            f"Date de mise en place invalide : « {str(start)[:50]} » (format AAAA-MM-JJ)."
        )
        return None
    if not 2000 <= parsed.year <= 2100:
        errors.append("Date de mise en place : l'année doit être comprise entre 2000 et 2100.")
    return parsed


def _clean_duration(data: Json, errors: Errors) -> int | None:
    """The duration: a whole number of months up to MONTHS_MAX, or none."""
    months = data.get("duration_months")
    if months is not None and (
        isinstance(months, bool) or not isinstance(months, int) or not 0 <= months <= MONTHS_MAX
    ):
        errors.append(f"La durée en mois doit être un entier entre 0 et {MONTHS_MAX}.")
        return None
    return months


def _clean_text_list(data: Json, key: str, label: str, errors: Errors) -> list[str]:
    """A list of texts (objectives, actions); blank items are dropped."""
    items = data.get(key, []) or []
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        errors.append(f"« {key} » doit être une liste de textes ({label}).")
        return []
    return [
        _check_text(errors, i, f"{label.capitalize()} n° {n}", LIST_ITEM_MAX)
        for n, i in enumerate(items, start=1)
        if i.strip()
    ]


def _clean_call_objectives(data: Json, errors: Errors) -> list[int]:
    """The numbers of the call's objectives, each one known."""
    codes = data.get("call_objectives", []) or []
    valid_codes = {o["code"] for o in vocab.call_objectives()}
    if not isinstance(codes, list) or any(
        not isinstance(c, int) or isinstance(c, bool) or c not in valid_codes for c in codes
    ):
        errors.append(
            "« call_objectives » doit être une liste de numéros d'objectifs entre 1 et 6."
        )
        return []
    return sorted(set(codes))


def _clean_partner(i: int, item: Json, errors: Errors) -> Json:
    """One partner: a name, a known kind and role, a convention date if any."""
    signed = None
    if item.get("convention_signed_on"):
        try:
            signed = date.fromisoformat(item["convention_signed_on"])
        except (TypeError, ValueError):
            errors.append(f"Partenaire n° {i} : date de convention invalide.")
    label = f"Partenaire n° {i}"
    return {
        "name": _check_text(errors, item["name"], f"{label}, nom", 200),
        "kind": _check_choice(
            errors, item.get("kind"), PartnerKind.choices, f"{label}, type", PartnerKind.AUTRE
        ),
        "role": _check_choice(
            errors,
            item.get("role"),
            PartnerRole.choices,
            f"{label}, rôle",
            PartnerRole.PARTENAIRE,
        ),
        "details": _check_text(errors, item.get("details"), f"{label}, précisions", 250),
        "convention_signed_on": signed,
    }


def _clean_partners(data: Json, errors: Errors) -> list[Json]:
    partners = []
    for i, item in enumerate(data.get("partners", []) or [], start=1):
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            errors.append(f"Partenaire n° {i} : le nom est obligatoire.")
            continue
        partners.append(_clean_partner(i, item, errors))
    return partners


def _clean_budget_line(label: str, item: Json, errors: Errors) -> Json:
    """One budget line: a year, amounts within bounds, a funder."""
    year = _parse_year(errors, item.get("year"), label)
    forecast = _parse_decimal(errors, item.get("forecast"), f"{label}, prévisionnel")
    actual = _parse_decimal(errors, item.get("actual"), f"{label}, réalisé")
    if not str(item.get("funder", "") or "").strip():
        errors.append(f"{label} : le financeur est obligatoire.")
    return {
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


def _clean_budget(data: Json, errors: Errors) -> list[Json]:
    budget = []
    for i, item in enumerate(data.get("budget", []) or [], start=1):
        label = f"Ligne de budget n° {i}"
        if not isinstance(item, dict):
            errors.append(f"{label} : objet attendu.")
            continue
        budget.append(_clean_budget_line(label, item, errors))
    return budget


def _clean_indicator_values(label: str, item: Json, errors: Errors) -> list[Json]:
    """An indicator's yearly target and actual values, one per year."""
    values = []
    years: set[int | None] = set()
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
    return values


def _clean_indicators(data: Json, errors: Errors) -> list[Json]:
    indicators = []
    for i, item in enumerate(data.get("indicators", []) or [], start=1):
        label = f"Indicateur n° {i}"
        if not isinstance(item, dict) or not str(item.get("label", "")).strip():
            errors.append(f"{label} : le libellé est obligatoire.")
            continue
        values = _clean_indicator_values(label, item, errors)
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
    return indicators


def validate_fiche_data(payload: object) -> Json:
    """Check a ``millejours.fiche/1`` document; return clean data or raise FicheDataError."""
    data = _fiche_section(payload)
    errors: Errors = []
    clean = _clean_scalars(data, errors)
    _clean_choices(clean, errors)
    clean["start_date"] = _clean_start_date(data, errors)
    clean["duration_months"] = _clean_duration(data, errors)
    clean["operational_objectives"] = _clean_text_list(
        data, "operational_objectives", "objectifs opérationnels", errors
    )
    clean["actions"] = _clean_text_list(data, "actions", "actions", errors)
    clean["call_objectives"] = _clean_call_objectives(data, errors)
    clean["partners"] = _clean_partners(data, errors)
    clean["budget"] = _clean_budget(data, errors)
    clean["indicators"] = _clean_indicators(data, errors)
    if errors:
        raise FicheDataError(errors)
    return clean
