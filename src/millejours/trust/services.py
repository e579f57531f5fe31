"""Writes of the trust domain."""

from __future__ import annotations

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from .models import AccessLog

GENESIS_HASH = "0" * 64


def canonical_content(entry: AccessLog) -> str:
    return json.dumps(
        {
            "at": entry.at.isoformat(),
            "user": entry.user_id,
            "actor": entry.actor_label,
            "profession": entry.actor_profession,
            "organisation": entry.actor_organisation,
            "family": entry.family_id_ref,
            "page": entry.page,
            "path": entry.path,
            "break_glass": entry.break_glass,
        },
        sort_keys=True,
        ensure_ascii=False,
    )


def compute_hash(prev_hash: str, entry: AccessLog) -> str:
    return hashlib.sha256((prev_hash + canonical_content(entry)).encode()).hexdigest()


def _actor_labels(user) -> tuple[str, str, str]:
    profession = user.get_profession_display() if getattr(user, "profession", "") else ""
    membership = user.memberships.select_related("organisation").first() if user.pk else None
    organisation = membership.organisation.name if membership else ""
    return user.display_name, profession, organisation


def record_access(*, user, family, page: str, path: str = "", break_glass: bool = False) -> AccessLog:
    """Append one entry to the access log, chained to the previous one."""
    label, profession, organisation = _actor_labels(user)
    with transaction.atomic():
        # Serialise writers so that the chain stays linear (a row lock on PostgreSQL;
        # SQLite transactions are already serialised by BEGIN IMMEDIATE).
        last = AccessLog.objects.select_for_update().order_by("-id").only("entry_hash").first()
        prev_hash = last.entry_hash if last else GENESIS_HASH
        entry = AccessLog(
            at=timezone.now(),
            user=user,
            actor_label=label,
            actor_profession=profession,
            actor_organisation=organisation,
            family_id_ref=family.pk,
            page=page,
            path=path[:300],
            break_glass=break_glass,
            prev_hash=prev_hash,
        )
        entry.entry_hash = compute_hash(prev_hash, entry)
        entry.save()
    return entry


def record_event(*, actor, action: str, family=None, obj=None, details: dict | None = None):
    """Append one entry to the audit trail (call it inside the service's transaction).

    ``action`` is a dotted ASCII code such as ``milestone.done`` or ``orientation.acceptee``.
    """
    from .models import AuditEvent

    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor.display_name if getattr(actor, "pk", None) else str(actor or "système"),
        family_id_ref=getattr(family, "pk", family),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        details=details or {},
    )
