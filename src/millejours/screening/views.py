"""Screening pages: EPDS (public, parent, professional), EPP grid, flags and alerts."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from millejours.accounts.access import (
    CARE_TEAM_PROFESSIONALS_ONLY,
    require_parent,
    require_professional,
)
from millejours.lib.throttle import rate_limited
from millejours.pathway.models import PregnancyOutcome
from millejours.pathway.selectors import get_family_for_user, parent_family

from . import questionnaires, selectors, services, translations
from .charts import epds_chart
from .forms import AlertCloseForm, ContactRequestForm, FlagConfirmForm, QuestionnaireForm
from .models import (
    AlertTask,
    ContactRequest,
    QuestionnaireCode,
    Respondent,
    Response,
    VulnerabilityFlag,
)
from .resources import directory_url, nearby_services

SESSION_RESULTS = "screening_epds_results"


def _pro_family(request, family_id, page: str):
    """The family for a professional of its care team (404 otherwise), logged."""
    require_professional(request.user, CARE_TEAM_PROFESSIONALS_ONLY)
    return get_family_for_user(request.user, family_id, page=page, path=request.path)


# --- EPDS -----------------------------------------------------------------------------------


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
    """During a pregnancy the instructions speak of the coming baby (epds.md)."""
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
    retest_on = _retest_on(history)
    extra = {
        "history": history,
        "chart": epds_chart(history),
        "retest_on": retest_on,
        "parent_space": True,
    }
    return _epds_form_page(request, respondent=Respondent.PARENT, family=family, extra=extra)


@login_required
def epds_pro(request, family_id):
    family = _pro_family(request, family_id, "screening.epds")
    return _epds_form_page(request, respondent=Respondent.PROFESSIONAL, family=family)


def _retest_on(history):
    """The date from which a new EPDS is suggested (after the last one), or None."""
    if not history:
        return None
    days = questionnaires.epds().retest_after_days or 14
    return timezone.localtime(history[-1].created_at).date() + timedelta(days=days)


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


# --- Family screening page --------------------------------------------------------------------


@login_required
def family_screening(request, family_id):
    family = _pro_family(request, family_id, "screening.family")
    history = list(selectors.epds_history(family))
    return render(
        request,
        "screening/family.html",
        {
            "retest_on": _retest_on(history),
            "family": family,
            "epps": selectors.epp_versions(family),
            "flags": selectors.visible_flags(family, request.user),
            "alerts": selectors.family_alerts(family),
            "history": history,
            "chart": epds_chart(history),
        },
    )


# --- EPP ------------------------------------------------------------------------------------


def _epp_form(request, family, *, supersedes=None):
    q = questionnaires.epp()
    initial = supersedes.answers if supersedes is not None else None
    form = QuestionnaireForm(q, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            response = services.epp_sign(
                family=family, user=request.user, answers=form.answers, supersedes=supersedes
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "L'entretien prénatal précoce est signé.")
            return redirect("screening:epp_detail", family_id=family.pk, pk=response.pk)
    return render(
        request,
        "screening/epp_form.html",
        {
            "form": form,
            "questionnaire": q,
            "family": family,
            "supersedes": supersedes,
        },
    )


@login_required
def epp_new(request, family_id):
    family = _pro_family(request, family_id, "screening.epp")
    return _epp_form(request, family)


@login_required
def epp_correct(request, family_id, pk):
    family = _pro_family(request, family_id, "screening.epp")
    previous = selectors.family_response(family, pk, QuestionnaireCode.EPP)
    if previous.filled_by_id != request.user.pk:
        raise PermissionDenied("Seule la personne qui a signé l'entretien peut le corriger.")
    return _epp_form(request, family, supersedes=previous)


def _epp_context(request, family, response):
    q = questionnaires.get("epp", response.version)
    flags = [
        f for f in selectors.visible_flags(family, request.user) if f.response_id == response.pk
    ]
    # The full grid is for its author; colleagues see the domains the family agreed to share.
    is_author = response.filled_by_id == request.user.pk
    shared = {f.domain for f in flags if f.consent_share}
    rows = []
    for item in q.items:
        if item.code not in response.answers:
            continue
        if item.domain and not is_author and item.domain not in shared:
            continue
        value = response.answers[item.code]
        rows.append(
            {"item": item, "value": item.option(value).label if item.type == "choice" else value}
        )
    flag_rows = []
    nearby_cache: dict = {}
    for flag in flags:
        domain = q.domain(flag.domain)
        orientations = [
            {
                **o,
                "url": directory_url(o.get("theme", ""), commune=family.commune),
                "nearby": nearby_services(family.commune, o.get("theme", ""), nearby_cache),
            }
            for o in domain.orientations
        ]
        flag_rows.append(
            {
                "flag": flag,
                "domain": domain,
                "orientations": orientations,
                "form": FlagConfirmForm(prefix=f"flag{flag.pk}"),
            }
        )
    return {
        "family": family,
        "response": response,
        "questionnaire": q,
        "rows": rows,
        "flag_rows": flag_rows,
        "superseded_by": getattr(response, "superseded_by", None),
        "is_author": is_author,
        "shared_flag_rows": [r for r in flag_rows if r["flag"].consent_share],
    }


@login_required
def epp_detail(request, family_id, pk):
    family = _pro_family(request, family_id, "screening.epp")
    response = selectors.family_response(family, pk, QuestionnaireCode.EPP)
    return render(request, "screening/epp_detail.html", _epp_context(request, family, response))


@login_required
def epp_pdf(request, family_id, pk):
    family = _pro_family(request, family_id, "screening.epp_pdf")
    response = selectors.family_response(family, pk, QuestionnaireCode.EPP)
    context = _epp_context(request, family, response)
    context["printed_at"] = timezone.localtime()
    html = render_to_string("screening/epp_liaison.html", context, request=request)
    from weasyprint import HTML  # heavy (Pango): loaded for a PDF only

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    out = HttpResponse(pdf, content_type="application/pdf")
    out["Content-Disposition"] = f'inline; filename="fiche-liaison-epp-{family.reference}.pdf"'
    return out


@login_required
@require_POST
def flag_confirm(request, pk):
    flag = get_object_or_404(VulnerabilityFlag.objects.select_related("response"), pk=pk)
    family = _pro_family(request, flag.family_id, "screening.flag")
    if not selectors.visible_flags(family, request.user).filter(pk=flag.pk).exists():
        raise Http404("Repérage introuvable.")
    form = FlagConfirmForm(request.POST, prefix=f"flag{flag.pk}")
    if form.is_valid():
        services.flag_confirm(
            flag=flag,
            user=request.user,
            consent_share=form.cleaned_data["consent_share"],
            confirmed=form.cleaned_data["decision"] == "confirme",
        )
        messages.success(request, "Le repérage est enregistré.")
    else:
        messages.error(request, "Choisissez de confirmer ou d'écarter le repérage.")
    return redirect("screening:epp_detail", family_id=family.pk, pk=flag.response_id)


# --- Alerts ---------------------------------------------------------------------------------


@login_required
def alert_list(request):
    require_professional(request.user, None)
    return render(
        request, "screening/alert_list.html", {"alerts": selectors.open_alerts_for(request.user)}
    )


@login_required
def alert_detail(request, pk):
    alert = get_object_or_404(AlertTask.objects.select_related("response", "closed_by"), pk=pk)
    family = _pro_family(request, alert.family_id, "screening.alert")
    form = AlertCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.alert_close(
                alert=alert, user=request.user, action_taken=form.cleaned_data["action_taken"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "L'alerte est close.")
            return redirect("screening:alert_detail", pk=alert.pk)
    return render(
        request, "screening/alert_detail.html", {"alert": alert, "family": family, "form": form}
    )


# --- Contact requests (anonymous EPDS) ---------------------------------------------------------


def _may_handle_contacts(user) -> bool:
    return user.role in {"referent", "coordination"}


@login_required
def contact_list(request):
    """Referents and the coordination call back the people who asked for it."""
    if not _may_handle_contacts(request.user):
        raise PermissionDenied("Réservé aux référents parcours et à la coordination.")
    if request.method == "POST":
        contact = get_object_or_404(ContactRequest, pk=request.POST.get("pk"))
        services.contact_request_mark_handled(request=contact, user=request.user)
        messages.success(request, "La demande est marquée comme traitée.")
        return redirect("screening:contact_list")
    return render(
        request, "screening/contact_list.html", {"contacts": selectors.pending_contact_requests()}
    )
