"""A crash halfway leaves nothing half-imported; the rerun gives the result of a clean run."""

import pytest

from millejours.lib import fastinsert
from millejours.outreach import import_writing
from millejours.outreach.models import OutreachContact
from millejours.pathway.models import Family, Parent, Pregnancy

from .helpers import people, run_command, write

pytestmark = pytest.mark.django_db


def counts():
    return (
        Family.objects.count(),
        Parent.objects.count(),
        Pregnancy.objects.count(),
        OutreachContact.objects.count(),
    )


def test_a_crash_in_the_middle_leaves_nothing_and_the_rerun_is_clean(
    tmp_path, commune, monkeypatch
):
    monkeypatch.setattr(import_writing, "CHUNK", 4)
    path = write(tmp_path, people(10))
    original = fastinsert.insert
    calls = {"n": 0}

    def crash_on_second_chunk(model, objs, *args, **kwargs):
        if model is OutreachContact:
            calls["n"] += 1
            if calls["n"] == 2:
                raise RuntimeError("panne au milieu de l'import")
        return original(model, objs, *args, **kwargs)

    monkeypatch.setattr(fastinsert, "insert", crash_on_second_chunk)
    with pytest.raises(RuntimeError):
        run_command(path)
    assert calls["n"] == 2  # the first chunk had been written before the crash
    assert counts() == (0, 0, 0, 0)

    monkeypatch.setattr(fastinsert, "insert", original)
    result = run_command(path)
    assert result == {"created": 10, "updated": 0, "duplicates": 0, "rejected": []}
    assert counts() == (10, 10, 10, 10)
