"""Reads of the screening domain (family reads go through ``get_family_for_user`` first)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from millejours.pathway.models import CareTeamMember

from . import questionnaires
from .models import (
    AlertStatus,
    AlertTask,
    ContactRequest,
    FlagStatus,
    QuestionnaireCode,
    Response,
    VulnerabilityFlag,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from millejours.accounts.models import User
    from millejours.pathway.models import Family


def epds_history(family: Family) -> QuerySet[Response]:
    """Signed EPDS of ``family``, oldest first (for the chart)."""
    return Response.objects.filter(
        family=family, questionnaire=QuestionnaireCode.EPDS, signed_at__isnull=False
    ).order_by("created_at", "id")


def epp_versions(family: Family) -> QuerySet[Response]:
    """Every EPP of ``family``, newest first, with what superseded each one."""
    return (
        Response.objects.filter(family=family, questionnaire=QuestionnaireCode.EPP)
        .select_related("filled_by", "supersedes", "superseded_by")
        .order_by("-created_at", "-id")
    )


def current_epp_brief(family: Family) -> Response | None:
    """The current EPP with only what the family record's card shows (id, date, pregnancy):
    no join to its author and versions, no answers to decrypt."""
    return (
        Response.objects.filter(
            family=family, questionnaire=QuestionnaireCode.EPP, superseded_by__isnull=True
        )
        .order_by("-created_at", "-id")
        .only("id", "signed_at", "pregnancy_id", "family_id")
        .first()
    )


def _visible_flags_of(user: User | AnonymousUser) -> QuerySet[VulnerabilityFlag]:
    """Flags of the current EPP versions: shared with the team, or the viewer's own."""
    return (
        VulnerabilityFlag.objects.filter(response__superseded_by__isnull=True)
        .exclude(status=FlagStatus.DISMISSED)
        .filter(Q(consent_share=True) | Q(created_by=user) | Q(confirmed_by=user))
    )


def visible_flags(family: Family, user: User | AnonymousUser) -> QuerySet[VulnerabilityFlag]:
    """Flags of the current EPP versions of ``family``: shared with the team, or the
    viewer's own."""
    return _visible_flags_of(user).filter(family=family).select_related("response")


@dataclass(frozen=True)
class EppGrid:
    """What ``user`` reads of one signed EPP: the whole grid when they signed it; for a
    colleague, only the domains whose flag the family agreed to share with the team."""

    questionnaire: questionnaires.Questionnaire
    flags: list[VulnerabilityFlag]  # the EPP's flags ``user`` may see (``visible_flags``)
    rows: list[dict[str, Any]]  # {"item", "value"} in the grid's order
    is_author: bool


def epp_grid(family: Family, response: Response, user: User | AnonymousUser) -> EppGrid:
    q = questionnaires.get("epp", response.version)
    flags = [f for f in visible_flags(family, user) if f.response_id == response.pk]
    is_author = user.is_authenticated and response.filled_by_id == user.pk
    shared = {f.domain for f in flags if f.consent_share}
    rows = []
    for item in q.items:
        if item.code not in response.answers:
            continue
        if item.domain and not is_author and item.domain not in shared:
            continue
        value = response.answers[item.code]
        label = item.option(value).label if item.type == "choice" else value
        rows.append({"item": item, "value": label})
    return EppGrid(questionnaire=q, flags=flags, rows=rows, is_author=is_author)


def is_flag_visible(flag: VulnerabilityFlag, user: User | AnonymousUser) -> bool:
    """``flag`` is one of the ``visible_flags`` of its family for ``user`` (who may see and
    confirm it; ``services.flag_confirm`` checks it)."""
    return _visible_flags_of(user).filter(pk=flag.pk).exists()


def open_alerts_for(user: User | AnonymousUser) -> QuerySet[AlertTask]:
    """Open alert tasks of ``user``, most urgent first (worklist)."""
    if not user.is_authenticated:
        return AlertTask.objects.none()

    # Only while the user is still in the family's care team.
    in_team = CareTeamMember.objects.filter(
        family=OuterRef("family_id"), user=user, removed_at__isnull=True
    )
    return (
        AlertTask.objects.filter(assignees=user, status=AlertStatus.OPEN)
        .filter(Exists(in_team))
        .select_related("family")
        .order_by("due_at", "id")
    )


def family_alerts(family: Family) -> QuerySet[AlertTask]:
    return (
        AlertTask.objects.filter(family=family).select_related("closed_by").order_by("-created_at")
    )


def family_response(family: Family, pk: int | str, questionnaire: str) -> Response:
    try:
        return Response.objects.select_related("filled_by").get(
            family=family, pk=pk, questionnaire=questionnaire
        )
    except (Response.DoesNotExist, ValueError):
        raise Http404("Questionnaire introuvable.") from None


def pending_contact_requests() -> QuerySet[ContactRequest]:
    """EPDS respondents (anonymous or parents) who asked to be called back, oldest first."""
    return (
        ContactRequest.objects.filter(handled_at__isnull=True)
        .select_related("response")
        .order_by("created_at", "id")
    )
