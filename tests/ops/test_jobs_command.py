"""``millejours jobs list --format json`` and ``millejours jobs run NAME``: the contract."""

import io
import json

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from millejours.ops.jobs import JOBS
from millejours.ops.models import JobRun, RunStatus, RunTrigger

pytestmark = pytest.mark.django_db


def jobs_json() -> list[dict]:
    out = io.StringIO()
    call_command("jobs", "list", "--format", "json", stdout=out)
    return json.loads(out.getvalue())["jobs"]


def run(name: str) -> dict:
    out = io.StringIO()
    call_command("jobs", "run", name, stdout=out)
    return json.loads(out.getvalue())


def test_list_gives_every_job_with_exactly_the_four_keys():
    jobs = jobs_json()
    assert [item["name"] for item in jobs] == [job.name for job in JOBS]
    assert all(set(item) == {"name", "schedule", "last_run", "last_status"} for item in jobs)
    assert {item["name"]: item["schedule"] for item in jobs}["calendar_refresh"] == "0 2 * * *"
    assert all(item["last_run"] is None and item["last_status"] is None for item in jobs)


def test_run_executes_the_job_now_and_list_shows_it():
    assert run("outreach_plan") == {
        "name": "outreach_plan",
        "status": "success",
        "result": {"queued": 0},
    }
    recorded = JobRun.objects.get(job="outreach_plan")
    assert recorded.trigger == RunTrigger.MANUAL
    item = next(i for i in jobs_json() if i["name"] == "outreach_plan")
    assert item["last_status"] == "success" and item["last_run"] == recorded.started_at.isoformat()


def test_a_job_can_be_run_by_hand_twice_in_a_row():
    run("calendar_refresh")
    run("calendar_refresh")
    assert JobRun.objects.filter(job="calendar_refresh", status=RunStatus.SUCCESS).count() == 2


def test_an_unknown_job_is_refused_in_french_with_exit_code_2():
    with pytest.raises(CommandError) as error:
        call_command("jobs", "run", "inexistante")
    assert error.value.returncode == 2
    assert "Tâche inconnue : « inexistante »" in str(error.value) and "calendar_refresh" in str(
        error.value
    )
    assert not JobRun.objects.exists()


def test_a_failing_job_is_recorded_and_exits_1(monkeypatch):
    from millejours.ops import jobs

    def broken():
        raise RuntimeError("serveur SMTP injoignable")

    job = jobs.BY_NAME["directory_reminders"]
    monkeypatch.setitem(
        jobs.BY_NAME, "directory_reminders", jobs.Job(job.name, job.schedule, broken, "")
    )
    with pytest.raises(CommandError) as error:
        call_command("jobs", "run", "directory_reminders", stdout=io.StringIO())
    assert error.value.returncode == 1 and "serveur SMTP injoignable" in str(error.value)
    assert JobRun.objects.get().status == RunStatus.FAILED


def test_worker_heartbeat_enqueues_one_task_for_the_worker_and_the_task_records_it():
    from django_tasks_db.models import DBTaskResult

    from millejours.ops.models import Heartbeat
    from millejours.ops.tasks import heartbeat

    run("worker_heartbeat")
    run("worker_heartbeat")  # the first one still waits: no pile-up while the worker is down
    assert DBTaskResult.objects.filter(task_path=heartbeat.module_path).count() == 1
    heartbeat.call()
    assert Heartbeat.objects.get(name="worker").beat_at


def has_subcommand(command: str, action: str) -> bool:
    import argparse

    from django.core.management import load_command_class

    app = get_commands().get(command)
    if app is None:
        return False
    parser = load_command_class(app, command).create_parser("millejours", command)
    return any(
        action in (a.choices or {})
        for a in parser._actions
        if isinstance(a, argparse._SubParsersAction)
    )


@pytest.mark.parametrize(
    "name, command",
    [("accesslog_anchor", ("accesslog", "anchor")), ("retention_run", ("retention", "run"))],
)
def test_jobs_of_other_domains_call_their_command(name, command):
    """The anchoring and retention jobs run the access-log and retention commands."""
    from millejours.ops.jobs import BY_NAME

    assert BY_NAME[name].func.__name__ == "_".join(command)
    assert has_subcommand(*command)
    assert run(name)["status"] == "success"
