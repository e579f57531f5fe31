"""Sending hours and quiet days follow the family's own time zone and public holidays.

The holidays come from the ``holidays`` library (``lib.holidays_fr``); the time zone from
the IANA database, chosen by the département of the family's commune.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from millejours.lib.holidays_fr import calendar_for, departement_of
from millejours.outreach import sending
from millejours.outreach.models import OutboundMessage
from millejours.outreach.planner import is_allowed, next_allowed, plan_messages
from tests import factories

from .conftest import make_contact

PARIS = ZoneInfo("Europe/Paris")
GUADELOUPE = ZoneInfo("America/Guadeloupe")
WEEKDAYS = [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("insee", "departement", "zone"),
    [
        ("31113", "31", "Europe/Paris"),
        ("2A004", "2A", "Europe/Paris"),
        ("97105", "971", "America/Guadeloupe"),
        ("97209", "972", "America/Martinique"),
        ("97302", "973", "America/Cayenne"),
        ("97411", "974", "Indian/Reunion"),
        ("97502", "975", "America/Miquelon"),
        ("97611", "976", "Indian/Mayotte"),
    ],
)
def test_the_time_zone_comes_from_the_communes_departement(insee, departement, zone):
    assert departement_of(insee) == departement
    assert str(calendar_for(departement).timezone) == zone


def test_alsace_moselle_has_good_friday_and_saint_stephen_but_not_paris():
    good_friday, saint_stephen = date(2026, 4, 3), date(2026, 12, 26)
    for departement in ("57", "67", "68"):
        assert calendar_for(departement).is_holiday(good_friday)
        assert calendar_for(departement).is_holiday(saint_stephen)
    assert not calendar_for("75").is_holiday(good_friday)
    assert not calendar_for("").is_holiday(saint_stephen)


@pytest.mark.parametrize(
    ("departement", "day"),
    [
        ("971", date(2026, 5, 27)),
        ("972", date(2026, 5, 22)),
        ("973", date(2026, 6, 10)),
        ("974", date(2026, 12, 20)),
        ("976", date(2026, 4, 27)),
    ],
)
def test_each_overseas_departement_has_its_abolition_of_slavery_day(departement, day):
    calendar = calendar_for(departement)
    assert calendar.is_holiday(day)
    assert "esclavage" in calendar.holiday_name(day).lower()
    assert not calendar_for("31").is_holiday(day)


def test_national_days_hold_everywhere():
    for departement in ("", "57", "971", "974", "975", "976"):
        assert calendar_for(departement).is_holiday(date(2026, 7, 14))
        assert calendar_for(departement).is_holiday(date(2026, 5, 25))  # lundi de Pentecôte


def test_a_9h_slot_is_9h_on_the_familys_clock():
    guadeloupe = calendar_for("971")
    paris_9h = datetime(2026, 3, 3, 9, 0, tzinfo=PARIS)  # 04:00 in Guadeloupe
    assert is_allowed(paris_9h, time(9), time(19), WEEKDAYS)
    assert not is_allowed(paris_9h, time(9), time(19), WEEKDAYS, guadeloupe)
    slot = next_allowed(paris_9h, time(9), time(19), WEEKDAYS, guadeloupe)
    assert slot == datetime(2026, 3, 3, 9, 0, tzinfo=GUADELOUPE)
    assert slot.astimezone(UTC) == datetime(2026, 3, 3, 13, 0, tzinfo=UTC)


def test_public_holidays_are_quiet_days_and_only_where_they_apply():
    good_friday_10h = datetime(2026, 4, 3, 10, 0, tzinfo=PARIS)
    assert is_allowed(good_friday_10h, time(9), time(19), WEEKDAYS, calendar_for("31"))
    assert not is_allowed(good_friday_10h, time(9), time(19), WEEKDAYS, calendar_for("67"))
    # Friday is a holiday in Strasbourg, then the weekend, then Easter Monday: Tuesday.
    assert next_allowed(
        good_friday_10h, time(9), time(19), WEEKDAYS, calendar_for("67")
    ) == datetime(2026, 4, 7, 9, 0, tzinfo=PARIS)
    # Without any weekday restriction, Bastille Day is still a quiet day.
    assert not is_allowed(datetime(2026, 7, 14, 10, 0, tzinfo=PARIS), time(9), time(19), [])


def test_holidays_can_be_made_sending_days(settings):
    settings.OUTREACH_QUIET_ON_HOLIDAYS = False
    assert is_allowed(datetime(2026, 7, 14, 10, 0, tzinfo=PARIS), time(9), time(19), [])


@pytest.mark.django_db(transaction=True)
def test_a_message_planned_at_9h_paris_reaches_guadeloupe_at_9h_local(sequence, settings, tmp_path):
    settings.OUTREACH_FILE_PATH = str(tmp_path / "outbox.jsonl")
    pointe_a_pitre = factories.commune(
        "97120", "Pointe-à-Pitre", 16.2411, -61.5331, postcodes=["97110"]
    )
    paris_9h = datetime(2026, 3, 3, 9, 0, tzinfo=PARIS)
    with time_machine.travel(paris_9h, tick=False):
        make_contact(commune_obj=pointe_a_pitre)
        make_contact()  # Castanet-Tolosan (31)
        assert plan_messages() == 2
        slots = {
            m.contact.family.commune.insee_code: m.not_before for m in OutboundMessage.objects.all()
        }
        assert slots["31113"] == paris_9h
        assert slots["97120"] == datetime(2026, 3, 3, 9, 0, tzinfo=GUADELOUPE)
        stats = sending.send_pending()
        assert stats.sent == 1  # only the one in metropolitan France
    with time_machine.travel(datetime(2026, 3, 3, 8, 59, tzinfo=GUADELOUPE), tick=False):
        assert sending.send_pending().sent == 0
    with time_machine.travel(datetime(2026, 3, 3, 9, 1, tzinfo=GUADELOUPE), tick=False):
        assert sending.send_pending().sent == 1


@pytest.mark.django_db(transaction=True)
def test_a_retry_on_a_local_holiday_waits_for_the_next_working_day(sequence, settings, tmp_path):
    settings.OUTREACH_FILE_PATH = str(tmp_path / "outbox.jsonl")
    strasbourg = factories.commune("67482", "Strasbourg", 48.5734, 7.7521, postcodes=["67000"])
    with time_machine.travel(datetime(2026, 4, 2, 18, 0, tzinfo=PARIS), tick=False):  # Thursday
        make_contact(commune_obj=strasbourg)
        plan_messages()
        OutboundMessage.objects.update(not_before=datetime(2026, 4, 3, 10, 0, tzinfo=PARIS))
    with time_machine.travel(datetime(2026, 4, 3, 10, 0, tzinfo=PARIS), tick=False):  # Good Friday
        assert sending.send_pending().deferred == 1
        assert OutboundMessage.objects.get().not_before == datetime(2026, 4, 7, 9, 0, tzinfo=PARIS)
