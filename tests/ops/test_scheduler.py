"""The scheduler runs each due job once per slot, records every run, and two schedulers
running at once never run a job twice (the unique (job, slot) row is the lock)."""

import threading
import time as clock
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from millejours.ops.jobs import Job
from millejours.ops.models import JobRun, RunStatus
from millejours.ops.schedules import Daily, Every
from millejours.ops.services import claim, run_due

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 3, 10, 7, tzinfo=PARIS)


class Counter:
    def __init__(self, fail=False, pause=0.0):
        self.calls = 0
        self.fail = fail
        self.pause = pause
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            self.calls += 1
        clock.sleep(self.pause)
        if self.fail:
            raise RuntimeError("panne simulée")
        return {"done": True}


@pytest.mark.django_db
def test_a_due_job_runs_once_per_slot_and_again_in_the_next_slot():
    counter = Counter()
    jobs = [Job("toutes_les_5", Every(5), counter, "test")]
    assert [r.status for r in run_due(jobs, NOW)] == [RunStatus.SUCCESS]
    assert run_due(jobs, NOW.replace(minute=9)) == []
    assert counter.calls == 1
    run_due(jobs, NOW.replace(minute=10))
    assert counter.calls == 2
    run = JobRun.objects.order_by("started_at").first()
    assert run.slot == NOW.replace(minute=5) and run.result == {"done": True} and run.finished_at


@pytest.mark.django_db
def test_a_missed_nightly_slot_is_caught_up_once_after_a_restart():
    counter = Counter()
    jobs = [Job("nuit", Daily(time(2, 0)), counter, "test")]
    run_due(jobs, NOW)  # the scheduler was down at 02:00
    run_due(jobs, NOW.replace(hour=11))
    assert counter.calls == 1
    assert JobRun.objects.get().slot == NOW.replace(hour=2, minute=0)


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_does_not_stop_the_others():
    broken, healthy = Counter(fail=True), Counter()
    runs = run_due([Job("casse", Every(5), broken, "t"), Job("saine", Every(5), healthy, "t")], NOW)
    assert [(r.job, r.status) for r in runs] == [
        ("casse", RunStatus.FAILED),
        ("saine", RunStatus.SUCCESS),
    ]
    assert "panne simulée" in JobRun.objects.get(job="casse").error


@pytest.mark.django_db
def test_a_slot_can_be_claimed_only_once():
    job = Job("unique", Every(5), Counter(), "t")
    slot = Every(5).last_slot(NOW)
    assert claim(job, slot) is not None
    assert claim(job, slot) is None
    assert JobRun.objects.filter(job="unique").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_run_each_job_once():
    """Two threads with their own database connection tick at the same moment (on SQLite,
    ``test_processes`` does the same with two processes on a database file)."""
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "la base SQLite de test en mémoire verrouille des tables entre fils (cache partagé)"
        )
    counters = [Counter(pause=0.2) for _ in range(4)]
    jobs = [Job(f"tache_{i}", Every(5), c, "t") for i, c in enumerate(counters)]
    barrier = threading.Barrier(2)
    errors = []

    def scheduler():
        try:
            barrier.wait()
            run_due(jobs, NOW)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [c.calls for c in counters] == [1, 1, 1, 1]
    assert JobRun.objects.filter(status=RunStatus.SUCCESS).count() == 4


@pytest.mark.django_db
def test_old_runs_are_forgotten_and_runs_of_a_dead_process_are_closed():
    from datetime import timedelta

    from millejours.ops.services import prune_runs

    old = JobRun.objects.create(job="a", slot=NOW - timedelta(days=100), status=RunStatus.SUCCESS)
    JobRun.objects.filter(pk=old.pk).update(started_at=NOW - timedelta(days=100))
    stuck = JobRun.objects.create(job="b", slot=NOW - timedelta(hours=8))
    JobRun.objects.filter(pk=stuck.pk).update(started_at=NOW - timedelta(hours=8))
    running = JobRun.objects.create(job="c", slot=NOW)
    assert prune_runs(now=NOW) == {"deleted": 1, "interrupted": 1}
    stuck.refresh_from_db()
    running.refresh_from_db()
    assert stuck.status == RunStatus.FAILED and "interrompue" in stuck.error
    assert running.status == RunStatus.RUNNING
