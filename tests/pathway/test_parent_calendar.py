"""The parent's own calendar page and the management of the iCal subscription link."""

import pytest
from django.urls import reverse

from millejours.audit.models import AccessLog, AuditEvent
from millejours.pathway.calendar import materialise
from millejours.pathway.models import CalendarFeed, Milestone, MilestoneState
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("pathway:parent_calendar")
FEED_URL = reverse("pathway:parent_calendar_feed")


@pytest.fixture
def calendar(family):
    materialise(family.pregnancies.all())
    return family


def test_the_parent_sees_their_next_appointments(login, parent, calendar):
    response = login(parent).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    due = Milestone.objects.filter(family=calendar, state=MilestoneState.DUE).first()
    upcoming = (
        Milestone.objects.filter(family=calendar, state=MilestoneState.UPCOMING)
        .order_by("due")
        .first()
    )
    assert due.label in html and upcoming.label in html
    assert html.index("À prévoir maintenant") < html.index("Prochains rendez-vous")


def test_reading_the_calendar_is_written_to_the_access_log(login, parent, calendar):
    login(parent).get(URL)
    assert AccessLog.objects.filter(
        family_id_ref=calendar.pk, page="pathway:parent_calendar", user=parent
    ).exists()


def test_a_parent_without_a_family_gets_404(login):
    lonely = factories.user(role="parent")
    assert login(lonely).get(URL).status_code == 404


def test_a_professional_is_sent_to_the_worklist(login, sagefemme):
    response = login(sagefemme).get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("pathway:worklist")


def test_the_parent_creates_a_subscription_link_and_sees_instructions(login, parent, calendar):
    client = login(parent)
    client.post(FEED_URL, {"action": "create"})
    feed = CalendarFeed.objects.get(family=calendar, revoked_at__isnull=True)
    html = client.get(URL).content.decode()
    assert f"/familles/calendrier/{feed.token}.ics" in html
    assert "webcal://" in html
    assert "Sur iPhone" in html and "Sur Android" in html
    assert AuditEvent.objects.filter(
        action="calendar_feed.created", family_id_ref=calendar.pk
    ).exists()


def test_regenerate_replaces_the_link(login, parent, calendar):
    client = login(parent)
    client.post(FEED_URL, {"action": "create"})
    old = CalendarFeed.objects.get()
    client.post(FEED_URL, {"action": "regenerate"})
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 1


def test_revoke_disables_the_link(login, parent, calendar):
    client = login(parent)
    client.post(FEED_URL, {"action": "create"})
    client.post(FEED_URL, {"action": "revoke"})
    assert not CalendarFeed.objects.filter(revoked_at__isnull=True).exists()
    assert "Créer mon lien d'abonnement" in client.get(URL).content.decode()


def test_a_professional_cannot_manage_the_parent_link(login, sagefemme, calendar):
    assert login(sagefemme).post(FEED_URL, {"action": "create"}).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_late_appointments_come_first_in_plain_words(login, parent, sagefemme):
    from datetime import timedelta

    from django.utils import timezone

    family = factories.family(care_team=[sagefemme], lmp=timezone.localdate() - timedelta(weeks=20))
    own = factories.user(role="parent", email="parent20sa@test.millejours.fr")
    family.parents.update(user=own)
    materialise(family.pregnancies.all())
    late = (
        Milestone.objects.filter(family=family, state=MilestoneState.LATE)
        .order_by("window_end")
        .first()
    )
    due = (
        Milestone.objects.filter(family=family, state=MilestoneState.DUE)
        .order_by("window_end")
        .first()
    )
    html = login(own).get(URL).content.decode()
    assert html.index(late.label) < html.index(due.label)
    assert f"La période conseillée s'est terminée le {late.window_end:%d/%m/%Y}" in html
    assert f"À faire d'ici le {due.window_end:%d/%m/%Y}" in html
