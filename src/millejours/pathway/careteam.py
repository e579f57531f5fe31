"""The care-team rule (équipe de soins): who may change a family's care team, in one place.

Every page and every service that changes a care team goes through this module; nothing
else writes ``CareTeamMember`` rows after the family's creation (the creator joins the team
in ``services.family_create``).

The rule (product decision, see ``docs/trust.md`` § 4):

- **authority comes from an active membership only.** A professional outside the team —
  including one reading the file under break the glass, or the ``Family.referent`` field
  pointing at someone who is not (or no longer) in the team — changes nothing. Break the
  glass never changes the team, so its access still ends with the grant;
- **a plain member** adds a professional (by e-mail) as a plain member, and may leave the
  team herself; she never names a referent (herself included), never changes anyone's
  role, never removes anyone else;
- **a referent** (an active member with the referent role, or the ``Family.referent`` who
  is an active member) does all that, names a referent (a new one, or promotes a member)
  and removes any other member, referents included;
- coordination, partners, administrators (DPO) and parents never change a care team: they
  are not in it;
- the family always keeps at least one professional: neither the last member's departure
  nor her removal is allowed;
- every change is an audit event: ``careteam.added``, ``careteam.referent_named``,
  ``careteam.removed``, ``careteam.left``. A refused attempt changes nothing.

Refusals of the rule raise ``CareTeamRefused`` (a ``PermissionDenied``: 403 in a view);
broken business conditions (not a professional, already a member, last member) raise
``ValidationError``. Both carry a French message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from millejours.audit.services import record_event

from .models import CareTeamMember, CareTeamRole, Family

if TYPE_CHECKING:
    from millejours.accounts.models import User

Right = Literal["can_add", "can_name_referent", "can_remove_others", "can_leave"]


class CareTeamRefused(PermissionDenied):
    """The actor may not make this change to the care team."""


@dataclass(frozen=True)
class TeamRights:
    """What ``actor`` may do to a family's care team (pages show only these forms)."""

    is_member: bool = False
    is_referent: bool = False

    @property
    def can_add(self) -> bool:
        return self.is_member

    @property
    def can_name_referent(self) -> bool:
        return self.is_referent

    @property
    def can_remove_others(self) -> bool:
        return self.is_referent

    @property
    def can_leave(self) -> bool:
        return self.is_member


NO_RIGHTS = TeamRights()


def active_members(family: Family) -> QuerySet[CareTeamMember]:
    return CareTeamMember.objects.filter(family=family, removed_at__isnull=True)


def _membership(
    user: Any, family: Family, members: Iterable[CareTeamMember] | None = None
) -> CareTeamMember | None:
    if user is None or not user.is_authenticated or not user.is_active or not user.is_professional:
        return None
    if members is not None:  # at most one active membership (``careteam_one_active``)
        return next((m for m in members if m.user_id == user.pk), None)
    return active_members(family).filter(user=user).first()


def rights(
    actor: Any, family: Family, members: Iterable[CareTeamMember] | None = None
) -> TeamRights:
    """The rights of ``actor`` on the care team of ``family`` (none outside the team).

    ``members``: the family's ``active_members`` when the caller has already read them.
    """
    member = _membership(actor, family, members)
    if member is None:
        return NO_RIGHTS
    referent = member.role == CareTeamRole.REFERENT or family.referent_id == actor.pk
    return TeamRights(is_member=True, is_referent=referent)


# Each right of ``TeamRights`` and the refusal (``CareTeamRefused``) of an actor without it.
REFUSALS: dict[Right, str] = {
    "can_add": "Seuls les membres de l'équipe de soins peuvent la compléter.",
    "can_name_referent": "Seul le référent parcours peut désigner un référent.",
    "can_remove_others": "Seul le référent parcours peut retirer un autre membre de l'équipe.",
    "can_leave": "Vous ne faites pas partie de cette équipe de soins.",
}


