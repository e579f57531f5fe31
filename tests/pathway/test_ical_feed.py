"""The iCal feed (RFC 5545): one all-day event per open milestone, stable UIDs, revocable."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from millejours.audit.models import AccessLog
from millejours.pathway import services
from millejours.pathway.calendar import materialise
from millejours.pathway.models import OPEN_STATES, Milestone, MilestoneState

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(family, parent):
    materialise(family.pregnancies.all())
    return services.calendar_feed_create(family=family, user=parent)


def _get(client, feed):
    return client.get(reverse("pathway:ical_feed", args=[feed.token]))


def _parse(response):
    return Calendar.from_ical(response.content)


def test_the_feed_is_text_calendar_in_utf8(client, feed):
    response = _get(client, feed)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_it_parses_back_with_one_event_per_open_milestone(client, feed, family):
    events = _parse(_get(client, feed)).walk("VEVENT")
    open_milestones = Milestone.objects.filter(family=family, state__in=OPEN_STATES)
    assert len(events) == open_milestones.count() > 0
    assert {str(e["summary"]) for e in events} == set(
        open_milestones.values_list("label", flat=True)
    )


def test_events_are_all_day_with_uid_dtstamp_and_source(client, feed, family):
    m = Milestone.objects.filter(family=family, state__in=OPEN_STATES).exclude(source="").first()
    event = next(
        e for e in _parse(_get(client, feed)).walk("VEVENT") if str(e["summary"]) == m.label
    )
    assert event.decoded("dtstart") == m.due
    assert (event.decoded("dtend") - m.due).days == 1
    assert str(event["uid"]) == f"mj-{m.pregnancy_id}-grossesse-{m.code}@millejours.fr"
    assert "dtstamp" in event
    assert m.source in str(event["description"])


def test_uids_stay_the_same_after_a_recomputation(client, feed, family):
    before = {str(e["uid"]) for e in _parse(_get(client, feed)).walk("VEVENT")}
    materialise(family.pregnancies.all())
    after = {str(e["uid"]) for e in _parse(_get(client, feed)).walk("VEVENT")}
    assert before == after


def test_done_milestones_leave_the_feed(client, feed, family, sagefemme):
    from django.utils import timezone

    m = Milestone.objects.filter(family=family, state=MilestoneState.DUE).first()
    services.milestone_mark_done(milestone=m, user=sagefemme, done_on=timezone.localdate())
    summaries = [str(e["uid"]) for e in _parse(_get(client, feed)).walk("VEVENT")]
    assert not any(uid.endswith(f"-{m.code}@millejours.fr") for uid in summaries)


def test_the_feed_holds_no_note_nor_clinical_detail(client, feed, family, sagefemme):
    from django.utils import timezone

    m = Milestone.objects.filter(family=family, state=MilestoneState.DUE).first()
    services.milestone_mark_done(
        milestone=m, user=sagefemme, done_on=timezone.localdate(), note="Tabac, suivi addicto"
    )
    body = _get(client, feed).content.decode()
    assert "Tabac" not in body and "Sophie" not in body


def test_a_revoked_link_gives_404(client, feed, family, parent):
    services.calendar_feed_revoke(family=family, user=parent)
    assert _get(client, feed).status_code == 404


def test_an_unknown_token_gives_404(client, db):
    assert client.get(reverse("pathway:ical_feed", args=["inconnu"])).status_code == 404


def test_regenerating_revokes_the_old_link(client, feed, family, parent):
    new = services.calendar_feed_create(family=family, user=parent)
    assert _get(client, feed).status_code == 404
    assert _get(client, new).status_code == 200


def test_the_first_fetch_of_the_day_is_logged_without_the_token(client, feed, family, parent):
    _get(client, feed)
    _get(client, feed)
    entry = AccessLog.objects.get(family_id_ref=family.pk, page="pathway:ical_feed")
    assert entry.user == parent
    assert feed.token not in entry.path
