"""Parents' side: invitation, their own calendar and its iCal feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from millejours.accounts.access import professional_required, require_parent
from millejours.audit.models import AccessLog
from millejours.audit.services import record_access

from .. import services
from ..forms import (
    InvitationAcceptForm,
    InvitationForm,
)
from ..ical import build_calendar
from ..models import (
    CalendarFeed,
    MilestoneState,
)
from ..selectors import get_own_family
from .common import _family


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
                _(
                    "Votre compte est créé : connectez-vous avec votre adresse et votre mot de passe."
                ),
            )
            return redirect("accounts:login")
    return render(
        request,
        "pathway/invitation_accept.html",
        {"invitation": invitation, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def parent_calendar(request):
    if request.user.is_professional:
        return redirect("pathway:worklist")
    require_parent(request.user, None)
    family = get_own_family(request.user, page="pathway:parent_calendar", path=request.path)
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
    require_parent(request.user, None)
    family = get_own_family(request.user, page="pathway:parent_calendar_feed", path=request.path)
    action = request.POST.get("action")
    if action in {"create", "regenerate"}:
        services.calendar_feed_create(family=family, user=request.user)
        messages.success(
            request,
            _("Un nouveau lien d'abonnement est créé.")
            + (" " + _("L'ancien lien ne fonctionne plus.") if action == "regenerate" else ""),
        )
    elif action == "revoke":
        services.calendar_feed_revoke(family=family, user=request.user)
        messages.success(
            request,
            _(
                "Le lien d'abonnement est désactivé : votre téléphone ne recevra plus les mises à jour."
            ),
        )
    else:
        messages.error(request, _("Action inconnue."))
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
