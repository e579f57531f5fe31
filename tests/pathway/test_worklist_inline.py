"""Worklist row « reporter » inline (htmx: the row becomes a small form, then the row again)
and the date of a bulk « fait » (the one-row rule of ``services.check_done_on``)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.pathway.models import Milestone, MilestoneState

pytestmark = pytest.mark.django_db
BULK = reverse("pathway:worklist_bulk")
WORKLIST = reverse("pathway:worklist")


def _late(family) -> Milestone:
    return Milestone.objects.filter(family=family, state="en_retard").order_by("id").first()


def _postpone_url(m: Milestone) -> str:
    return reverse("pathway:milestone_postpone", args=[m.family_id, m.pk])


def test_reporter_from_a_row_swaps_in_a_small_form_then_back_to_the_row(login, sagefemme, followed):
    step = _late(followed)
    client = login(sagefemme)
    url = _postpone_url(step)
    form = client.get(url, {"ligne": "1", "retour": WORKLIST}, HTTP_HX_REQUEST="true")
    html = form.content.decode()
    assert form.status_code == 200 and "<tr" in html and f'id="ligne-{step.pk}"' in html
    assert f'name="ligne{step.pk}-to"' in html and f'name="ligne{step.pk}-reason"' in html
    assert "<html" not in html  # a fragment, not the page
    to = timezone.localdate() + timedelta(days=7)
    row = client.post(
        url,
        {
            "ligne": "1",
            "retour": WORKLIST,
            f"ligne{step.pk}-to": to,
            f"ligne{step.pk}-reason": "Absente",
        },
        HTTP_HX_REQUEST="true",
    )
    html = row.content.decode()
    assert row.status_code == 200 and f'id="ligne-{step.pk}"' in html
    assert f"Reporté au {to:%d/%m/%Y} : Absente" in html and "<form" not in html
    step.refresh_from_db()
    assert (step.postponed_to, step.postpone_reason) == (to, "Absente")


def test_an_invalid_inline_reporter_comes_back_with_its_error_summary(login, sagefemme, followed):
    step = _late(followed)
    client = login(sagefemme)
    past = timezone.localdate() - timedelta(days=1)
    response = client.post(
        _postpone_url(step),
        {"ligne": "1", f"ligne{step.pk}-to": past, f"ligne{step.pk}-reason": ""},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200  # htmx swaps 2xx only
    assert "data-error-summary" in html
    assert f'href="#id_ligne{step.pk}-to"' in html and f'href="#id_ligne{step.pk}-reason"' in html
    step.refresh_from_db()
    assert step.postponed_to is None


def test_annuler_gives_the_row_back(login, sagefemme, followed):
    step = _late(followed)
    url = reverse("pathway:worklist_row", args=[followed.pk, step.pk])
    html = login(sagefemme).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="ligne-{step.pk}"' in html and 'form="bulk"' in html


def test_the_worklist_row_is_hidden_from_someone_outside_the_care_team(login, outsider, followed):
    step = _late(followed)
    url = reverse("pathway:worklist_row", args=[followed.pk, step.pk])
    assert login(outsider).get(url, HTTP_HX_REQUEST="true").status_code == 404


def test_without_javascript_the_reporter_link_leads_to_its_own_page(login, sagefemme, followed):
    page = login(sagefemme).get(WORKLIST, {"liste": "late"}).content.decode()
    pk = int(re.search(r'name="etapes" value="(\d+)"', page).group(1))
    url = _postpone_url(Milestone.objects.get(pk=pk))
    assert f'href="{url}?retour=' in page and f'hx-get="{url}?ligne=1' in page


def test_bulk_done_on_a_chosen_date(login, sagefemme, followed):
    step = _late(followed)
    day = timezone.localdate() - timedelta(days=3)
    login(sagefemme).post(BULK, {"etapes": [step.pk], "action": "fait", "fait_le": day})
    step.refresh_from_db()
    assert (step.state, step.done_on) == (MilestoneState.DONE, day)


def test_bulk_done_defaults_to_today(login, sagefemme, followed):
    step = _late(followed)
    login(sagefemme).post(BULK, {"etapes": [step.pk], "action": "fait", "fait_le": ""})
    step.refresh_from_db()
    assert step.done_on == timezone.localdate()


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (1, "ne peut pas être dans le futur"),
        (-200, "ne peut pas précéder le début de la grossesse"),
    ],
)
def test_bulk_done_refuses_the_dates_a_single_row_refuses(
    login, sagefemme, followed, days, message
):
    steps = list(Milestone.objects.filter(family=followed, state="en_retard")[:2])
    day = timezone.localdate() + timedelta(days=days)
    client = login(sagefemme)
    response = client.post(
        BULK, {"etapes": [m.pk for m in steps], "action": "fait", "fait_le": day}, follow=True
    )
    assert message in response.content.decode()
    assert {Milestone.objects.get(pk=m.pk).state for m in steps} == {MilestoneState.LATE}


def test_a_rows_own_done_button_ignores_the_bar_date(login, sagefemme, followed):
    step = _late(followed)
    day = timezone.localdate() - timedelta(days=3)
    login(sagefemme).post(BULK, {"fait_une": step.pk, "fait_le": day})
    step.refresh_from_db()
    assert step.done_on == timezone.localdate()


def test_non_realise_from_a_row_inline_closes_the_row(login, sagefemme, followed):
    step = _late(followed)
    client = login(sagefemme)
    url = reverse("pathway:milestone_missed", args=[followed.pk, step.pk])
    form = client.get(url, {"ligne": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="ligne-{step.pk}"' in form and f'name="ligne{step.pk}-reason"' in form
    row = client.post(
        url, {"ligne": "1", f"ligne{step.pk}-reason": "Perdue de vue"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "« Non réalisé » enregistré." in row
    assert 'name="etapes"' not in row and "fait_une" not in row  # no action on a closed step
    step.refresh_from_db()
    assert (step.state, step.done_note) == (MilestoneState.MISSED, "Perdue de vue")
