"""Deciding a « doublon possible » (see ``identity``): same person, or different people.

- ``duplicate_merge(*, duplicate, user)`` — « même personne »: the imported newcomer is
  merged into the known person (her newer contact details and NIR, her outreach contact
  and messages, her declaration date), then the newcomer's file is deleted. Refused when
  that file already holds anything the import did not create (children, notes, another
  parent…): such a file is merged by hand.
- ``duplicate_dismiss(*, duplicate, user)`` — « personnes différentes »: both stay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from millejours.accounts.access import require_coordinator, require_role_or_platform
from millejours.audit.services import record_event
from millejours.pathway.models import Parent
from millejours.privacy.rgpd import family_relations

from .identity import near
from .models import DuplicateStatus, OutboundMessage, OutreachContact, PossibleDuplicate

if TYPE_CHECKING:
    from millejours.accounts.models import User
    from millejours.pathway.models import Family

# What an import creates for a new person: anything else in the file blocks the merge.
IMPORT_CREATED = {
    "pathway.parent",
    "pathway.pregnancy",
    "pathway.milestone",
    "outreach.outreachcontact",
    "outreach.outboundmessage",
    "outreach.recontact",
}


class MergeRefused(Exception):
    """French message for the coordinator."""


def pending_duplicates() -> QuerySet[PossibleDuplicate]:
    return PossibleDuplicate.objects.filter(status=DuplicateStatus.PENDING).select_related(
        "existing", "existing__family", "candidate", "candidate__family", "import_batch"
    )


def _other_data(family: Family) -> list[str]:
    found: list[str] = []
    for model, fk in family_relations():
        if model._meta.label_lower in IMPORT_CREATED:
            continue
        if model._default_manager.filter(**{fk: family}).exists():
            found.append(str(model._meta.verbose_name_plural))
    if family.parents.count() > 1:
        found.append("un autre parent")
    return found


def _decide(
    duplicate: PossibleDuplicate,
    user: User | None,
    status: str,
    action: str,
    details: dict[str, Any] | None = None,
) -> None:
    duplicate.status = status
    duplicate.decided_by = user
    duplicate.decided_at = timezone.now()
    duplicate.save(update_fields=["status", "decided_by", "decided_at"])
    record_event(
        actor=user,
        action=action,
        family=duplicate.existing.family_id,
        obj=duplicate,
        details=details or {},
    )


def _lock_pending(duplicate: PossibleDuplicate) -> PossibleDuplicate:
    """The pair, locked until the decision is written; ``MergeRefused`` once decided."""
    duplicate = PossibleDuplicate.objects.select_for_update().get(pk=duplicate.pk)
    if duplicate.status != DuplicateStatus.PENDING:
        raise MergeRefused("Ce doublon possible a déjà été traité.")
    return duplicate


@transaction.atomic
def duplicate_dismiss(*, duplicate: PossibleDuplicate, user: User | None) -> None:
    """« Personnes différentes »: both files stay; ``MergeRefused`` once the pair is decided."""
    require_role_or_platform(user, require_coordinator)
    duplicate = _lock_pending(duplicate)
    _decide(duplicate, user, DuplicateStatus.DISTINCT, "outreach.doublon_personnes_differentes")


def _merge_contact(kept_parent: Parent, gone_contact: OutreachContact | None) -> None:
    if gone_contact is None:
        return
    kept = OutreachContact.objects.filter(parent=kept_parent).first()
    if kept is None:
        OutreachContact.objects.filter(pk=gone_contact.pk).update(
            family=kept_parent.family_id, parent=kept_parent
        )
        return
    changes: dict[str, object] = {
        "phone": gone_contact.phone or kept.phone,
        "email": gone_contact.email or kept.email,
    }
    if gone_contact.opted_out_at and not kept.opted_out_at:  # a STOP is never lost in a merge
        changes.update(
            opted_out_at=gone_contact.opted_out_at, opt_out_channel=gone_contact.opt_out_channel
        )
    OutreachContact.objects.filter(pk=kept.pk).update(**changes)
    OutboundMessage.objects.filter(contact=gone_contact).update(contact=kept)


@transaction.atomic
def duplicate_merge(*, duplicate: PossibleDuplicate, user: User | None) -> None:
    """« Même personne »: raises ``MergeRefused`` (French) when it cannot be done safely."""
    require_role_or_platform(user, require_coordinator)
    duplicate = _lock_pending(duplicate)
    if duplicate.candidate_id is None:
        raise MergeRefused("Ce doublon possible a déjà été traité.")
    kept = Parent.objects.select_related("family").get(pk=duplicate.existing_id)
    gone = Parent.objects.select_related("family").get(pk=duplicate.candidate_id)
    if kept.nir and gone.nir and kept.nir != gone.nir:
        raise MergeRefused("Les deux personnes ont des NIR différents : ce sont deux personnes.")
    other = _other_data(gone.family)
    if other:
        raise MergeRefused(
            "Le dossier importé contient déjà d'autres données ("
            + ", ".join(other)
            + ") : fusion à faire à la main."
        )
    kept.phone = gone.phone or kept.phone
    kept.email = gone.email or kept.email
    kept.nir = kept.nir or gone.nir
    kept.save(update_fields=["phone", "email", "nir"])
    _merge_pregnancy(kept.family, gone.family)
    _merge_contact(kept, OutreachContact.objects.filter(parent=gone).first())
    gone_family_id = gone.family_id
    gone.family.delete()
    _decide(
        duplicate,
        user,
        DuplicateStatus.MERGED,
        "outreach.doublon_meme_personne",
        {"dossier_supprime": gone_family_id},
    )


def _merge_pregnancy(kept_family: Family, gone_family: Family) -> None:
    kept = list(kept_family.pregnancies.all())
    for pregnancy in gone_family.pregnancies.all():
        same = next((p for p in kept if near(pregnancy.lmp, p.lmp)), None)
        if same is not None and pregnancy.declared_on and not same.declared_on:
            same.declared_on = pregnancy.declared_on
            same.save(update_fields=["declared_on"])