def _require(actor: Any, family: Family, right: Right) -> None:
    if not getattr(rights(actor, family), right):
        raise CareTeamRefused(REFUSALS[right])


def _check_joinable(user: User) -> None:
    if not (user.is_active and user.is_professional):
        raise ValidationError(
            "Seul un professionnel de santé ou un référent peut rejoindre l'équipe de soins.",
            code="not_professional",
        )


def _lock(family: Family) -> None:
    """Serialise the changes of one care team (the « last member » rule needs it)."""
    Family.objects.select_for_update().filter(pk=family.pk).exists()


def _joining(actor: Any, family: Family, user: User, right: Right) -> QuerySet[CareTeamMember]:
    """Before ``user`` joins the team: ``actor`` holds ``right``, ``user`` may join, the team
    is locked. Returns ``user``'s active membership (empty for a newcomer)."""
    _require(actor, family, right)
    _check_joinable(user)
    _lock(family)
    return active_members(family).filter(user=user)


@transaction.atomic
def add_member(*, actor: Any, family: Family, user: User) -> CareTeamMember:
    """Any member adds a professional as a plain member (never changes a member's role)."""
    if _joining(actor, family, user, "can_add").exists():
        raise ValidationError(
            f"{user.display_name} fait déjà partie de l'équipe de soins.", code="already_member"
        )
    member = CareTeamMember.objects.create(
        family=family, user=user, role=CareTeamRole.MEMBER, added_by=actor
    )
    record_event(
        actor=actor,
        action="careteam.added",
        obj=member,
        details={"user": user.pk, "role": CareTeamRole.MEMBER},
    )
    return member


@transaction.atomic
def name_referent(*, actor: Any, family: Family, user: User) -> CareTeamMember:
    """A referent names a referent: a new member, or a member promoted."""
    member = _joining(actor, family, user, "can_name_referent").first()
    promoted = member is not None
    if member is None:
        member = CareTeamMember.objects.create(
            family=family, user=user, role=CareTeamRole.REFERENT, added_by=actor
        )
    elif member.role != CareTeamRole.REFERENT:
        member.role = CareTeamRole.REFERENT
        member.save(update_fields=["role"])
    else:
        return member
    if family.referent_id is None:
        Family.objects.filter(pk=family.pk).update(referent=user)
        family.referent = user
    record_event(
        actor=actor,
        action="careteam.referent_named",
        obj=member,
        details={"user": user.pk, "promoted": promoted},
    )
    return member


def _end_membership(*, actor: Any, family: Family, member: CareTeamMember, action: str) -> None:
    if not active_members(family).exclude(pk=member.pk).exists():
        raise ValidationError(
            "La famille doit garder au moins un professionnel dans son équipe de soins.",
            code="last_member",
        )
    CareTeamMember.objects.filter(pk=member.pk).update(removed_at=timezone.now())
    details = {"user": member.user_id, "role": member.role}
    if family.referent_id == member.user_id:
        Family.objects.filter(pk=family.pk).update(referent=None)
        family.referent = None
        details["was_family_referent"] = True
    record_event(actor=actor, action=action, obj=member, details=details)


@transaction.atomic
def leave(*, actor: Any, family: Family) -> None:
    """A member leaves the team herself (not the last one)."""
    _require(actor, family, "can_leave")
    _lock(family)
    member = active_members(family).get(user=actor)
    _end_membership(actor=actor, family=family, member=member, action="careteam.left")


@transaction.atomic
def remove_member(*, actor: Any, family: Family, member: CareTeamMember) -> None:
    """The referent removes another member; removing oneself is leaving."""
    if member.family_id != family.pk or member.removed_at is not None:
        raise ValidationError("Ce professionnel ne fait pas partie de l'équipe.", code="not_member")
    if member.user_id == getattr(actor, "pk", None):
        leave(actor=actor, family=family)
        return
    _require(actor, family, "can_remove_others")
    _lock(family)
    _end_membership(actor=actor, family=family, member=member, action="careteam.removed")
