"""EPDS alerts for a followed family: who gets them, when they are due, how they close."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from millejours.pathway.models import CareTeamMember
from millejours.screening import services
from millejours.screening.models import AlertStatus, AlertTask, Respondent
from tests import factories

from .helpers import epds_for_points

pytestmark = pytest.mark.django_db


def submit(family, user, points, respondent=Respondent.PARENT):
    return services.epds_submit(
        answers=epds_for_points(points), respondent=respondent, family=family, user=user
    )


@pytest.fixture
def referent(family):
    user = factories.user(email="referente@test.millejours.fr", role="referent")
    family.referent = user
    family.save()
    return user


def test_item_10_creates_a_task_due_within_24_hours_for_the_referent_and_the_care_team(
    family, parent, sagefemme, referent, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        submit(family, parent, [0] * 9 + [1])
    alert = AlertTask.objects.get()
    assert alert.reason == "epds_item10"
    assert set(alert.assignees.all()) == {sagefemme, referent}
    assert before + timedelta(hours=24) <= alert.due_at <= timezone.now() + timedelta(hours=24)


@pytest.mark.parametrize("points", [[3, 3, 3, 2] + [0] * 6, [3] * 5 + [0] * 5])  # 11, 15
def test_a_positive_screen_creates_a_task_due_within_72_hours(family, parent, points):
    # epds.md: total >= 11 (French positive screen, Guedeney 1998) → task due in 72 h.
    before = timezone.now()
    submit(family, parent, points)
    alert = AlertTask.objects.get()
    assert alert.reason == "epds_positif"
    assert before + timedelta(hours=72) <= alert.due_at <= timezone.now() + timedelta(hours=72)


def test_a_score_of_ten_without_item_10_creates_no_task(family, parent):
    submit(family, parent, [3, 3, 3, 1] + [0] * 6)  # 10
    assert not AlertTask.objects.exists()


def test_former_care_team_members_and_outsiders_do_not_get_the_task(
    family, parent, sagefemme, outsider
):
    former = factories.user(email="ancienne@test.millejours.fr")
    CareTeamMember.objects.create(family=family, user=former, removed_at=timezone.now())
    submit(family, parent, [0] * 9 + [3])
    assert list(AlertTask.objects.get().assignees.all()) == [sagefemme]


def test_the_email_says_nothing_about_health(
    family, parent, sagefemme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submit(family, parent, [0] * 9 + [3])
    assert len(callbacks) == 1
    (message,) = mail.outbox
    assert message.subject == "Une alerte vous attend sur Mille Jours"
    assert message.to == [sagefemme.email]
    text = (message.subject + message.body).lower()
    for word in (
        "epds",
        "score",
        "dépression",
        "item",
        "mal",
        family.display_name.lower(),
        "exemple",
    ):
        assert word not in text


def test_the_email_waits_for_the_commit(family, parent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(family, parent, [0] * 9 + [3])
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_an_anonymous_test_creates_no_task(family):
    services.epds_submit(answers=epds_for_points([3] * 10), respondent=Respondent.ANONYMOUS)
    assert not AlertTask.objects.exists()


def test_closing_requires_a_recorded_action(family, parent, sagefemme):
    submit(family, parent, [0] * 9 + [2])
    alert = AlertTask.objects.get()
    with pytest.raises(ValidationError):
        services.alert_close(alert=alert, user=sagefemme, action_taken="   ")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN
    services.alert_close(
        alert=alert, user=sagefemme, action_taken="Appel le jour même, RDV psychologue demain"
    )
    alert.refresh_from_db()
    assert (alert.status, alert.closed_by) == (AlertStatus.CLOSED, sagefemme)


def test_the_database_refuses_a_closed_alert_without_closing_date(family, parent):
    submit(family, parent, [0] * 9 + [2])
    with pytest.raises(IntegrityError), transaction.atomic():
        AlertTask.objects.update(status=AlertStatus.CLOSED)


def test_closing_through_the_page_needs_the_action_text(family, parent, sagefemme, login):
    submit(family, parent, [0] * 9 + [2])
    alert = AlertTask.objects.get()
    client = login(sagefemme)
    page = client.post(f"/reperage/alertes/{alert.pk}/", {"action_taken": ""})
    assert page.status_code == 200
    assert "Décrivez l&#x27;action réalisée" in page.content.decode()
    alert.refresh_from_db()
    assert alert.is_open
    client.post(f"/reperage/alertes/{alert.pk}/", {"action_taken": "Visite à domicile"})
    alert.refresh_from_db()
    assert not alert.is_open


def test_an_outsider_cannot_open_the_alert(family, parent, outsider, login):
    submit(family, parent, [0] * 9 + [2])
    alert = AlertTask.objects.get()
    assert login(outsider).get(f"/reperage/alertes/{alert.pk}/").status_code == 404


def test_vigilance_makes_the_second_postnatal_interview_apply(family, parent):
    submit(family, parent, [3, 3, 3] + [0] * 7)  # 9
    assert family.pregnancies.get().epnp_2_risk is True


def test_a_reassuring_score_does_not_flag_postpartum_risk(family, parent):
    submit(family, parent, [1] * 8 + [0, 0])
    assert family.pregnancies.get().epnp_2_risk is False


def test_a_professional_who_left_the_care_team_no_longer_sees_the_alert(family, parent, sagefemme):
    from millejours.screening.selectors import open_alerts_for

    submit(family, parent, [0] * 9 + [3])
    assert open_alerts_for(sagefemme).count() == 1
    CareTeamMember.objects.filter(family=family, user=sagefemme).update(removed_at=timezone.now())
    assert open_alerts_for(sagefemme).count() == 0


def test_alerts_are_listed_most_urgent_first(family, parent, sagefemme):
    from millejours.screening.selectors import open_alerts_for

    submit(family, parent, [3] * 5 + [0] * 5)  # 72 h
    submit(family, parent, [0] * 9 + [3])  # 24 h
    assert [a.reason for a in open_alerts_for(sagefemme)] == ["epds_item10", "epds_positif"]
