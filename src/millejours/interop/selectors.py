"""Reads of the interop domain: FHIR ids → pathway objects, through the visibility selector.

Every resolution goes through ``pathway.selectors.get_family_for_user`` (404 outside the
care team, one access-log entry per read).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from millejours.pathway.models import (
    Child,
    Family,
    Milestone,
    MilestoneState,
    Parent,
    ParentRole,
    Pregnancy,
)
from millejours.pathway.selectors import get_family_for_user
from millejours.screening.models import QuestionnaireCode, Response

if TYPE_CHECKING:
    from millejours.accounts.models import User

M = TypeVar("M", bound=Model)

PATIENT_ID = re.compile(r"^(parent|enfant)-(\d{1,18})$")
OBSERVATION_ID = re.compile(r"^(enfant-(\d{1,18})-ag|grossesse-(\d{1,18})-(ddr|dpa))$")


def resolve_patient(user: User, resource_id: str, *, path: str = "") -> Parent | Child:
    """The ``Parent`` or ``Child`` behind ``Patient/<resource_id>``, if ``user`` may see it."""
    match = PATIENT_ID.match(resource_id or "")
    if not match:
        raise Http404("Ressource introuvable.")
    kind, pk = match.group(1), int(match.group(2))
    model: type[Parent] | type[Child] = Parent if kind == "parent" else Child
    family_id = model.objects.filter(pk=pk).values_list("family_id", flat=True).first()
    if family_id is None:
        raise Http404("Ressource introuvable.")
    family = get_family_for_user(user, family_id, page="interop:patient", path=path)
    obj = model.objects.select_related("family__commune").get(pk=pk)
    obj.family = family
    return obj


def child_siblings_count(child: Child) -> int:
    return Child.objects.filter(pregnancy_id=child.pregnancy_id).count()


def mother_of(family: Family) -> Parent | None:
    return family.parents.filter(role=ParentRole.MOTHER).order_by("pk").first()


def observations_for_patient(patient: Parent | Child) -> list[tuple[str, Child | Pregnancy]]:
    """(kind, objects) needed to build the observations of a Parent or Child."""
    if isinstance(patient, Child):
        return [("child", patient)]
    if patient.role != ParentRole.MOTHER:
        return []
    return [
        ("pregnancy", p)
        for p in Pregnancy.objects.filter(family_id=patient.family_id).order_by("lmp")
    ]


def resolve_observation(
    user: User, resource_id: str, *, path: str = ""
) -> tuple[str, Child | Pregnancy, Family]:
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
    family_id = (
        Pregnancy.objects.filter(pk=pregnancy_id).values_list("family_id", flat=True).first()
    )
    if family_id is None:
        raise Http404("Ressource introuvable.")
    family = get_family_for_user(user, family_id, page="interop:observation", path=path)
    return match.group(4), Pregnancy.objects.get(pk=pregnancy_id), family


# --- Open API (care-team scoped reads) ---------------------------------------------------------


def family_milestones(
    user: User, family_id: int, *, path: str = ""
) -> tuple[Family, QuerySet[Milestone]]:
    """The milestones of a family the token's user may see (404 otherwise; one access-log read)."""
    family = get_family_for_user(user, family_id, page="interop:api_etapes", path=path)
    return family, Milestone.objects.filter(family=family).order_by("due", "code", "id")


def family_screenings(
    user: User, family_id: int, *, path: str = ""
) -> tuple[Family, QuerySet[Response]]:
    """Signed screening responses (EPDS, EPP) of a family, newest first — summaries only."""
    family = get_family_for_user(user, family_id, page="interop:api_reperages", path=path)
    responses = Response.objects.filter(family=family, signed_at__isnull=False).order_by(
        "-created_at", "-id"
    )
    return family, responses


# --- FHIR: QuestionnaireResponse (signed EPDS) and Immunization (done vaccines) -----------------

RESPONSE_ID = re.compile(r"^reperage-(\d{1,18})$")
IMMUNIZATION_ID = re.compile(r"^etape-(\d{1,18})$")
VACCINE_CATEGORY = "vaccin"


def _signed_epds() -> QuerySet[Response]:
    return Response.objects.filter(questionnaire=QuestionnaireCode.EPDS, signed_at__isnull=False)


def _done_vaccines() -> QuerySet[Milestone]:
    return Milestone.objects.filter(
        category=VACCINE_CATEGORY, state=MilestoneState.DONE, done_on__isnull=False
    )


def _resolve(
    user: User,
    qs: QuerySet[M],
    pattern: re.Pattern[str],
    resource_id: str,
    *,
    page: str,
    path: str,
) -> tuple[M, Family]:
    match = pattern.match(resource_id or "")
    if not match:
        raise Http404("Ressource introuvable.")
    family_id = qs.filter(pk=int(match.group(1))).values_list("family_id", flat=True).first()
    if family_id is None:
        raise Http404("Ressource introuvable.")
    family = get_family_for_user(user, family_id, page=page, path=path)
    return qs.get(pk=int(match.group(1))), family


def resolve_questionnaire_response(
    user: User, resource_id: str, *, path: str = ""
) -> tuple[Response, Family]:
    return _resolve(
        user,
        _signed_epds(),
        RESPONSE_ID,
        resource_id,
        page="interop:questionnaire_response",
        path=path,
    )


def resolve_immunization(
    user: User, resource_id: str, *, path: str = ""
) -> tuple[Milestone, Family]:
    return _resolve(
        user, _done_vaccines(), IMMUNIZATION_ID, resource_id, page="interop:immunization", path=path
    )


def epds_responses_of(patient: Parent | Child) -> list[Response]:
    """Signed EPDS of the mother's family (the EPDS is the mother's questionnaire)."""
    if isinstance(patient, Child) or patient.role != ParentRole.MOTHER:
        return []
    return list(_signed_epds().filter(family_id=patient.family_id).order_by("created_at", "id"))


def vaccines_of(patient: Parent | Child) -> list[Milestone]:
    """Done vaccines of a child, or of a mother during her pregnancies (subject ``grossesse``)."""
    if isinstance(patient, Child):
        return list(_done_vaccines().filter(child=patient).order_by("done_on", "id"))
    if patient.role != ParentRole.MOTHER:
        return []
    return list(
        _done_vaccines()
        .filter(family_id=patient.family_id, child__isnull=True)
        .order_by("done_on", "id")
    )


def immunization_patient_ref(milestone: Milestone, family: Family) -> str | None:
    if milestone.child_id:
        return f"Patient/enfant-{milestone.child_id}"
    mother = mother_of(family)
    return f"Patient/parent-{mother.pk}" if mother else None
