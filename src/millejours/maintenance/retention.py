"""Retention purges: the periods are data (``data/retention.yaml``), this module applies them.

``purge(dry_run=...)`` returns ``{kind: count}`` for every kind of the policy file; a dry
run counts what would be purged and changes nothing. Each purger is idempotent (what was
purged is not counted again). Family records go through ``audit.rgpd.anonymise_due`` (the
one anonymisation of the platform); declaration files through
``outreach.services.purge_declaration_files`` when the outreach app provides it.
"""

from __future__ import annotations

import datetime as dt
import inspect
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .errors import MaintenanceError

logger = logging.getLogger(__name__)
DEFAULT_POLICY = Path(__file__).resolve().parent / "data" / "retention.yaml"
KINDS = (
    "family_records",
    "declaration_files",
    "epds_contact_requests",
    "workshop_registrants",
    "login_attempts",
    "outbox_bodies",
)


@dataclass(frozen=True)
class Rule:
    kind: str
    label: str
    days: int | None = None
    years: int | None = None
    extra: dict = field(default_factory=dict)

    def cutoff(self, now: dt.datetime, key: str = "days") -> dt.datetime:
        if key != "days":
            return now - dt.timedelta(days=int(self.extra[key]))
        if self.days is None:  # a period given in years (the policy file allows either)
            return now - relativedelta(years=self.years or 0)
        return now - dt.timedelta(days=self.days)


def load_policy(path: Path | None = None) -> dict[str, Rule]:
    path = Path(path or os.environ.get("MILLEJOURS_RETENTION_FILE") or DEFAULT_POLICY)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise MaintenanceError(
            f"fichier des durées de conservation illisible ({path}) : {exc}"
        ) from exc
    kinds = (raw or {}).get("kinds") or {}
    missing = [k for k in KINDS if k not in kinds]
    if missing:
        raise MaintenanceError(f"{path} : rubrique(s) manquante(s) : {', '.join(missing)}.")
    rules = {}
    for kind in KINDS:
        item = kinds[kind]
        duration = {k: item.get(k) for k in ("days", "years") if item.get(k) is not None}
        if len(duration) != 1 or not all(isinstance(v, int) and v >= 0 for v in duration.values()):
            raise MaintenanceError(
                f"{path} : « {kind} » doit avoir une durée days ou years (entier positif)."
            )
        if "source" not in item:
            raise MaintenanceError(f"{path} : « {kind} » doit citer sa source.")
        extra = {k: v for k, v in item.items() if k.endswith("_days")}
        rules[kind] = Rule(kind=kind, label=item.get("label", kind), extra=extra, **duration)
    return rules


# --- Purgers: (rule, now, dry_run) -> count ---------------------------------------------------


def _family_records(rule: Rule, now, dry_run: bool) -> int:
    from millejours.audit.rgpd import anonymise_due

    return len(anonymise_due(years=rule.years, dry_run=dry_run))


def _finished_imports(before):
    from millejours.outreach.models import ImportBatch, ImportStatus

    return ImportBatch.objects.filter(
        created_at__lt=before, status__in=[ImportStatus.DONE, ImportStatus.FAILED]
    ).exclude(file="")


def purge_import_files(before: dt.datetime, *, dry_run: bool = False) -> int:
    """Delete the uploaded files of finished declaration imports older than ``before``.

    Used when ``outreach.services`` has no ``purge_declaration_files``: the file leaves the
    storage, the batch keeps its name, counts and result.
    """
    batches = list(_finished_imports(before))
    if dry_run:
        return len(batches)
    for batch in batches:
        batch.file.delete(save=False)  # a file already gone from the disk is fine
        type(batch).objects.filter(pk=batch.pk).update(file="")
    return len(batches)


def _declaration_files(rule: Rule, now, dry_run: bool) -> int:
    from millejours.outreach import services

    before = rule.cutoff(now)
    purge = getattr(services, "purge_declaration_files", None)
    if purge is None:
        return purge_import_files(before, dry_run=dry_run)
    if "dry_run" in inspect.signature(purge).parameters:
        return int(purge(before, dry_run=dry_run) or 0)
    if dry_run:
        return _finished_imports(before).count()
    return int(purge(before) or 0)


def _epds_contact_requests(rule: Rule, now, dry_run: bool) -> int:
    from millejours.screening.models import ContactRequest

    due = ContactRequest.objects.filter(
        Q(handled_at__lt=rule.cutoff(now))
        | Q(handled_at__isnull=True, created_at__lt=rule.cutoff(now, "unhandled_days"))
    )
    if dry_run:
        return due.count()
    deleted, _ = due.delete()
    return deleted


def _workshop_registrants(rule: Rule, now, dry_run: bool) -> int:
    from millejours.programme.models import Registration, RegistrationKind

    due = Registration.objects.filter(
        kind=RegistrationKind.PARENT, session__starts_at__lt=rule.cutoff(now)
    ).exclude(first_name="", last_name="", email="", phone="")
    if dry_run:
        return due.count()
    return Registration.objects.filter(pk__in=list(due.values_list("pk", flat=True))).update(
        first_name="", last_name="", email="", phone="", user=None
    )


def _login_attempts(rule: Rule, now, dry_run: bool) -> int:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    total = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        due = model.objects.filter(attempt_time__lt=rule.cutoff(now))
        total += due.count() if dry_run else due.delete()[0]
    return total


def _outbox_bodies(rule: Rule, now, dry_run: bool) -> int:
    from millejours.outreach.models import MessageStatus, OutboundMessage

    due = OutboundMessage.objects.filter(
        created_at__lt=rule.cutoff(now),
        status__in=[
            MessageStatus.SENT,
            MessageStatus.DELIVERED,
            MessageStatus.FAILED,
            MessageStatus.CANCELLED,
        ],
    ).exclude(body="", subject="")
    return due.count() if dry_run else due.update(body="", subject="")


PURGERS = {
    "family_records": _family_records,
    "declaration_files": _declaration_files,
    "epds_contact_requests": _epds_contact_requests,
    "workshop_registrants": _workshop_registrants,
    "login_attempts": _login_attempts,
    "outbox_bodies": _outbox_bodies,
}


def purge(
    *, dry_run: bool = False, now: dt.datetime | None = None, policy: dict[str, Rule] | None = None
) -> dict[str, int]:
    """Apply every retention rule; ``{kind: count}`` (what was, or would be, purged)."""
    policy = policy or load_policy()
    now = now or timezone.now()
    purged = {}
    for kind in KINDS:
        with transaction.atomic():
            purged[kind] = PURGERS[kind](policy[kind], now, dry_run)
    if not dry_run and any(purged.values()):
        from millejours.audit.services import record_event

        record_event(
            actor="commande retention run", action="retention.purged", details={"purged": purged}
        )
    logger.info("retention %s: %s", "dry-run" if dry_run else "run", purged)
    return purged
