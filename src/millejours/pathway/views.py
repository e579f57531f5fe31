"""Pages of the family pathway. Thin views: access first, writes in ``services``.

Every family-scoped view starts with ``get_family_for_user`` (404 outside the care team,
one access-log entry per read).
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from millejours.lib import params
from millejours.lib.phone import format_mobile
from millejours.territory.models import Commune

from . import services
from .forms import (
    BirthForm,
    FamilyForm,
    InvitationAcceptForm,
    InvitationForm,
    MilestoneDoneForm,
    ParentForm,
    PostpartumRiskForm,
    PregnancyForm,
    gestational_age_today,
)
from .ical import build_calendar
from .models import (
    CalendarFeed,
    Child,
    Milestone,
    MilestoneState,
    Parent,
    Pregnancy,
    PregnancyOutcome,
    Subject,
)
from .selectors import get_family_for_user, visible_families

FAMILIES_PER_PAGE = 25


def professional_required(view):
    """Logged in as a professional (care team member role), else 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.is_professional:
            raise PermissionDenied("Cette page est réservée aux professionnels.")
        return view(request, *args, **kwargs)

    return wrapper


def _family(request, family_id, page):
    return get_family_for_user(request.user, family_id, page=page, path=request.path)


# --- Families --------------------------------------------------------------------------------


@professional_required
@params.checked
def family_list(request):
    query = params.search_text(request)
    families = (
        visible_families(request.user).select_related("commune").order_by("display_name", "id")
    )
    if query:
        families = families.filter(
            Q(display_name__icontains=query)
            | Q(reference__iexact=query)
            | Q(parents__last_name__icontains=query)
            | Q(commune__name__icontains=query)
        ).distinct()
    page = Paginator(families, FAMILIES_PER_PAGE).get_page(request.GET.get("page"))
    # Late milestones of the families of this page only (index milestone_family_state_due).
    late = dict(
        Milestone.objects.filter(
            family_id__in=[f.pk for f in page.object_list], state=MilestoneState.LATE
        )
        .values("family_id")
        .annotate(n=Count("id"))
        .values_list("family_id", "n")
        .order_by()
    )
    for family in page.object_list:
        family.late_count = late.get(family.pk, 0)
    extra = urlencode({"q": query}) if query else ""
    return render(
        request, "pathway/family_list.html", {"page": page, "query": query, "extra": extra}
    )


@professional_required
def family_create(request):
    data = request.POST if request.method == "POST" else None
    family_form = FamilyForm(data)
    parent1 = ParentForm(data, prefix="parent1")
    parent2 = ParentForm(data, prefix="parent2", optional=True)
    pregnancy_form = PregnancyForm(data, prefix="grossesse")
    forms_ = [family_form, parent1, parent2, pregnancy_form]
    if request.method == "POST" and all(f.is_valid() for f in forms_):
        parents = [parent1.cleaned_data]
        if not parent2.is_empty():
            parents.append(parent2.cleaned_data)
        name = (
            family_form.cleaned_data["display_name"] or f"Foyer {parent1.cleaned_data['last_name']}"
        )
        family = services.family_create(
            created_by=request.user,
            display_name=name,
            commune=family_form.cleaned_data["commune"],
            address=family_form.cleaned_data["address"],
            parents=parents,
            pregnancy=pregnancy_form.pregnancy_data(),
        )
        messages.success(request, f"Le dossier « {family.display_name} » est créé.")
        return redirect("pathway:family_detail", family.pk)
    has_errors = request.method == "POST"
    return render(
        request,
        "pathway/family_create.html",
        {
            "family_form": family_form,
            "parent1": parent1,
            "parent2": parent2,
            "pregnancy_form": pregnancy_form,
            "has_errors": has_errors,
        },
        status=422 if has_errors else 200,
    )


@login_required
@params.checked
def commune_search(request):
    """Suggestions for the commune field (``<option>`` elements of a datalist, via htmx)."""
    if not request.user.is_professional:
        raise PermissionDenied
    q = params.search_text(request, "commune") or params.search_text(request)
    communes = []
    if len(q) >= 2:
        qs = Commune.objects.only("insee_code", "name")
        qs = (
            qs.filter(insee_code__startswith=q)
            if q[:1].isdigit()
            else qs.filter(name__istartswith=q)
        )
        communes = list(qs.order_by("name")[:15])
    return render(request, "pathway/_commune_options.html", {"communes": communes})


CLOSED_STATES = (MilestoneState.DONE, MilestoneState.MISSED, MilestoneState.NOT_APPLICABLE)


