"""Reads: the flagged rules with their validation state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from millejours.accounts.access import is_medical_referent

from . import registry
from .models import RuleValidation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from millejours.accounts.models import User


@dataclass(frozen=True)
class RuleRow:
    rule: registry.FlaggedRule
    validation: RuleValidation | None
    previous: RuleValidation | None  # the last validation of an earlier version

    @property
    def pending(self) -> bool:
        return self.validation is None

    @property
    def source_problem(self) -> str:
        return registry.public_reference_problem(self.rule.source)


def rule_rows() -> list[RuleRow]:
    """Every flagged rule, pending ones first, then by kind and code."""
    validations = list(RuleValidation.objects.select_related("validated_by"))
    exact = {(v.kind, v.code, v.version): v for v in validations}
    latest: dict[tuple[str, str], RuleValidation] = {}
    for v in validations:  # newest first
        latest.setdefault((v.kind, v.code), v)
    rows = []
    for rule in registry.flagged_rules():
        validation = exact.get(rule.key)
        previous = None if validation else latest.get((rule.kind, rule.code))
        rows.append(RuleRow(rule=rule, validation=validation, previous=previous))
    kinds = list(registry.KINDS)
    rows.sort(key=lambda r: (not r.pending, kinds.index(r.rule.kind), r.rule.code))
    return rows


def is_validated(kind: str, code: str, version: str) -> bool:
    return RuleValidation.objects.filter(kind=kind, code=code, version=version).exists()


def may_see(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_platform_admin or may_validate(user))


def may_validate(user: User | AnonymousUser) -> bool:
    """Only the medical referent (a clinician) records a validation."""
    return is_medical_referent(user)
