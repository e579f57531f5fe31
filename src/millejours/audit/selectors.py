"""Reads of the trust domain: consents, access history, break-the-glass.

API for other domains (stable):

- ``has_consent(family, scope) -> bool``: may we act under this consent *now*? Call it
  right before sending an SMS (``"contact_sms"``) or an e-mail (``"contact_email"``), or
  before counting a family in indicators (``"donnees_pseudonymisees"``). A withdrawal
  takes effect at once.
- ``consents_for(families) -> dict[family_id, dict[scope, bool]]``: the same for many
  families in two queries (lists, campaigns, indicators).
- ``families_with_consent(queryset, scope) -> queryset``: filter a Family queryset in SQL.

With no consent recorded for a scope, ``CONSENT_DEFAULTS`` applies: the family agreed at
inclusion to share within the care team and to be contacted (the parent may withdraw at
any time from « Mes consentements »).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from millejours.lib.queries import filter_given

from .models import AccessLog, Consent, ConsentScope

if TYPE_CHECKING:
    pass

M = TypeVar("M", bound=Model)
# A pathway.Family or its primary key (audit, a ground-floor app, imports no higher app).
FamilyRef = Any


def family_pk(family: FamilyRef) -> int:
    """The primary key of a family given as a model instance or as its key."""
    pk: int = family.pk if isinstance(family, Model) else family
    return pk


CONSENT_DEFAULTS: dict[str, bool] = {
    ConsentScope.PARTAGE_EQUIPE: True,
    ConsentScope.CONTACT_SMS: True,
    ConsentScope.CONTACT_EMAIL: True,
    ConsentScope.DONNEES_PSEUDONYMISEES: True,
}


def _scope(scope: Enum | str) -> str:
    value = str(scope.value if hasattr(scope, "value") else scope)
    if value not in CONSENT_DEFAULTS:
        raise ValueError(f"Objet de consentement inconnu : {value!r}")
    return value


def has_consent(family: FamilyRef, scope: Enum | str) -> bool:
    scope = _scope(scope)
    family_id = family_pk(family)
    latest = (
        Consent.objects.filter(family_id=family_id, scope=scope)
        .order_by("-id")
        .only("withdrawn_at")
        .first()
    )
    if latest is None:
        return CONSENT_DEFAULTS[scope]
    return latest.withdrawn_at is None


def consents_for(families: Iterable[FamilyRef]) -> dict[int, dict[str, bool]]:
    ids = [family_pk(f) for f in families]
    result = {fid: dict(CONSENT_DEFAULTS) for fid in ids}
    rows = (
        Consent.objects.filter(family_id__in=ids)
        .order_by("family_id", "scope", "id")
        .values_list("family_id", "scope", "withdrawn_at")
    )
    for family_id, scope, withdrawn_at in rows:  # the latest row per scope wins
        result[family_id][scope] = withdrawn_at is None
    return result


def _withdrawn_q(scope: str, family_ref: str = "pk") -> Q:
    """SQL condition: the family's latest consent for ``scope`` is withdrawn."""
    any_row = Consent.objects.filter(family=OuterRef(family_ref), scope=scope)
    open_row = any_row.filter(withdrawn_at__isnull=True)
    return Q(Exists(any_row)) & ~Q(Exists(open_row))


def families_with_consent(queryset: QuerySet[M], scope: Enum | str) -> QuerySet[M]:
    scope = _scope(scope)
    withdrawn = _withdrawn_q(scope)
    if CONSENT_DEFAULTS[scope]:
        return queryset.exclude(withdrawn)
    return queryset.filter(
        Exists(
            Consent.objects.filter(family=OuterRef("pk"), scope=scope, withdrawn_at__isnull=True)
        )
    )


def sharing_withdrawn_q() -> Q:
    return _withdrawn_q(ConsentScope.PARTAGE_EQUIPE)


def consent_history(family: FamilyRef) -> QuerySet[Consent]:
    return (
        Consent.objects.filter(family=family)
        .select_related("recorded_by", "withdrawn_by")
        .order_by("scope", "-id")
    )


# --- Access log, in words ----------------------------------------------------------------

PAGE_LABELS = {
    "pathway:family_detail": "Dossier de la famille",
    "pathway:family_edit": "Modification du dossier",
    "pathway:family_calendar": "Calendrier du suivi",
    "trust:breakglass_request": "Accès exceptionnel (bris de glace)",
    "privacy:breakglass_request": "Accès exceptionnel (bris de glace)",
}
APP_LABELS = {
    "pathway": "Dossier de suivi",
    "screening": "Repérage (questionnaires)",
    "orientations": "Orientations",
    "followup": "Accompagnement",
    "interop": "Échange de données",
    "programme": "Ateliers",
    "outreach": "Aller vers",
    "checkup": "Bilan prévention",
    "trust": "Données personnelles",  # entries written before the privacy app split
    "privacy": "Données personnelles",
}


def page_in_words(page: str) -> str:
    if page in PAGE_LABELS:
        return PAGE_LABELS[page]
    return APP_LABELS.get(page.partition(":")[0], "Dossier de la famille")


def access_history(families: Iterable[FamilyRef]) -> QuerySet[AccessLog]:
    """What the parents see: every read of their family records, newest first."""
    ids = [family_pk(f) for f in families]
    return AccessLog.objects.filter(family_id_ref__in=ids).order_by("-at", "-id")


def search_access_log(
    *,
    family_id: int | str | None = None,
    person: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    break_glass: bool | None = None,
) -> QuerySet[AccessLog]:
    qs = filter_given(
        AccessLog.objects.all(),
        family_id_ref=family_id,
        actor_label__icontains=person,
        at__date__gte=date_from,
        at__date__lte=date_to,
        break_glass=break_glass,
    )
    return qs.order_by("-at", "-id")
