"""The open API (django-ninja), mounted at ``/api/v1/``; OpenAPI at ``/api/v1/openapi.json``.

- Public (no token, rate-limited per IP): directory services (data·inclusion v1),
  upcoming public workshops, the shared fiches catalogue.
- Aggregated (scope ``indicateurs``): yearly indicators with small-cell suppression.
- Care-team scoped (scope ``familles``): a family's milestones and screening summaries,
  through ``pathway.selectors.get_family_for_user`` for the token's user (access log).
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import HttpError
from ninja.openapi.docs import Swagger
from ninja.security import HttpBearer

from millejours.directory.exports import export_data_inclusion
from millejours.indicators.reports import petit_pas_grand_pas_published
from millejours.programme.models import Fiche
from millejours.programme.selectors import fiche_catalogue, fiche_full, public_sessions
from millejours.programme.services.fiche_document import fiche_to_dict

from . import selectors, tokens
from .choices import ApiScope

DESCRIPTION = (
    "API ouverte de Mille Jours. Les points publics ne demandent pas de jeton ; les autres "
    "demandent un jeton `Authorization: Bearer mj_…` portant la portée indiquée "
    "(`indicateurs`, `familles`). Les effectifs de 1 à 4 sont publiés « < 5 »."
)


class RateLimited(Exception):
    pass


class TokenAuth(HttpBearer):
    """A bearer token carrying ``scope``; counts the request against the token's limit."""

    def __init__(self, scope: str):
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token):
        found = tokens.authenticate(token)
        if found is None:  # wrong tokens count against the client address
            if not tokens.allow(request, None):
                raise RateLimited
            return None
        if self.scope not in found.scopes:
            raise HttpError(403, f"Ce jeton ne porte pas la portée « {self.scope} ».")
        if not tokens.allow(request, found):
            raise RateLimited
        request.api_token = found
        return found


api = NinjaAPI(
    title="Mille Jours — API ouverte",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api_v1",
    docs_url="/docs",
    # Swagger UI from ninja's packaged static files (no CDN); no call to validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_decorator=require_safe,  # the description and its page answer GET/HEAD only
)


@api.exception_handler(RateLimited)
def _rate_limited(request, exc):
    response = api.create_response(
        request, {"detail": "Trop de requêtes : réessayez plus tard."}, status=429
    )
    response["Retry-After"] = str(tokens.window())
    return response


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Ressource introuvable."}, status=404)


def _public(request) -> None:
    if not tokens.allow(request, None):
        raise RateLimited


class Detail(Schema):
    detail: str


ERRORS = {404: Detail, 429: Detail}
AUTH_ERRORS = {401: Detail, 403: Detail, 404: Detail, 429: Detail}


# --- Public ------------------------------------------------------------------------------------


class DataInclusion(Schema):
    structures: list[dict]
    services: list[dict]


@api.get(
    "/services",
    response={200: DataInclusion, **ERRORS},
    tags=["public"],
    summary="Services de l'annuaire (schéma data·inclusion v1)",
)
def services(request):
    _public(request)
    return export_data_inclusion()


class Workshop(Schema):
    id: int
    title: str
    theme: str
    starts_at: datetime
    ends_at: datetime | None
    commune: str | None
    place: str
    places_left: int | None
    url: str


@api.get(
    "/ateliers",
    response={200: list[Workshop], **ERRORS},
    tags=["public"],
    summary="Prochains ateliers ouverts aux parents",
)
def workshops(request):
    _public(request)
    out = []
    for s in public_sessions()[:500]:
        places = None if s.capacity is None else max(s.capacity - s.confirmed, 0)
        out.append(
            {
                "id": s.pk,
                "title": s.event.title,
                "theme": s.event.theme,
                "starts_at": s.starts_at,
                "ends_at": s.ends_at,
                "commune": s.commune.name if s.commune else None,
                "place": s.place,
                "places_left": places,
                "url": request.build_absolute_uri(reverse("programme:public_events")),
            }
        )
    return out


class FicheSummary(Schema):
    id: int
    title: str
    carrier: str
    theme: str
    state: str
    public_code: str
    url: str


class FicheFilters(Schema):
    theme: str = ""
    public: str = ""
    state: str = ""
    q: str = ""