def _timeline(family, pregnancies, milestones, today=None):
    """Phases per pregnancy: pregnancy, mother after birth, then each child.

    Each phase is ``{"title", "closed", "current"}``: the closed steps (done, not carried
    out, not applicable) fold away per period; the first step still open whose window has
    not ended is marked ``is_now`` (the page opens there: anchor ``#maintenant``).
    """
    today = today or timezone.localdate()
    by_pregnancy: dict[int, list] = {}
    for m in milestones:
        by_pregnancy.setdefault(m.pregnancy_id, []).append(m)
    now = min(
        (m for m in milestones if m.state not in CLOSED_STATES and m.window_end >= today),
        key=lambda m: (m.due, m.pk),
        default=None,
    )
    if now is not None:
        now.is_now = True
    result = []
    for pregnancy in pregnancies:
        items = by_pregnancy.get(pregnancy.pk, [])
        phases = [
            ("Grossesse", [m for m in items if m.subject == Subject.PREGNANCY]),
            ("Après la naissance — mère", [m for m in items if m.subject == Subject.MOTHER]),
        ]
        for child in pregnancy.children.all():
            phases.append((f"Enfant — {child}", [m for m in items if m.child_id == child.pk]))
        result.append(
            {
                "pregnancy": pregnancy,
                "phases": [
                    {
                        "title": t,
                        "closed": [m for m in ms if m.state in CLOSED_STATES],
                        "current": [m for m in ms if m.state not in CLOSED_STATES],
                    }
                    for t, ms in phases
                    if ms
                ],
            }
        )
    return result


@login_required
def family_detail(request, family_id):
    family = _family(request, family_id, "pathway:family_detail")
    if not request.user.is_professional:
        return redirect("pathway:parent_calendar")
    pregnancies = list(
        family.pregnancies.prefetch_related(
            Prefetch("children", queryset=Child.objects.order_by("id"))
        )
    )
    milestones = list(family.milestones.select_related("pregnancy").order_by("due", "code"))
    for p in pregnancies:
        p.ga_today = gestational_age_today(p.lmp) if p.outcome == PregnancyOutcome.ONGOING else None
    parents = list(family.parents.all())
    for p in parents:
        p.phone_display = format_mobile(p.phone) if p.phone else ""
    return render(
        request,
        "pathway/family_detail.html",
        {
            "family": family,
            "parents": parents,
            "pregnancies": pregnancies,
            "timeline": _timeline(family, pregnancies, milestones),
            "invitable": any(p.user_id is None for p in parents),
        },
    )


@professional_required
def pregnancy_create(request, family_id):
    family = _family(request, family_id, "pathway:pregnancy_create")
    form = PregnancyForm(request.POST or None, prefix="grossesse")
    if request.method == "POST" and form.is_valid():
        services.pregnancy_record(family=family, user=request.user, **form.pregnancy_data())
        messages.success(request, "La grossesse est enregistrée et le calendrier calculé.")
        return redirect("pathway:family_detail", family.pk)
    return render(
        request,
        "pathway/pregnancy_form.html",
        {"family": family, "form": form},
        status=422 if request.method == "POST" else 200,
    )


def _pregnancy(family, pregnancy_id) -> Pregnancy:
    return get_object_or_404(Pregnancy, pk=pregnancy_id, family=family)


@professional_required
def pregnancy_edit(request, family_id, pregnancy_id):
    """Correct the DDR (or DPA), declaration date, number of fetuses: the calendar follows."""
    family = _family(request, family_id, "pathway:pregnancy_edit")
    pregnancy = _pregnancy(family, pregnancy_id)
    first_birth = (
        pregnancy.children.order_by("birth_date").values_list("birth_date", flat=True).first()
    )
    initial = {name: getattr(pregnancy, name) for name in PregnancyForm.INITIAL_FIELDS}
    form = PregnancyForm(
        request.POST or None, prefix="grossesse", initial=initial, birth_date=first_birth
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.pregnancy_data().items() if getattr(pregnancy, k) != v}
        if changes:
            services.pregnancy_update(pregnancy=pregnancy, user=request.user, **changes)
            messages.success(
                request,
                "La grossesse est modifiée et le calendrier recalculé (les étapes faites sont conservées).",
            )
        return redirect("pathway:family_detail", family.pk)
    return render(
        request,
        "pathway/pregnancy_form.html",
        {"family": family, "form": form, "pregnancy": pregnancy},
        status=422 if request.method == "POST" else 200,
    )


