"""Writes of the trust domain."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from millejours.accounts.models import Role, User

from .chain import (
    GENESIS_HASH,
    AccessLogTampered,
    head_is_authentic,
    link_hash,
    sign_head,
    signing_key,
)
from .models import AccessLog, AccessLogHead, AuditEvent, BreakGlassAccess, Consent
from .selectors import _scope

if TYPE_CHECKING:
    from millejours.accounts.models import User

    from .models import AuditEvent, BreakGlassAccess, Consent, ConsentScope
    from .selectors import FamilyRef


def _actor_labels(user: User) -> tuple[str, str, str]:
    profession = user.get_profession_display() if getattr(user, "profession", "") else ""
    membership = user.memberships.select_related("organisation").first() if user.pk else None
    organisation = membership.organisation.name if membership else ""
    return user.display_name, profession, organisation


# Arbitrary 64-bit key of the PostgreSQL advisory lock that serialises log writers.
ACCESSLOG_LOCK_KEY = 0x4D4A_4C4F_4721


def _lock_chain() -> AccessLogHead:
    """Serialise chain writers until the end of the transaction; return the locked head.

    PostgreSQL: a transaction-level advisory lock (also covers the very first entry, when
    no row exists yet to lock). SQLite: writers are serialised by BEGIN IMMEDIATE.

    The head is created only for an empty log. It is NEVER rebuilt from the rows: a head
    missing while entries exist, or whose signature is wrong, means someone edited the
    table (deleted the last entries and the head, or rewrote it); re-signing it here would
    launder that, so the read is refused instead (``accesslog verify`` names the problem).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ACCESSLOG_LOCK_KEY])
    head = AccessLogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        if AccessLog.objects.exists():
            raise AccessLogTampered(
                "La tête du journal des accès a disparu alors que le journal contient des entrées :"
                " consultation refusée. Lancez « millejours accesslog verify » et prévenez le DPO."
            )
        head = AccessLogHead(pk=1, last_id=0, last_hash=GENESIS_HASH, count=0)
        sign_head(head)
        head.save(force_insert=True)
    elif not head_is_authentic(head):
        raise AccessLogTampered(
            "La tête du journal des accès a été modifiée (signature invalide) : consultation refusée."
            " Lancez « millejours accesslog verify » et prévenez le DPO."
        )
    return head


@transaction.atomic
def record_access(
    *,
    user: User | None,
    family: FamilyRef,
    page: str,
    path: str = "",
    break_glass: bool = False,
    actor: str = "",
) -> AccessLog:
    """Append one entry to the access log, chained to the previous one.

    ``user`` may be ``None`` for a reader without an account (a partner's signed link),
    then named by ``actor``.
    """
    label, profession, organisation = _actor_labels(user) if user is not None else (actor, "", "")
    head = _lock_chain()
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
        prev_hash=head.last_hash,
    )
    entry.key_id, key = signing_key()
    entry.entry_hash = link_hash(key, head.last_hash, entry)
    entry.save()
    head.last_id, head.last_hash, head.count = entry.id, entry.entry_hash, head.count + 1
    sign_head(head)
    head.save(update_fields=["last_id", "last_hash", "count", "key_id", "mac"])
    return entry