@api.get(
    "/fiches",
    response={200: list[FicheSummary], **ERRORS},
    tags=["public"],
    summary="Catalogue des fiches action (hors idées)",
)
def fiches(request, filters: Query[FicheFilters]):
    _public(request)
    values = {k: v[:200] for k, v in filters.dict().items() if v}
    qs = fiche_catalogue(**values).exclude(state="idee")
    return [
        {
            "id": f.pk,
            "title": f.title,
            "carrier": f.carrier,
            "theme": f.theme,
            "state": f.state,
            "public_code": f.public_code,
            "url": request.build_absolute_uri(f"/api/v1/fiches/{f.pk}"),
        }
        for f in qs[:1000]
    ]


@api.get(
    "/fiches/{fiche_id}",
    response={200: dict, **ERRORS},
    tags=["public"],
    summary="Une fiche au format millejours.fiche/1",
)
def fiche(request, fiche_id: int):
    _public(request)
    if not 0 < fiche_id < 2**62:
        raise Http404
    try:
        obj = fiche_full(fiche_id)
    except Fiche.DoesNotExist:
        raise Http404 from None
    if obj.state == "idee":
        raise Http404
    return fiche_to_dict(obj)


# --- Aggregated --------------------------------------------------------------------------------


class IndicatorValue(Schema):
    code: str
    label: str
    value: int | str
    first_child: int | str | None = None
    definition: str
    source: str


class IndicatorYear(Schema):
    year: int
    indicators: list[IndicatorValue]


@api.get(
    "/indicateurs",
    response={200: IndicatorYear, 400: Detail, **AUTH_ERRORS},
    tags=["agrégés"],
    auth=TokenAuth(ApiScope.INDICATORS),
    summary="Indicateurs d'une année (effectifs < 5 masqués)",
)
def indicators(request, year: int | None = None):
    year = year if year is not None else timezone.localdate().year
    if not 2000 <= year <= timezone.localdate().year + 1:
        return Status(400, {"detail": "Année invalide."})
    published = petit_pas_grand_pas_published(
        None, year
    ).values()  # primary and secondary suppression
    return {
        "year": year,
        "indicators": [
            {
                "code": p.code,
                "label": p.label,
                "value": p.total.value,
                "first_child": p.extra.get("first_child"),
                "definition": p.definition,
                "source": p.source,
            }
            for p in published
        ],
    }


# --- Care-team scoped --------------------------------------------------------------------------


class MilestoneOut(Schema):
    code: str
    label: str
    category: str
    subject: str
    due: date
    window_start: date
    window_end: date
    state: str
    done_on: date | None


class ScreeningOut(Schema):
    questionnaire: str
    version: str
    date: datetime
    total: int | None
    level: str
    alert: bool


class FamilyMilestones(Schema):
    family: str
    milestones: list[MilestoneOut]


class FamilyScreenings(Schema):
    family: str
    screenings: list[ScreeningOut]


def _care_team_user(request):
    user = request.auth.user
    if not user.is_professional:
        raise HttpError(403, "Réservé aux professionnels de l'équipe de soins.")
    return user


def _family_id(family_id: int) -> int:
    if not 0 < family_id < 2**62:
        raise Http404
    return family_id


def _care_team_get(path: str, schema: type[Schema], summary: str):
    """A GET about one family followed by the token's professional (scope ``familles``)."""
    return api.get(
        path,
        response={200: schema, **AUTH_ERRORS},
        tags=["équipe de soins"],
        auth=TokenAuth(ApiScope.FAMILIES),
        summary=summary,
    )


def _followed(request, family_id: int, selector):
    """``selector``'s answer for the token's professional (404 unless they follow the family)."""
    return selector(_care_team_user(request), _family_id(family_id), path=request.path)


@_care_team_get(
    "/familles/{family_id}/etapes", FamilyMilestones, "Étapes du parcours d'une famille suivie"
)
def family_milestones(request, family_id: int):
    family, milestones = _followed(request, family_id, selectors.family_milestones)
    return {"family": family.reference, "milestones": list(milestones)}


@_care_team_get(
    "/familles/{family_id}/reperages",
    FamilyScreenings,
    "Synthèse des repérages signés (EPDS, EPP), sans les réponses",
)
def family_screenings(request, family_id: int):
    family, responses = _followed(request, family_id, selectors.family_screenings)
    return {
        "family": family.reference,
        "screenings": [
            {
                "questionnaire": r.questionnaire,
                "version": r.version,
                "date": r.created_at,
                "total": r.total,
                "level": r.shown_level,
                "alert": r.alert,
            }
            for r in responses
        ],
    }
