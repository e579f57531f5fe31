"""Schedules give the start of the current slot, in Paris time, and read as cron."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from millejours.ops.jobs import JOBS
from millejours.ops.schedules import Daily, Every, Monthly

PARIS = ZoneInfo("Europe/Paris")


def at(*args):
    return datetime(*args, tzinfo=PARIS)


def test_every_n_minutes_floors_to_the_slot():
    assert Every(5).last_slot(at(2026, 3, 3, 10, 7, 42)) == at(2026, 3, 3, 10, 5)
    assert Every(15).last_slot(at(2026, 3, 3, 10, 0)) == at(2026, 3, 3, 10, 0)
    assert Every(5).cron == "*/5 * * * *"
    with pytest.raises(ValueError):
        Every(7)


def test_daily_slot_is_today_once_the_time_is_passed_else_yesterday():
    nightly = Daily(time(2, 0))
    assert nightly.last_slot(at(2026, 3, 3, 2, 0)) == at(2026, 3, 3, 2, 0)
    assert nightly.last_slot(at(2026, 3, 3, 1, 59)) == at(2026, 3, 2, 2, 0)
    assert nightly.cron == "0 2 * * *"


def test_daily_slot_follows_paris_time_across_the_spring_change():
    # 29 March 2026: clocks go from 02:00 to 03:00; 08:30 is still 08:30 in Paris.
    assert Daily(time(8, 30)).last_slot(at(2026, 3, 29, 9, 0)).utcoffset().total_seconds() == 7200


def test_monthly_slot_goes_back_to_the_previous_month_before_its_day():
    monthly = Monthly(1, time(8, 0))
    assert monthly.last_slot(at(2026, 3, 15, 12, 0)) == at(2026, 3, 1, 8, 0)
    assert monthly.last_slot(at(2026, 3, 1, 7, 0)) == at(2026, 2, 1, 8, 0)
    assert monthly.last_slot(at(2026, 1, 1, 7, 0)) == at(2025, 12, 1, 8, 0)
    assert monthly.cron == "0 8 1 * *"


def test_the_one_list_holds_every_daily_duty_of_the_platform():
    names = {job.name for job in JOBS}
    assert {
        "calendar_refresh",
        "outreach_plan",
        "outreach_send",
        "session_reminders",
        "orientation_reminders",
        "directory_reminders",
        "accesslog_anchor",
        "retention_run",
        "worker_heartbeat",
    } <= names
    assert len(names) == len(JOBS)
