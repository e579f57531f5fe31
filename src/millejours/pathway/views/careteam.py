"""The one care-team page of a family (« Équipe de soins »); every change goes through
``pathway.careteam``, which holds the rule of who may change what."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect

from millejours.accounts.access import professional_required

from .. import careteam
from ..forms import CareTeamAddForm
from ..models import CareTeamMember, CareTeamRole
from ..selectors import can_see_family, get_family_for_user
from .common import _form_page


def _members(family):
    return (
        careteam.active_members(family)
        .select_related("user", "added_by")
        .order_by("role", "user__last_name", "user__first_name")
    )


def _add(actor, family, form) -> None:
    if form.cleaned_data["role"] == CareTeamRole.REFERENT:
        careteam.name_referent(actor=actor, family=family, user=form.user)
    else:
        careteam.add_member(actor=actor, family=family, user=form.user)


@professional_required
@transaction.atomic  # a refusal rolls back everything, the logged read included
def careteam_page(request, family_id):
    """See the team; add a colleague (by e-mail) or name a referent, as the rule allows."""
    family = get_family_for_user(
        request.user, family_id, page="pathway:careteam", path=request.path
    )
    rights = careteam.rights(request.user, family)
    form = CareTeamAddForm(request.POST or None, can_name_referent=rights.can_name_referent)
    if request.method == "POST":
        if not rights.can_add:
            raise careteam.CareTeamRefused(
                "Seuls les membres de l'équipe de soins peuvent la compléter."
            )
        if form.is_valid():
            try:
                _add(request.user, family, form)
            except ValidationError as exc:
                form.add_error("email", exc)
            else:
                messages.success(
                    request, f"{form.user.display_name} fait partie de l'équipe de soins."
                )
                return redirect("pathway:careteam", family.pk)
    return _form_page(
        request,
        "pathway/careteam.html",
        {"family": family, "form": form, "members": _members(family), "rights": rights},
    )


@professional_required
def careteam_remove(request, family_id, member_id):
    """Remove a member (the referent) or leave the team (oneself)."""
    if request.method != "POST":  # 404 first for a file out of reach (no existence oracle)
        if not can_see_family(request.user, family_id):
            raise Http404("Dossier introuvable.")
        return HttpResponseNotAllowed(["POST"])
    with transaction.atomic():  # a refusal rolls back everything, the logged read included
        family = get_family_for_user(
            request.user, family_id, page="pathway:careteam_remove", path=request.path
        )
        member = get_object_or_404(
            CareTeamMember.objects.select_related("user"),
            pk=member_id,
            family=family,
            removed_at__isnull=True,
        )
        try:
            careteam.remove_member(actor=request.user, family=family, member=member)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("pathway:careteam", family.pk)
    if member.user_id == request.user.pk:
        messages.success(
            request, "Vous ne faites plus partie de l'équipe de soins de cette famille."
        )
        return redirect("pathway:family_list")
    messages.success(
        request, f"{member.user.display_name} ne fait plus partie de l'équipe de soins."
    )
    return redirect("pathway:careteam", family.pk)
