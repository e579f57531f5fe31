"""``demo load`` at region scale creates families in chunks (one transaction each):
the same families and calendars as in one go (the done dates are drawn in milestone order,
which differs between chunks), and an interrupted load resumes."""

from datetime import date

import pytest
from django.test import override_settings

from millejours.core import demo
from millejours.core.demo import loader as demo_loader
from millejours.pathway.models import Family, Milestone, MilestoneState

pytestmark = pytest.mark.django_db(transaction=False)

N = 12
FAST = override_settings(
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], DEMO_MODE=True
)


def _snapshot() -> list[tuple]:
    return list(
        Milestone.objects.order_by("family__reference", "code", "child__first_name").values_list(
            "family__reference", "code", "due"
        )
    )


def _done_share() -> float:
    past = Milestone.objects.filter(due__lt=date(2026, 5, 1))
    return past.filter(state=MilestoneState.DONE).count() / past.count()


def test_chunked_load_gives_the_same_data_as_one_chunk(monkeypatch):
    today = date(2026, 6, 15)
    with FAST:
        demo.load_demo(families=N, today=today, hooks=False)
    whole, share = _snapshot(), _done_share()
    Family.objects.all().delete()
    monkeypatch.setattr(demo_loader, "CHUNK_FAMILIES", 5)  # 5 + 5 + 2
    with FAST:
        demo.load_demo(families=N, today=today, hooks=False)
    assert Family.objects.count() == N
    assert _snapshot() == whole
    assert abs(_done_share() - share) < 0.1


def test_an_interrupted_load_resumes_with_the_missing_chunks(monkeypatch):
    today = date(2026, 6, 15)
    monkeypatch.setattr(demo_loader, "CHUNK_FAMILIES", 5)
    with FAST:
        demo.load_demo(families=7, today=today, hooks=False)  # as if stopped after 7
        ctx = demo.load_demo(families=N, today=today, hooks=False)
    assert Family.objects.count() == N
    assert any("5 créées, 7 déjà présentes" in line for line in ctx.log)
