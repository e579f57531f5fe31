"""EPP pages: the early prenatal interview grid, its liaison sheet and vulnerability flags."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import questionnaires, selectors, services
from ..forms import FlagConfirmForm, QuestionnaireForm
from ..models import (
    QuestionnaireCode,
    VulnerabilityFlag,
)
from ..resources import directory_url, nearby_services
from .common import pro_family


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
    family = pro_family(request, family_id, "screening.epp")
    return _epp_form(request, family)


@login_required
def epp_correct(request, family_id, pk):
    family = pro_family(request, family_id, "screening.epp")
    previous = selectors.family_response(family, pk, QuestionnaireCode.EPP)
    if not services.can_correct_epp(previous, request.user):  # (the service checks it too)
        raise PermissionDenied(services.EPP_SIGNER_ONLY)
    return _epp_form(request, family, supersedes=previous)


def _epp_context(request, family, response):
    grid = selectors.epp_grid(family, response, request.user)
    q, flags = grid.questionnaire, grid.flags
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
        "rows": grid.rows,
        "flag_rows": flag_rows,
        "superseded_by": getattr(response, "superseded_by", None),
        "is_author": grid.is_author,
        "shared_flag_rows": [r for r in flag_rows if r["flag"].consent_share],
    }


@login_required
def epp_detail(request, family_id, pk):
    family = pro_family(request, family_id, "screening.epp")
    response = selectors.family_response(family, pk, QuestionnaireCode.EPP)
    return render(request, "screening/epp_detail.html", _epp_context(request, family, response))


@login_required
def epp_pdf(request, family_id, pk):
    family = pro_family(request, family_id, "screening.epp_pdf")
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
    family = pro_family(request, flag.family_id, "screening.flag")
    if not selectors.is_flag_visible(flag, request.user):  # 404 here; the service: 403
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
