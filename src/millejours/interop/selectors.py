"""Reads of the interop domain: FHIR ids → pathway objects, through the visibility selector.

Every resolution goes through ``pathway.selectors.get_family_for_user`` (404 outside the
care team, one access-log entry per read).
"""

from __future__ import annotations

import re

from django.http import Http404

from millejours.pathway.models import Child, Parent, ParentRole, Pregnancy
from millejours.pathway.selectors import get_family_for_user

PATIENT_ID = re.compile(r"^(parent|enfant)-(\d{1,18})$")
OBSERVATION_ID = re.compile(r"^(enfant-(\d{1,18})-ag|grossesse-(\d{1,18})-(ddr|dpa))$")


def resolve_patient(user, resource_id: str, *, path: str = ""):
    """The ``Parent`` or ``Child`` behind ``Patient/<resource_id>``, if ``user`` may see it."""
    match = PATIENT_ID.match(resource_id or "")
    if not match:
        raise Http404("Ressource introuvable.")
    kind, pk = match.group(1), int(match.group(2))
    model = Parent if kind == "parent" else Child
    family_id = model.objects.filter(pk=pk).values_list("family_id", flat=True).first()
    if family_id is None:
        raise Http404("Ressource introuvable.")
    family = get_family_for_user(user, family_id, page="interop:patient", path=path)
    obj = model.objects.select_related("family__commune").get(pk=pk)
    obj.family = family
    return obj


def child_siblings_count(child) -> int:
    return Child.objects.filter(pregnancy_id=child.pregnancy_id).count()


def mother_of(family):
    return family.parents.filter(role=ParentRole.MOTHER).order_by("pk").first()


def observations_for_patient(patient):
    """(kind, objects) needed to build the observations of a Parent or Child."""
    if isinstance(patient, Child):
        return [("child", patient)]
    if patient.role != ParentRole.MOTHER:
        return []
    return [("pregnancy", p) for p in Pregnancy.objects.filter(family_id=patient.family_id).order_by("lmp")]


def resolve_observation(user, resource_id: str, *, path: str = ""):
    match = OBSERVATION_ID.match(resource_id or "")
    if not match:
        raise Http404("Ressource introuvable.")
    if match.group(2):
        child_id = int(match.group(2))
        family_id = Child.objects.filter(pk=child_id).values_list("family_id", flat=True).first()
        if family_id is None:
            raise Http404("Ressource introuvable.")
        family = get_family_for_user(user, family_id, page="interop:observation", path=path)
        return "child", Child.objects.get(pk=child_id), family
    pregnancy_id = int(match.group(3))
    family_id = Pregnancy.objects.filter(pk=pregnancy_id).values_list("family_id", flat=True).first()
    if family_id is None:
        raise Http404("Ressource introuvable.")
    family = get_family_for_user(user, family_id, page="interop:observation", path=path)
    return match.group(4), Pregnancy.objects.get(pk=pregnancy_id), family
