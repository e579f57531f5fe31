"""Pages of the orientations domain.

Professionals reach a family's orientations through ``get_family_for_user``; partners
through their inbox (members of the organisation that runs the service) or a signed link.
The pages answer 404/403 first; the write services enforce the same rules (``rules``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from millejours.accounts.access import require_partner, require_professional
from millejours.audit.access import log_read
from millejours.pathway.models import Milestone
from millejours.pathway.selectors import get_family_for_user
from millejours.screening.models import VulnerabilityFlag

from . import links, rules, services
from .choices import FINAL_STATES, Origin, State
from .forms import OrientationForm, RefusalForm
from .models import Orientation
from .rules import PARTNER_ACTIONS, PRO_ACTIONS
from .selectors import (
    inbox_for_partner,
    is_overdue,
    orientations_for_professional,
)

# An answer of the partner: (target state, reason) -> the orientation, moved.
Answer = Callable[[str, str], Orientation]


@login_required
def orientation_list(request):
    require_professional(request.user, None)
    qs = orientations_for_professional(request.user).order_by("-created_at")
    state = request.GET.get("etat", "")
    if state in State.values:
        qs = qs.filter(state=state)
    orientations = list(qs[:200])
    for item in orientations:
        item.overdue = is_overdue(item)
    return render(
        request,
        "orientations/list.html",
        {"orientations": orientations, "states": State.choices, "current_state": state},
    )


def _origin_from_request(request, family) -> tuple[str, str, str]:
    """(origin, origin_ref, label) from ``?reperage=ID`` or ``?jalon=ID`` of this family."""

    def requested(param: str, model):
        value = request.GET.get(param) or request.POST.get(param) or ""
        return model.objects.filter(pk=value, family=family).first() if value.isdigit() else None

    flag = requested("reperage", VulnerabilityFlag)
    if flag:
        return Origin.SCREENING, f"reperage:{flag.pk}", f"Repérage : {flag.domain_label}"
    milestone = requested("jalon", Milestone)
    if milestone:
        return Origin.MILESTONE, f"jalon:{milestone.pk}", f"Rendez-vous : {milestone.label}"
    return Origin.FREE, "", ""


@login_required
def orientation_create(request, family_id: int):
    require_professional(request.user, None)
    family = get_family_for_user(
        request.user, family_id, page="orientations:create", path=request.path
    )
    origin, origin_ref, origin_label = _origin_from_request(request, family)
    initial = {"origin": origin, "service": request.GET.get("service")}
    form = OrientationForm(request.POST or None, family=family, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen_origin = data["origin"]
        try:
            orientation = services.orientation_create(
                family=family,
                service=data["service"],
                by=request.user,
                reason=data["reason"],
                consent_given=data["consent"],
                shared_contact=data["shared_contact"],
                origin=chosen_origin,
                origin_ref=origin_ref if chosen_origin == origin else "",
                send="envoyer" in request.POST,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if orientation.state == State.SENT:
                messages.success(request, f"Orientation envoyée à « {orientation.service.name} ».")
            else:
                messages.success(request, "Orientation enregistrée en brouillon.")
            return redirect("orientations:detail", pk=orientation.pk)
    return render(
        request,
        "orientations/create.html",
        {"form": form, "family": family, "origin_label": origin_label, "origin": origin},
    )


def _orientation_for_professional(request, pk) -> Orientation:
    orientation = orientations_for_professional(request.user).filter(pk=pk).first()
    if orientation is None:
        raise Http404("Orientation introuvable.")
    # The family record is read: through the one door (404 outside the team, logged).
    get_family_for_user(
        request.user, orientation.family_id, page="orientations:detail", path=request.path
    )
    return orientation


@login_required
def orientation_detail(request, pk: int):
    require_professional(request.user, None)
    orientation = _orientation_for_professional(request, pk)
    events = list(orientation.events.select_related("by"))
    link = request.session.pop(f"orientation-link-{orientation.pk}", "")
    return render(
        request,
        "orientations/detail.html",
        {
            "orientation": orientation,
            "events": events,
            "link": link,
            "can_send": orientation.state == State.DRAFT,
            "can_done": orientation.state == State.ACCEPTED,
            "can_drop": orientation.state not in FINAL_STATES,
            "can_renew": orientation.state in {State.SENT, State.RECEIVED, State.ACCEPTED},
            "overdue": is_overdue(orientation),
        },
    )


@login_required
@require_POST
def orientation_action(request, pk: int):
    require_professional(request.user, None)
    orientation = _orientation_for_professional(request, pk)
    action = request.POST.get("action", "")
    if action == "lien":
        try:
            token = services.orientation_renew_link(orientation=orientation, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            request.session[f"orientation-link-{orientation.pk}"] = request.build_absolute_uri(
                reverse("orientations:partner_link", args=[token])
            )
            messages.success(
                request, "Nouveau lien créé : les liens précédents ne fonctionnent plus."
            )
        return redirect("orientations:detail", pk=orientation.pk)
    to_state = PRO_ACTIONS.get(action)
    if to_state is None:
        messages.error(request, "Action inconnue.")
        return redirect("orientations:detail", pk=orientation.pk)
    try:
        services.orientation_transition(
            orientation=orientation,
            to_state=to_state,
            by=request.user,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if to_state == State.SENT:
            services.notify_partner(orientation)
        messages.success(request, f"Orientation : {State(to_state).label.lower()}.")
    return redirect("orientations:detail", pk=orientation.pk)


# --- Partner side -------------------------------------------------------------------------


def minimum_view(orientation: Orientation) -> dict:
    """What the partner may see: first name, commune, reason, the consented contact."""
    parent = orientation.family.parents.order_by("pk").first()
    contact = ""
    if parent is not None:
        if orientation.shared_contact == "telephone":
            contact = parent.phone
        elif orientation.shared_contact == "courriel":
            contact = parent.email
    return {
        "first_name": parent.first_name if parent else "",
        "commune": orientation.family.commune.name if orientation.family.commune else "",
        "reason": orientation.reason,
        "contact": contact,
        "contact_kind": orientation.get_shared_contact_display(),
        "service": orientation.service.name,
        "structure": orientation.service.structure.name,
        "oriented_by": orientation.created_by.display_name if orientation.created_by else "",
        "oriented_by_contact": (orientation.created_by.phone or orientation.created_by.email)
        if orientation.created_by
        else "",
        "sent_at": orientation.sent_at,
        "state": orientation.state,
        "state_label": orientation.get_state_display(),
        "refusal_reason": orientation.refusal_reason,
    }


def _partner_page(
    request, orientation: Orientation, *, refusal, via_link: bool, user=None, actor="", path=""
):
    """The partner's answer page: the minimum of the family, its reading logged."""
    info = minimum_view(orientation)
    # The partner reads family data (first name, commune, the consented phone or e-mail):
    # one entry in the access log, like any read of a family record.
    log_read(
        user=user,
        actor=actor,
        family=orientation.family,
        page="orientations:partner_link" if via_link else "orientations:inbox_detail",
        path=path or request.path,
    )
    return render(
        request,
        "orientations/answer.html",
        {"info": info, "refusal": refusal, "orientation": orientation, "via_link": via_link},
    )


