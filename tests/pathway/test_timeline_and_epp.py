"""The family timeline folds closed steps per period and opens on « now »; the EPP step and
the screening card always agree (the milestone is the one source of truth)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.pathway import services
from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone, MilestoneState
from millejours.screening import services as screening
from tests import factories
from tests.screening.helpers import epp_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(sagefemme, commune):
    fam = factories.family(
        display_name="Foyer Frise",
        care_team=[sagefemme],
        commune_obj=commune,
        lmp=timezone.localdate() - timedelta(weeks=20),
    )
    materialise(fam.pregnancies.all())
    return fam


def _page(client, family):
    response = client.get(reverse("pathway:family_detail", args=[family.pk]))
    return response, response.content.decode()


def _card(html):
    return html.split('id="h-screening-panel"')[1].split("</section>")[0]


def test_done_steps_fold_per_period_and_the_page_opens_on_now(login, sagefemme, followed):
    done = Milestone.objects.filter(family=followed, state="en_retard").order_by("due").first()
    services.milestone_mark_done(milestone=done, user=sagefemme, done_on=timezone.localdate())
    response, html = _page(login(sagefemme), followed)
    folded = html.split('<details class="timeline-done">')[1].split("</details>")[0]
    assert f'id="etape-{done.pk}"' in folded
    assert "1 étape close" in folded
    phases = response.context["timeline"][0]["phases"]
    now = [m for p in phases for m in p["current"] if getattr(m, "is_now", False)]
    assert len(now) == 1 and now[0].window_end >= timezone.localdate()
    assert html.count('id="maintenant"') == 1 and 'href="#maintenant"' in html
    assert html.index('id="maintenant"') < html.index(f'id="etape-{now[0].pk}"')


def test_the_family_list_opens_the_file_on_now(login, sagefemme, followed):
    html = login(sagefemme).get(reverse("pathway:family_list")).content.decode()
    assert f"{reverse('pathway:family_detail', args=[followed.pk])}#maintenant" in html


def test_signing_the_epp_marks_the_step_done_and_the_card_agrees(login, sagefemme, followed):
    client = login(sagefemme)
    assert "à faire" in _card(_page(client, followed)[1])
    screening.epp_sign(family=followed, user=sagefemme, answers=epp_answers())
    step = Milestone.objects.get(family=followed, code="epp")
    assert step.state == MilestoneState.DONE
    card = _card(_page(client, followed)[1])
    assert "signé le" in card and "Faire l&#x27;EPP" not in card and "Faire l'EPP" not in card


def test_an_epp_step_marked_done_by_hand_shows_done_on_the_card(login, sagefemme, followed):
    step = Milestone.objects.get(family=followed, code="epp")
    services.milestone_mark_done(milestone=step, user=sagefemme, done_on=timezone.localdate())
    card = _card(_page(login(sagefemme), followed)[1])
    assert "fait le" in card and "à faire" not in card


def test_undoing_the_epp_step_of_a_signed_epp_is_refused(login, sagefemme, followed):
    screening.epp_sign(family=followed, user=sagefemme, answers=epp_answers())
    step = Milestone.objects.get(family=followed, code="epp")
    login(sagefemme).post(reverse("pathway:milestone_undo", args=[followed.pk, step.pk]))
    step.refresh_from_db()
    assert step.state == MilestoneState.DONE


def test_an_epp_of_an_earlier_pregnancy_does_not_show_as_this_pregnancy_s(
    login, sagefemme, followed
):
    screening.epp_sign(family=followed, user=sagefemme, answers=epp_answers())
    services.pregnancy_record(
        family=followed, user=sagefemme, lmp=timezone.localdate() - timedelta(weeks=6)
    )
    card = _card(_page(login(sagefemme), followed)[1])
    assert "signé le" not in card and "à faire" in card
