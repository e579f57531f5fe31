"""Marking a milestone done (htmx inline form or plain page), and undoing it; audited."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone, MilestoneState

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def milestone(family):
    materialise(family.pregnancies.all())
    return Milestone.objects.filter(family=family, state=MilestoneState.DUE).order_by("due").first()


def _done_url(m):
    return reverse("pathway:milestone_done", args=[m.family_id, m.pk])


def test_the_fallback_page_shows_the_form(login, sagefemme, milestone):
    response = login(sagefemme).get(_done_url(milestone))
    assert response.status_code == 200
    assert "Marquer comme fait" in response.content.decode()


def test_posting_marks_done_and_redirects_to_the_row(login, sagefemme, milestone):
    today = timezone.localdate()
    response = login(sagefemme).post(
        _done_url(milestone), {"done_on": today.isoformat(), "note": "Vu au cabinet"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#etape-{milestone.pk}")
    milestone.refresh_from_db()
    assert (milestone.state, milestone.done_on, milestone.done_by) == (
        MilestoneState.DONE,
        today,
        sagefemme,
    )
    assert milestone.done_by_label == "Sophie Martin (Sage-femme)"
    assert milestone.done_note == "Vu au cabinet"
    event = AuditEvent.objects.get(action="milestone.done")
    assert (event.actor, event.family_id_ref, event.object_id) == (
        sagefemme,
        milestone.family_id,
        str(milestone.pk),
    )


def test_htmx_gets_the_inline_form_then_the_updated_row(login, sagefemme, milestone):
    client = login(sagefemme)
    form = client.get(_done_url(milestone), **HTMX).content.decode()
    assert form.startswith(f'<li id="etape-{milestone.pk}"')
    assert 'name="done_on"' in form
    row = client.post(_done_url(milestone), {"done_on": timezone.localdate().isoformat()}, **HTMX)
    html = row.content.decode()
    assert row.status_code == 200
    assert "badge state-fait" in html and "Annuler « fait »" in html


def test_a_future_date_is_refused_and_nothing_is_saved(login, sagefemme, milestone):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = login(sagefemme).post(_done_url(milestone), {"done_on": tomorrow})
    assert response.status_code == 422
    assert "ne peut pas être dans le futur" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.state == MilestoneState.DUE
    assert not AuditEvent.objects.filter(action="milestone.done").exists()


def test_a_date_before_the_pregnancy_is_refused(login, sagefemme, milestone):
    before = (milestone.pregnancy.lmp - timedelta(days=1)).isoformat()
    response = login(sagefemme).post(_done_url(milestone), {"done_on": before}, **HTMX)
    assert "ne peut pas précéder le début de la grossesse" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.state == MilestoneState.DUE


def test_undo_restores_the_time_dependent_state_and_is_audited(login, sagefemme, milestone):
    client = login(sagefemme)
    client.post(_done_url(milestone), {"done_on": timezone.localdate().isoformat()})
    response = client.post(
        reverse("pathway:milestone_undo", args=[milestone.family_id, milestone.pk]), **HTMX
    )
    assert "badge state-a_faire" in response.content.decode()
    milestone.refresh_from_db()
    assert (milestone.state, milestone.done_on, milestone.done_by_label) == (
        MilestoneState.DUE,
        None,
        "",
    )
    assert AuditEvent.objects.filter(
        action="milestone.undone", object_id=str(milestone.pk)
    ).exists()


def test_undo_only_accepts_post(login, sagefemme, milestone):
    response = login(sagefemme).get(
        reverse("pathway:milestone_undo", args=[milestone.family_id, milestone.pk])
    )
    assert response.status_code == 405


def test_a_parent_cannot_mark_a_milestone_done(login, parent, milestone):
    response = login(parent).post(
        _done_url(milestone), {"done_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 403
    milestone.refresh_from_db()
    assert milestone.state == MilestoneState.DUE


def test_a_milestone_of_another_family_is_not_found_through_this_family(
    login, sagefemme, milestone
):
    from tests import factories

    other = factories.family(care_team=[sagefemme])
    response = login(sagefemme).get(
        reverse("pathway:milestone_done", args=[other.pk, milestone.pk])
    )
    assert response.status_code == 404