def _partner_answer(request: HttpRequest, answer: Answer) -> tuple[bool, RefusalForm]:
    """Apply a POSTed partner action through ``answer``; returns (done, refusal form)."""
    refusal = RefusalForm(request.POST if request.POST.get("action") == "refuser" else None)
    action = request.POST.get("action", "")
    to_state = PARTNER_ACTIONS.get(action)
    if to_state is None:
        messages.error(request, "Action inconnue.")
        return False, refusal
    reason = ""
    if to_state == State.REFUSED:
        if not refusal.is_valid():
            return False, refusal
        reason = refusal.cleaned_data["reason"]
    try:
        answer(to_state, reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False, refusal
    messages.success(request, f"Réponse enregistrée : {State(to_state).label.lower()}.")
    return True, refusal


def _partner_visit(
    request: HttpRequest, orientation: Orientation, answer: Answer
) -> tuple[bool, RefusalForm]:
    """A partner's visit of the answer page, through ``answer``: a POST applies their action
    (done: the caller redirects), a first reading marks a sent orientation received.
    Returns (done, refusal form); ``orientation`` is read again when not done."""
    refusal = RefusalForm()
    if request.method == "POST":
        done, refusal = _partner_answer(request, answer)
        if done:
            return True, refusal
    elif orientation.state == State.SENT:
        answer(State.RECEIVED, "")
    orientation.refresh_from_db()
    return False, refusal


@login_required
def inbox(request):
    require_partner(request.user)
    orientations = list(inbox_for_partner(request.user)[:200])
    return render(request, "orientations/inbox.html", {"orientations": orientations})


@login_required
def inbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = require_partner(request.user)
    orientation = inbox_for_partner(user).filter(pk=pk).first()
    if orientation is None:
        raise Http404("Orientation introuvable.")
    rules.check_partner_may_answer(user, orientation)

    def answer(to_state: str, reason: str) -> Orientation:
        return services.orientation_transition(
            orientation=orientation, to_state=to_state, by=user, reason=reason
        )

    done, refusal = _partner_visit(request, orientation, answer)
    if done:
        return redirect("orientations:inbox_detail", pk=orientation.pk)
    return _partner_page(request, orientation, refusal=refusal, via_link=False, user=user)


def partner_link(request: HttpRequest, token: str) -> HttpResponse:
    """The partner without an account: only the minimum, through a signed link."""
    try:
        orientation = links.read_token(token)
    except links.LinkError as exc:
        return render(request, "orientations/link_error.html", {"message": str(exc)}, status=403)
    label = links.link_actor(orientation)

    def answer(to_state: str, reason: str) -> Orientation:
        # The token, not the page, authorises the answer: the service reads it again.
        return services.orientation_answer_by_link(token=token, to_state=to_state, reason=reason)

    done, refusal = _partner_visit(request, orientation, answer)
    if done:
        return redirect("orientations:partner_link", token=token)
    # The token is a secret: the log keeps the page, not the link.
    response = _partner_page(
        request,
        orientation,
        refusal=refusal,
        via_link=True,
        actor=label,
        path=request.path.replace(token, "…"),
    )
    response["Referrer-Policy"] = (
        "same-origin"  # never sent to other sites; "no-referrer" breaks CSRF (Origin: null)
    )
    response["Cache-Control"] = "no-store"
    return response
