"""Partners keep their own listings: edits of a service from the platform, and their history.

- ``service_edit(*, service, by, data) -> ServiceChange | None``: applies the edited
  fields (``EDITABLE``), records who changed what (before/after of each changed field) in
  ``ServiceChange``, adds the fields to ``Service.local_fields`` (a later import of the
  same ``(source, id)`` keeps them as edited) and sets « dernière vérification » to today:
  the person who saves the listing has just checked it (even without any change).
- ``can_edit_service(user, service)``: the one rule of who edits a listing (the coordination,
  the platform admins, the partners of the organisation running the structure), enforced
  by ``service_edit`` and ``services.service_mark_checked`` themselves, so that no page or
  command can skip it; the pages ask it too, to show or hide their buttons.
- ``services_of(user)``: the services a partner may edit (structures of its organisations).
- ``recent_changes(limit)``: the latest changes, for the coordination.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from millejours.accounts.access import is_coordination
from millejours.accounts.models import Role, User
from millejours.audit.services import record_event

from .models import Service, ServiceChange

EDITABLE = (
    "opening_hours",
    "phone",
    "email",
    "website",
    "private_contact_name",
    "private_phone",
    "private_email",
    "thematiques",
    "publics",
    "status",
)


def can_edit_service(user: Any, service: Service) -> bool:
    """The coordination and the platform admins; a partner, for its organisations' services."""
    if not isinstance(user, User) or not user.is_active:
        return False
    if is_coordination(user):
        return True
    organisation_id = service.structure.organisation_id
    return bool(
        user.is_partner
        and organisation_id
        and user.memberships.filter(organisation_id=organisation_id).exists()
    )


def require_edit_right(user: Any, service: Service) -> None:
    """403 (``PermissionDenied``) for a person who may not edit ``service``."""
    if not can_edit_service(user, service):
        raise PermissionDenied(
            "Seuls la coordination et la structure gestionnaire modifient cette fiche."
        )


def services_of(user: User) -> QuerySet[Service]:
    organisations = user.memberships.values("organisation_id")
    return (
        Service.objects.filter(structure__organisation_id__in=organisations)
        .select_related("structure")
        .order_by("structure__name", "name")
    )


@transaction.atomic
def service_edit(*, service: Service, by: User, data: dict[str, Any]) -> ServiceChange | None:
    require_edit_right(by, service)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name in EDITABLE:
        if name not in data:
            continue
        old, new = getattr(service, name), data[name]
        if old != new:
            before[name], after[name] = old, new
    for name, value in after.items():
        setattr(service, name, value)
    service.local_fields = sorted(set(service.local_fields or []) | set(after))
    service.last_checked_on = timezone.localdate()
    service.save()
    change = None
    if after:
        change = ServiceChange.objects.create(
            service=service,
            author=by,
            before=before,
            after=after,
            by_partner=getattr(by, "role", None) == Role.PARTNER,
        )
    record_event(
        actor=by,
        action="directory.service_edited",
        obj=service,
        details={"champs": sorted(after)},
    )
    return change


def recent_changes(limit: int = 200) -> QuerySet[ServiceChange]:
    return ServiceChange.objects.select_related("service__structure", "author")[:limit]