def record_event(
    *,
    actor: Any,  # a User, or a label (str) or None for the system
    action: str,
    family: FamilyRef | None = None,
    obj: Model | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one entry to the audit trail (call it inside the service's transaction).

    ``action`` is a dotted ASCII code such as ``milestone.done`` or ``orientation.acceptee``.
    An event about a family's record (``obj`` has a family) is filed under that family
    without being told; a ``family`` that contradicts it is a programming error.
    """
    family_id = getattr(family, "pk", family)
    owner = getattr(obj, "family_id", None)
    if owner is not None:
        if family_id is not None and family_id != owner:
            raise ValueError(
                f"{action} : {obj!r} appartient à la famille {owner}, pas {family_id}."
            )
        family_id = owner
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor.display_name if getattr(actor, "pk", None) else str(actor or "système"),
        family_id_ref=family_id,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        details=details or {},
    )


# --- Consents -------------------------------------------------------------------------------
# The low-level writes: they check no right (this floor does not know the care team). The
# pages go through ``privacy.consents.consent_set``, which checks who may record a family's
# consents (an active care-team member or the parent for her own family) and calls them;
# only internal code with a system actor (``None``) or an already-authorised one calls them
# directly.


@transaction.atomic
def consent_give(
    *, family: FamilyRef, scope: ConsentScope | str, recorded_by: User | None, given_by: str = ""
) -> Consent:
    """Record that the family gives ``scope`` (no-op when already given).

    Low-level write, no right checked: pages call ``privacy.consents.consent_set``.
    """
    scope = _scope(scope)
    current = (
        Consent.objects.select_for_update()
        .filter(family=family, scope=scope, withdrawn_at__isnull=True)
        .first()
    )
    if current is not None:
        return current
    consent = Consent.objects.create(
        family=family,
        scope=scope,
        given_at=timezone.now(),
        given_by=given_by or getattr(recorded_by, "display_name", ""),
        recorded_by=recorded_by,
    )
    _record_consent("consent.given", recorded_by, family, consent, scope)
    return consent


@transaction.atomic
def consent_withdraw(
    *, family: FamilyRef, scope: ConsentScope | str, withdrawn_by: User | None
) -> Consent:
    """Withdraw ``scope`` at once; the history keeps the former period.

    With no consent row yet (default applied), a closed period is recorded so that the
    withdrawal is visible and effective.

    Low-level write, no right checked: pages call ``privacy.consents.consent_set`` (a
    withdrawal of ``partage_equipe`` closes the care team's access).
    """
    scope = _scope(scope)
    now = timezone.now()
    current = (
        Consent.objects.select_for_update()
        .filter(family=family, scope=scope, withdrawn_at__isnull=True)
        .first()
    )
    if current is None:
        latest = Consent.objects.filter(family=family, scope=scope).order_by("-id").first()
        if latest is not None:
            return latest  # already withdrawn
        current = Consent(
            family=family,
            scope=scope,
            given_at=family.created_at or now,
            given_by="Accord donné à l'inclusion",
        )
    current.withdrawn_at = now
    current.withdrawn_by = withdrawn_by
    current.save()
    _record_consent("consent.withdrawn", withdrawn_by, family, current, scope)
    return current


def _record_consent(
    action: str, actor: User | None, family: FamilyRef, consent: Consent, scope: str
) -> None:
    """The audit event of a consent given or withdrawn: the consent row and its scope."""
    record_event(actor=actor, action=action, obj=consent, details={"scope": scope})


# --- Break the glass -------------------------------------------------------------------------


@transaction.atomic
def break_glass_open(*, user: User, family: FamilyRef, reason: str) -> BreakGlassAccess:
    """Open a time-limited access for a professional outside the care team; DPO notified."""

    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValueError("Le motif est obligatoire (au moins 10 caractères).")
    if not user.is_professional:
        raise PermissionError("Seul un professionnel de santé peut demander un accès exceptionnel.")
    now = timezone.now()
    access = BreakGlassAccess.objects.create(
        user=user,
        family=family,
        reason=reason,
        started_at=now,
        expires_at=now + timedelta(hours=settings.MILLEJOURS_BREAK_GLASS_HOURS),
    )
    record_event(
        actor=user,
        action="breakglass.opened",
        obj=access,
        details={"expires_at": access.expires_at.isoformat()},
    )
    transaction.on_commit(lambda: _notify_dpo(access.pk))
    return access


def dpo_recipients() -> list[str]:

    if settings.MILLEJOURS_DPO_EMAILS:
        return list(settings.MILLEJOURS_DPO_EMAILS)
    return list(
        User.objects.filter(role=Role.ADMIN, is_active=True).values_list("email", flat=True)
    )


def _notify_dpo(access_id: int) -> None:
    """E-mail the DPO: who, when, which file number. No health detail, no family name."""

    access = BreakGlassAccess.objects.select_related("user").get(pk=access_id)
    recipients = dpo_recipients()
    if recipients:
        local = timezone.localtime(access.started_at)
        send_mail(
            subject="Mille Jours : accès exceptionnel (bris de glace) à un dossier",
            message=(
                f"{access.user.display_name} ({access.user.email}) a ouvert un accès exceptionnel "
                f"au dossier n° {access.family_id} le {local:%d/%m/%Y à %H:%M}, "
                f"valable jusqu'au {timezone.localtime(access.expires_at):%d/%m/%Y à %H:%M}.\n\n"
                f"Le motif et la liste des accès sont consultables ici :\n"
                f"{settings.MILLEJOURS_SITE_URL}{reverse('privacy:breakglass_list')}\n"
            ),
            from_email=None,
            recipient_list=recipients,
        )
    BreakGlassAccess.objects.filter(pk=access_id).update(notified_at=timezone.now())