@professional_required
def birth_create(request, family_id, pregnancy_id):
    family = _family(request, family_id, "pathway:birth_create")
    pregnancy = _pregnancy(family, pregnancy_id)
    form = BirthForm(request.POST or None, pregnancy=pregnancy)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        services.birth_record(
            pregnancy=pregnancy,
            user=request.user,
            birth_date=d["birth_date"],
            gestational_age_weeks=d["gestational_age_weeks"],
            gestational_age_days=d["gestational_age_days"] or 0,
            children=form.children_data(),
        )
        messages.success(
            request, "La naissance est enregistrée ; le calendrier de l'enfant est calculé."
        )
        return redirect("pathway:family_detail", family.pk)
    return render(
        request,
        "pathway/birth_form.html",
        {"family": family, "pregnancy": pregnancy, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@professional_required
def pregnancy_postpartum_risk(request, family_id, pregnancy_id):
    family = _family(request, family_id, "pathway:pregnancy_postpartum_risk")
    pregnancy = _pregnancy(family, pregnancy_id)
    form = PostpartumRiskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.pregnancy_flag_postpartum_risk(
            pregnancy=pregnancy, user=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Le second entretien postnatal est ajouté au calendrier.")
        return redirect("pathway:family_detail", family.pk)
    return render(
        request,
        "pathway/postpartum_risk_form.html",
        {"family": family, "pregnancy": pregnancy, "form": form},
        status=422 if request.method == "POST" else 200,
    )


# --- Milestones ----------------------------------------------------------------------------------


def _milestone(family, milestone_id) -> Milestone:
    return get_object_or_404(
        Milestone.objects.select_related("pregnancy", "child"), pk=milestone_id, family=family
    )


def _row(request, family, milestone, form=None, status=200):
    """The timeline row (htmx swap); ``focus`` keeps keyboard users where they were."""
    if form is not None:
        form.fields["done_on"].widget.attrs["autofocus"] = True
    return render(
        request,
        "pathway/_milestone_row.html",
        {"family": family, "m": milestone, "form": form, "focus": True},
        status=status,
    )


@professional_required
def milestone_done(request, family_id, milestone_id):
    """Mark a milestone done: inline htmx form (swaps the row) or a plain page without JS."""
    family = _family(request, family_id, "pathway:milestone_done")
    milestone = _milestone(family, milestone_id)
    form = MilestoneDoneForm(request.POST or None, milestone=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_mark_done(
                milestone=milestone,
                user=request.user,
                done_on=form.cleaned_data["done_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error("done_on", exc)
        else:
            if request.htmx:
                return _row(request, family, milestone)
            messages.success(request, f"« {milestone.label} » est marqué comme fait.")
            return redirect(
                reverse("pathway:family_detail", args=[family.pk]) + f"#etape-{milestone.pk}"
            )
    status = 422 if request.method == "POST" else 200
    if request.htmx:
        # htmx does not swap 4xx responses by default: answer 200 with the errors shown.
        return _row(request, family, milestone, form=form)
    return render(
        request,
        "pathway/milestone_done.html",
        {"family": family, "m": milestone, "form": form},
        status=status,
    )


@professional_required
def milestone_row(request, family_id, milestone_id):
    """The row alone (htmx "Annuler" of the inline form)."""
    family = _family(request, family_id, "pathway:milestone_row")
    return _row(request, family, _milestone(family, milestone_id))


@professional_required
def milestone_undo(request, family_id, milestone_id):
    family = _family(request, family_id, "pathway:milestone_undo")  # 404 first, then 405
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    milestone = _milestone(family, milestone_id)
    if milestone.state == MilestoneState.DONE:
        try:
            services.milestone_mark_not_done(milestone=milestone, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    if request.htmx:
        return _row(request, family, milestone)
    messages.info(request, f"« {milestone.label} » n'est plus marqué comme fait.")
    return redirect(reverse("pathway:family_detail", args=[family.pk]) + f"#etape-{milestone.pk}")


# --- Parent invitation -----------------------------------------------------------------------------


@professional_required
def parent_invite(request, family_id):
    family = _family(request, family_id, "pathway:parent_invite")
    form = InvitationForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.parent_invite(
                family=family,
                parent=form.cleaned_data["parent"],
                email=form.cleaned_data["email"],
                invited_by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"L'invitation est envoyée à {form.cleaned_data['email']} (valable 7 jours).",
            )
            return redirect("pathway:family_detail", family.pk)
    return render(
        request,
        "pathway/parent_invite.html",
        {"family": family, "form": form},
        status=422 if request.method == "POST" else 200,
    )


def invitation_accept(request, token):
    """Public page: the invited parent chooses a password (one-time link)."""
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(request, "pathway/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.parent_invitation_accept(token=token, password=form.cleaned_data["password1"])
        except ValidationError as exc:
            token_problem = getattr(exc, "code", None) in {"invalid_token", "used", "email_taken"}
            form.add_error(None if token_problem else "password1", exc)
        else:
            messages.success(
                request,
                "Votre compte est créé : connectez-vous avec votre adresse et votre mot de passe.",
            )
            return redirect("accounts:login")
    return render(
        request,
        "pathway/invitation_accept.html",
        {"invitation": invitation, "form": form},
        status=422 if request.method == "POST" else 200,
    )


# --- Parent calendar and iCal feed ----------------------------------------------------------------


def _own_family(request, page):
    """The logged-in parent's family (through the one door), or 404."""
    profile = Parent.objects.filter(user=request.user).only("family_id").first()
    if profile is None:
        raise Http404("Aucun foyer n'est relié à votre compte.")
    return _family(request, profile.family_id, page)


@login_required
def parent_calendar(request):
    if request.user.is_professional:
        return redirect("pathway:worklist")
    if not request.user.is_parent:
        raise PermissionDenied
    family = _own_family(request, "pathway:parent_calendar")
    milestones = list(
        family.milestones.exclude(state=MilestoneState.NOT_APPLICABLE)
        .select_related("child")
        .order_by("due", "code")
    )
    today = timezone.localdate()
    # Late first, then what closes soonest; upcoming: the next one first.
    now_items = sorted(
        (m for m in milestones if m.state in (MilestoneState.DUE, MilestoneState.LATE)),
        key=lambda m: (m.state != MilestoneState.LATE, m.window_end, m.due),
    )
    upcoming = sorted(
        (m for m in milestones if m.state == MilestoneState.UPCOMING),
        key=lambda m: (m.window_start, m.due),
    )
    done = sorted(
        (m for m in milestones if m.state == MilestoneState.DONE),
        key=lambda m: m.done_on or m.due,
        reverse=True,
    )
    feed = (
        CalendarFeed.objects.filter(family=family, revoked_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    feed_url = webcal_url = ""
    if feed is not None:
        feed_url = request.build_absolute_uri(reverse("pathway:ical_feed", args=[feed.token]))
        webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    return render(
        request,
        "pathway/parent_calendar.html",
        {
            "family": family,
            "now_items": now_items,
            "upcoming": upcoming,
            "done": done,
            "today": today,
            "feed": feed,
            "feed_url": feed_url,
            "webcal_url": webcal_url,
        },
    )


@login_required
@require_POST
def parent_calendar_feed(request):
    """Create, regenerate or revoke the family's secret iCal link (parent only)."""
    if not request.user.is_parent:
        raise PermissionDenied
    family = _own_family(request, "pathway:parent_calendar_feed")
    action = request.POST.get("action")
    if action in {"create", "regenerate"}:
        services.calendar_feed_create(family=family, user=request.user)
        messages.success(
            request,
            "Un nouveau lien d'abonnement est créé."
            + (" L'ancien lien ne fonctionne plus." if action == "regenerate" else ""),
        )
    elif action == "revoke":
        services.calendar_feed_revoke(family=family, user=request.user)
        messages.success(
            request,
            "Le lien d'abonnement est désactivé : votre téléphone ne recevra plus les mises à jour.",
        )
    else:
        messages.error(request, "Action inconnue.")
    return redirect(reverse("pathway:parent_calendar") + "#abonnement")


def ical_feed(request, token):
    """The family's calendar for phone subscriptions; a revoked or unknown token → 404.

    Access log: the first fetch of the day per feed is logged as ``pathway:ical_feed``
    with the parent who created the link (phones poll many times a day; the token is
    never written to the log).
    """
    feed = CalendarFeed.objects.select_related("family", "created_by").filter(token=token).first()
    if feed is None or not feed.is_active:
        raise Http404("Lien d'abonnement inconnu ou désactivé.")
    family = feed.family
    _log_feed_read(feed, request)
    response = HttpResponse(build_calendar(family), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mille-jours.ics"'
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Robots-Tag"] = "noindex"
    return response


def _log_feed_read(feed, request) -> None:
    from millejours.audit.models import AccessLog
    from millejours.audit.services import record_access

    user = feed.created_by
    if user is None:
        return
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    already = AccessLog.objects.filter(
        family_id_ref=feed.family_id, page="pathway:ical_feed", at__gte=start
    ).exists()
    if not already:
        record_access(
            user=user,
            family=feed.family,
            page="pathway:ical_feed",
            path="/familles/calendrier/…ics",
        )


# The worklist and its triage pages live in ``worklist_views``.
