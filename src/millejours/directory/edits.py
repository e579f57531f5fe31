"""Partners keep their own listings: edits of a service from the platform, and their history.

- ``service_edit(*, service, by, data) -> ServiceChange | None``: applies the edited
  fields (``EDITABLE``), records who changed what (before/after of each changed field) in
  ``ServiceChange``, adds the fields to ``Service.local_fields`` (a later import of the
  same ``(source, id)`` keeps them as edited) and sets « dernière vérification » to today:
  the person who saves the listing has just checked it (even without any change).
- ``services_of(user)``: the services a partner may edit (structures of its organisations).
- ``recent_changes(limit)``: the latest changes, for the coordination.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from millejours.accounts.models import Role
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


def services_of(user):
    organisations = user.memberships.values("organisation_id")
    return (
        Service.objects.filter(structure__organisation_id__in=organisations)
        .select_related("structure")
        .order_by("structure__name", "name")
    )


@transaction.atomic
def service_edit(*, service: Service, by, data: dict) -> ServiceChange | None:
    before, after = {}, {}
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


def recent_changes(limit: int = 200):
    return ServiceChange.objects.select_related("service__structure", "author")[:limit]
