"""Worklist actions: « fait », « reporter », « non réalisé », one step or in bulk; audited,
refused as a whole when one step is outside the care team."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.pathway import triage
from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone, MilestoneState
from tests import factories

pytestmark = pytest.mark.django_db
BULK = reverse("pathway:worklist_bulk")


@pytest.fixture
def stranger(outsider, commune):
    fam = factories.family(
        display_name="Foyer Ailleurs",
        care_team=[outsider],
        commune_obj=commune,
        lmp=timezone.localdate() - timedelta(weeks=20),
    )
    materialise(fam.pregnancies.all())
    return fam


def _late(family, n=2):
    return list(Milestone.objects.filter(family=family, state="en_retard").order_by("id")[:n])


def _states(ms):
    return [Milestone.objects.get(pk=m.pk).state for m in ms]


def test_bulk_done_marks_every_selected_step_with_an_audit_event(login, sagefemme, followed):
    steps = _late(followed)
    response = login(sagefemme).post(BULK, {"etapes": [m.pk for m in steps], "action": "fait"})
    assert response.status_code == 302 and response.url.startswith(reverse("pathway:worklist"))
    assert _states(steps) == [MilestoneState.DONE] * 2
    assert AuditEvent.objects.filter(action="milestone.done", actor=sagefemme).count() == 2
    assert AuditEvent.objects.filter(action="milestone.bulk", actor=sagefemme).exists()


def test_bulk_postpone_needs_a_date_and_a_reason(login, sagefemme, followed):
    steps = _late(followed)
    client = login(sagefemme)
    client.post(BULK, {"etapes": [m.pk for m in steps], "action": "reporter"})
    assert all(Milestone.objects.get(pk=m.pk).postponed_to is None for m in steps)
    to = timezone.localdate() + timedelta(days=10)
    client.post(
        BULK,
        {
            "etapes": [m.pk for m in steps],
            "action": "reporter",
            "date": to.isoformat(),
            "motif": "Hospitalisée",
        },
    )
    for m in steps:
        m.refresh_from_db()
        assert (m.postponed_to, m.postpone_reason) == (to, "Hospitalisée")
    event = AuditEvent.objects.filter(action="milestone.postponed").first()
    assert event.details["reason"] == "Hospitalisée" and event.details["to"] == to.isoformat()


def test_a_bulk_action_including_a_step_outside_the_care_team_changes_nothing(
    login, sagefemme, followed, stranger
):
    mine, theirs = _late(followed, 1), _late(stranger, 1)
    response = login(sagefemme).post(BULK, {"etapes": [mine[0].pk, theirs[0].pk], "action": "fait"})
    assert response.status_code == 403
    assert _states(mine + theirs) == [MilestoneState.LATE, MilestoneState.LATE]
    assert not AuditEvent.objects.filter(action__startswith="milestone.").exists()
    with pytest.raises(PermissionDenied):
        triage.milestones_bulk(
            user=sagefemme, milestone_ids=[mine[0].pk, theirs[0].pk], action="non_realise"
        )
    with pytest.raises(PermissionDenied):  # an unknown id answers the same
        triage.milestones_bulk(user=sagefemme, milestone_ids=[mine[0].pk, 10**9], action="fait")
    assert _states(mine) == [MilestoneState.LATE]


def test_a_row_done_button_marks_only_that_step(login, sagefemme, followed):
    a, b = _late(followed)
    login(sagefemme).post(BULK, {"etapes": [a.pk, b.pk], "fait_une": a.pk, "action": "reporter"})
    assert _states([a, b]) == [MilestoneState.DONE, MilestoneState.LATE]


def test_bulk_refuses_a_closed_step_as_a_whole(sagefemme, followed):
    a, b = _late(followed)
    Milestone.objects.filter(pk=b.pk).update(state=MilestoneState.DONE)
    with pytest.raises(ValidationError):
        triage.milestones_bulk(user=sagefemme, milestone_ids=[a.pk, b.pk], action="non_realise")
    assert _states([a]) == [MilestoneState.LATE]


def test_missed_then_reopened_from_the_timeline(login, sagefemme, followed):
    (m,) = _late(followed, 1)
    client = login(sagefemme)
    url = reverse("pathway:milestone_missed", args=[followed.pk, m.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Déménagement"})
    assert response.status_code == 302
    m.refresh_from_db()
    assert (m.state, m.done_note) == (MilestoneState.MISSED, "Déménagement")
    html = client.get(reverse("pathway:family_detail", args=[followed.pk])).content.decode()
    assert "Non réalisé" in html and "Déménagement" in html
    client.post(reverse("pathway:milestone_reopen", args=[followed.pk, m.pk]))
    m.refresh_from_db()
    assert m.state == MilestoneState.LATE
    actions = (
        AuditEvent.objects.filter(object_id=str(m.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert list(actions) == ["milestone.missed", "milestone.reopened"]


def test_postpone_one_step_with_htmx_swaps_the_row(login, sagefemme, followed):
    (m,) = _late(followed, 1)
    to = timezone.localdate() + timedelta(days=3)
    url = reverse("pathway:milestone_postpone", args=[followed.pk, m.pk])
    response = login(sagefemme).post(
        url, {"to": to.isoformat(), "reason": "Absente"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and f'id="etape-{m.pk}"' in html and "Reporté au" in html
    past = login(sagefemme).post(
        url, {"to": (timezone.localdate() - timedelta(days=1)).isoformat(), "reason": "x"}
    )
    assert past.status_code == 422


def test_the_worklist_page_offers_checkboxes_and_one_action_bar(login, sagefemme, followed):
    response = login(sagefemme).get(reverse("pathway:worklist"), {"liste": "late"})
    html = response.content.decode()
    assert html.count('name="etapes"') == len(response.context["result"].items) > 0
    assert html.count("Appliquer aux étapes cochées") == 1
    assert 'name="fait_une"' in html


def test_missed_inline_in_the_timeline_row_with_htmx(login, sagefemme, followed):
    (m,) = _late(followed, 1)
    client = login(sagefemme)
    url = reverse("pathway:milestone_missed", args=[followed.pk, m.pk])
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert (
        form.startswith(f'<li id="etape-{m.pk}"')
        and f'hx-post="{url}"' in form
        and "<html" not in form
    )
    postpone = reverse("pathway:milestone_postpone", args=[followed.pk, m.pk])
    invalid = client.post(postpone, {"to": "", "reason": ""}, HTTP_HX_REQUEST="true")
    assert invalid.status_code == 200 and "Motif du report" in invalid.content.decode()
    assert Milestone.objects.get(pk=m.pk).postponed_to is None
    row = client.post(url, {"reason": "Perdue de vue"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Non réalisé" in row and "Perdue de vue" in row and "Annuler « non réalisé »" in row
