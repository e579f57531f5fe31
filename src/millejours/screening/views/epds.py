"""EPDS pages: the questionnaire (public, parent, professional) and its result."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from millejours.accounts.access import (
    require_parent,
)
from millejours.lib.throttle import rate_limited
from millejours.pathway.models import PregnancyOutcome
from millejours.pathway.selectors import get_family_for_user, parent_family

from .. import questionnaires, selectors, services, translations
from ..charts import epds_chart
from ..forms import ContactRequestForm, QuestionnaireForm
from ..models import (
    QuestionnaireCode,
    Respondent,
    Response,
)
from ..resources import directory_url
from .common import epds_retest_on, pro_family

SESSION_RESULTS = "screening_epds_results"


def _epds_form_page(
    request, *, respondent, family=None, template="screening/epds_form.html", extra=None
):
    q = questionnaires.epds()
    # Parents see a validated translation of the words, or the French text (the page says
    # so); professionals always the French one. Answers are option codes: scoring is the
    # French questionnaire's whatever the language (screening/translations.py).
    language = get_language() if respondent != Respondent.PROFESSIONAL else "fr"
    shown = translations.wording(q, language)
    form = QuestionnaireForm(shown.questionnaire, request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = services.epds_submit(
            answers=form.answers, respondent=respondent, family=family, user=request.user
        )
        request.session[SESSION_RESULTS] = [
            *request.session.get(SESSION_RESULTS, [])[-9:],
            response.public_token,
        ]
        return redirect("screening:epds_result", token=response.public_token)
    pregnancy = _in_pregnancy(request, family)
    context = {
        "form": form,
        "questionnaire": shown.questionnaire,
        "questionnaire_language": shown.language,
        "no_validated_translation": not shown.validated_translation,
        "family": family,
        "respondent": respondent,
        "pregnancy": pregnancy,
        "intro": shown.questionnaire.intro_pregnancy if pregnancy else shown.questionnaire.intro,
        **(extra or {}),
    }
    return render(request, template, context)


def _in_pregnancy(request, family) -> bool:
    """During a pregnancy the instructions speak of the coming baby (docs/screening.md)."""
    if family is None:
        return request.GET.get("moment") == "grossesse"

    current = family.pregnancies.order_by("-lmp", "-id").first()
    return current is not None and current.outcome == PregnancyOutcome.ONGOING


def epds_public(request):
    """Anonymous self-test: nothing identifying is stored."""
    return _epds_form_page(request, respondent=Respondent.ANONYMOUS)


@login_required
def epds_parent(request):
    require_parent(request.user)
    own = parent_family(request.user)
    if own is None:
        return redirect("screening:epds_public")
    family = get_family_for_user(
        request.user, own.pk, page="screening.epds_parent", path=request.path
    )
    history = list(selectors.epds_history(family))
    retest_on = epds_retest_on(history)
    extra = {
        "history": history,
        "chart": epds_chart(history),
        "retest_on": retest_on,
        "parent_space": True,
    }
    return _epds_form_page(request, respondent=Respondent.PARENT, family=family, extra=extra)


@login_required
def epds_pro(request, family_id):
    family = pro_family(request, family_id, "screening.epds")
    return _epds_form_page(request, respondent=Respondent.PROFESSIONAL, family=family)


def _result_allowed(request, response: Response) -> bool:
    if response.public_token in request.session.get(SESSION_RESULTS, []):
        return True
    if response.family_id and request.user.is_authenticated:
        return parent_family(request.user) == response.family
    return False


def _contact_initial(request) -> dict:
    user = request.user
    if not (user.is_authenticated and user.is_parent):
        return {}
    return {"name": user.first_name, "phone": user.phone, "email": user.email}


@rate_limited("epds_contact", per_ip=10, per_target=3, window=3600, targets=("email", "phone"))
def epds_result(request, token):
    response = get_object_or_404(
        Response.objects.select_related("family__commune"),
        public_token=token,
        questionnaire=QuestionnaireCode.EPDS,
    )
    if not _result_allowed(request, response):
        raise Http404("Résultat introuvable.")
    q = questionnaires.get("epds", response.version)
    contact_form = None
    if (
        response.respondent in (Respondent.ANONYMOUS, Respondent.PARENT)
        and response.contact_offer
        and not hasattr(response, "contact_request")
    ):
        contact_form = ContactRequestForm(request.POST or None, initial=_contact_initial(request))
        if request.method == "POST" and contact_form.is_valid():
            data = contact_form.cleaned_data
            services.contact_request_create(
                response=response,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                consent=data["consent"],
            )
            messages.success(request, _("Merci. Un professionnel vous recontactera."))
            return redirect("screening:epds_result", token=token)
    retest_on = timezone.localtime(response.created_at).date() + timedelta(
        days=q.retest_after_days or 14
    )
    return render(
        request,
        "screening/epds_result.html",
        {
            "response": response,
            "questionnaire": q,
            "contact_form": contact_form,
            "team_alerted": response.family_id is not None and response.alert_tasks.exists(),
            "retest_on": retest_on,
            "resources_url": directory_url(
                "sante--sante-mentale",
                public=not (request.user.is_authenticated and request.user.is_professional),
                commune=response.family.commune if response.family_id else None,
            ),
        },
    )
