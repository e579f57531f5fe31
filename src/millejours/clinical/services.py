"""Writes: ``rule_validate(*, kind, code, version, user, comment) -> RuleValidation``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from millejours.audit.services import record_event

from . import registry, selectors
from .models import RuleValidation

if TYPE_CHECKING:
    from millejours.accounts.models import User


@transaction.atomic
def rule_validate(
    *, kind: str, code: str, version: str, user: User, comment: str
) -> RuleValidation:
    """The medical referent validates one version of a flagged rule (audited)."""
    if not selectors.may_validate(user):
        raise PermissionDenied("Seul le référent médical peut valider une règle.")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError("Indiquez un commentaire (ce qui a été vérifié).", code="comment")
    rule = registry.find(kind, code, version)
    if rule is None:
        raise ValidationError(
            "Cette règle n'est plus à valider dans cette version (elle a peut-être changé).",
            code="unknown",
        )
    try:
        with transaction.atomic():
            validation = RuleValidation.objects.create(
                kind=kind, code=code, version=version, validated_by=user, comment=comment
            )
    except IntegrityError:
        raise ValidationError("Cette version de la règle est déjà validée.", code="done") from None
    record_event(
        actor=user,
        action="clinical.rule.validated",
        obj=validation,
        details={"kind": kind, "code": code, "version": version},
    )
    return validation
