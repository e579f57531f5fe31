"""An import that crashes right after its commit still gets its calendars (issue 11, item 9).

Decision: the calendar work is committed WITH the import: the tasks that compute the
milestones are enqueued inside the import transaction (the task queue is a database table).
"""

import pytest
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from millejours.outreach import import_writing, importer
from millejours.pathway.models import Milestone, Pregnancy

from .helpers import people, write

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_crash_right_after_the_commit_leaves_the_calendar_work_queued(
    tmp_path, commune, monkeypatch
):
    monkeypatch.setattr(import_writing, "CHUNK", 2)
    # Killed after COMMIT returned: no "on commit" callback of the process ever runs.
    monkeypatch.setattr(transaction, "on_commit", lambda *args, **kwargs: None)

    def crash_once_committed(done, rows):
        if done == rows and not connection.in_atomic_block:  # the import is committed
            raise SystemExit("processus tué juste après le commit")

    with pytest.raises(SystemExit):
        importer.run_import(write(tmp_path, people(5)), progress=crash_once_committed)
    pregnancy_ids = set(Pregnancy.objects.values_list("pk", flat=True))
    assert len(pregnancy_ids) == 5  # the import was committed
    queued = DBTaskResult.objects.filter(
        task_path="millejours.pathway.tasks.materialise_pregnancies"
    )
    assert {pk for task in queued for pk in task.args_kwargs["args"][0]} == pregnancy_ids
    assert not Milestone.objects.exists()

    for task in queued:  # what the worker does when it (re)starts
        task.task.call(*task.args_kwargs["args"])
    assert set(Milestone.objects.values_list("pregnancy_id", flat=True)) == pregnancy_ids


def test_a_crash_before_the_commit_queues_nothing(tmp_path, commune, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("panne pendant l'import")

    monkeypatch.setattr(import_writing, "_apply_updates", crash)
    with pytest.raises(RuntimeError):
        importer.run_import(write(tmp_path, people(3)))
    assert not Pregnancy.objects.exists()
    assert not DBTaskResult.objects.exists()
