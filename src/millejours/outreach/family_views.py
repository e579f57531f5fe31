"""The coordinator's page for one family: « aller vers » contact, messages, recontacts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from millejours.accounts.access import require_coordinator
from millejours.audit.access import log_read
from millejours.pathway.models import Family

from .import_result import family_outreach


@login_required
def family(request, family_id):
    """Opened from an import's result and from the recontacts; each opening is logged."""
    require_coordinator(request.user)
    with_contact = (
        Family.objects.filter(outreach_contacts__isnull=False).distinct().select_related("commune")
    )
    item = get_object_or_404(with_contact, pk=family_id)
    log_read(user=request.user, family=item, page="outreach:family", path=request.path)
    return render(request, "outreach/family.html", {"family": item, **family_outreach(item)})
