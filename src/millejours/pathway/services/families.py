"""Families, pregnancies, births (one function per business action, audited).

Who may record or change a pregnancy or a birth is checked here, before anything is
written (``access.require_family_writer``): a professional who may open the family (care
team, or break the glass) or the platform itself (``user=None``); the post-partum risk
also from the family's own parent (her EPDS, ``screening.services.epds_submit``).
``family_create`` records the first pregnancy of the family it has just created.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from millejours.accounts.models import User
from millejours.audit.services import record_event
from millejours.territory.models import Commune

from ..models import (
    CareTeamMember,
    CareTeamRole,
    Child,
    Family,
    Parent,
    Pregnancy,
    PregnancyOutcome,
    Sex,
)
from .access import require_family_writer
from .common import _json, _materialise

# Clinical facts of the pregnancy used by the calendar rules (nirsevimab, gestational diabetes).
PREGNANCY_CLINICAL_FIELDS = (
    "mother_immunocompromised",
    "bmi_25_or_more",
    "family_history_type2_diabetes",
    "previous_gestational_diabetes_or_macrosomia",
)
# What a new pregnancy is recorded with; the EPNP 2 risk is set later (``pregnancy_update``).
PREGNANCY_RECORD_FIELDS = (
    "lmp",
    "declared_on",
    "fetus_count",
    "first_child",
    *PREGNANCY_CLINICAL_FIELDS,
)
PREGNANCY_FIELDS = (*PREGNANCY_RECORD_FIELDS, "epnp_2_risk")
PARENT_FIELDS = ("role", "first_name", "last_name", "birth_date", "nir", "phone", "email")


@transaction.atomic
def family_create(
    *,
    created_by: User | None,
    display_name: str,
    commune: Commune | None,
    parents: list[dict[str, Any]],
    pregnancy: dict[str, Any] | None = None,
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
        fields = {k: v for k, v in pregnancy.items() if k in PREGNANCY_RECORD_FIELDS}
        _pregnancy_create(family, created_by, fields)
    return family


@transaction.atomic
def pregnancy_record(
    *,
    family: Family,
    user: User | None,
    lmp: date,
    declared_on: date | None = None,
    fetus_count: int = 1,
    first_child: bool = False,
    **clinical: bool,
) -> Pregnancy:
    """A new pregnancy in ``family`` (a family may have several pathways over the years);
    ``clinical``: the ``PREGNANCY_CLINICAL_FIELDS`` flags."""
    require_family_writer(user, family.pk)
    fields = {"declared_on": declared_on, "fetus_count": fetus_count, "first_child": first_child}
    return _pregnancy_create(family, user, {"lmp": lmp, **fields, **clinical})


def _pregnancy_create(family: Family, user: User | None, fields: dict[str, Any]) -> Pregnancy:
    """The write of ``pregnancy_record`` (checked there) and of ``family_create`` (the family
    it has just created): ``fields`` among ``PREGNANCY_RECORD_FIELDS``, ``lmp`` required."""
    unknown = set(fields) - set(PREGNANCY_RECORD_FIELDS)
    if unknown or "lmp" not in fields:
        raise TypeError(f"Champs inconnus ou manquants : {', '.join(sorted(unknown)) or 'lmp'}")
    values = {"declared_on": None, "fetus_count": 1, "first_child": False, **fields}
    for name in PREGNANCY_CLINICAL_FIELDS:
        if name in values:
            values[name] = bool(values[name])
    pregnancy = Pregnancy.objects.create(family=family, **values)
    lmp, fetus_count, first_child = values["lmp"], values["fetus_count"], values["first_child"]
    record_event(
        actor=user,
        action="pregnancy.recorded",
        obj=pregnancy,
        details={"lmp": lmp.isoformat(), "fetus_count": fetus_count, "first_child": first_child},
    )
    _materialise([pregnancy])
    return pregnancy


@transaction.atomic
def pregnancy_update(*, pregnancy: Pregnancy, user: User | None, **changes: Any) -> Pregnancy:
    """Change the DDR, declaration date, number of fetuses, first-child flag or clinical
    facts (``PREGNANCY_CLINICAL_FIELDS``); recomputes the calendar."""
    require_family_writer(user, pregnancy.family_id)
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
        obj=pregnancy,
        details=diff,
    )
    _materialise([pregnancy])
    return pregnancy


@transaction.atomic
def birth_record(
    *,
    pregnancy: Pregnancy,
    user: User | None,
    birth_date: date,
    gestational_age_weeks: int,
    gestational_age_days: int = 0,
    children: list[dict[str, Any]] | None = None,
) -> list[Child]:
    """The birth of one or several children (twins share the pregnancy, each has its calendar)."""
    require_family_writer(user, pregnancy.family_id)
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
    pregnancy: Pregnancy,
    user: User | None,
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
def pregnancy_flag_postpartum_risk(*, pregnancy: Pregnancy, user: User | None, reason: str) -> None:
    """Post-partum depression signs or risk factors: ``epnp_2`` applies; recomputes.

    ``user``: as for the other writes, or the family's own parent (her EPDS).
    """
    require_family_writer(user, pregnancy.family_id, own_parent=True)
    if not pregnancy.epnp_2_risk:
        pregnancy.epnp_2_risk = True
        pregnancy.save(update_fields=["epnp_2_risk", "updated_at"])
    record_event(
        actor=user,
        action="pregnancy.postpartum_risk",
        obj=pregnancy,
        details={"reason": reason},
    )
    _materialise([pregnancy])
