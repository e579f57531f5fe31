"""``millejours retention run [--dry-run] --format json``: periods as data, one purge per kind.

Every kind of data past its period is purged exactly once (counted, then not counted
again); what is within its period stays; a dry run counts the same and changes nothing.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from axes.models import AccessAttempt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.maintenance.retention import KINDS, load_policy
from millejours.outreach.models import ImportBatch, ImportStatus, MessageStatus, OutboundMessage
from millejours.pathway.models import Family, FamilyStatus
from millejours.programme.models import Registration
from millejours.screening.models import ContactRequest, Respondent, Response

from .. import factories
from ..outreach.conftest import make_contact
from ..programme import builders

pytestmark = pytest.mark.django_db
OLD = timezone.now() - timedelta(days=800)


def _aged(obj, field="created_at", when=OLD):
    type(obj).objects.filter(pk=obj.pk).update(**{field: when})
    return obj


def _contact_request(**dates):
    response = Response.objects.create(
        questionnaire="EPDS", version="1", respondent=Respondent.ANONYMOUS
    )
    return _aged(
        ContactRequest.objects.create(
            response=response, name="Alix", phone="0611223344", consent=True
        ),
        when=dates.get("created_at", OLD),
    )


@pytest.fixture
def old_and_new_data(commune):
    old_family = factories.family(lmp=date.today() - timedelta(days=7 * 365), commune_obj=commune)
    recent_family = factories.family(commune_obj=commune)

    batches = []
    for when in (OLD, timezone.now()):
        batch = ImportBatch.objects.create(
            file=SimpleUploadedFile("decl.csv", b"nom;prenom\n"),
            original_name="decl.csv",
            sha256="0" * 64,
            status=ImportStatus.DONE,
        )
        batches.append(_aged(batch, when=when))

    handled_long_ago = _contact_request()
    ContactRequest.objects.filter(pk=handled_long_ago.pk).update(handled_at=OLD)
    never_handled_old = _contact_request()
    recent = _contact_request(created_at=timezone.now())

    past = builders.session(builders.event(), days=-400)
    future = builders.session(builders.event(title="Atelier portage"), days=5)
    for session in (past, future):
        Registration.objects.create(
            session=session, first_name="Inès", last_name="Roux", email="ines@exemple.test"
        )

    for when in (OLD, timezone.now()):
        attempt = AccessAttempt.objects.create(
            username=f"x{when:%Y%m%d}@exemple.test",
            ip_address="127.0.0.1",
            user_agent="t",
            http_accept="*/*",
            path_info="/comptes/connexion/",
            failures_since_start=1,
        )
        _aged(attempt, "attempt_time", when)

    contact = make_contact(commune_obj=commune)
    for i, when in enumerate((OLD, timezone.now())):
        message = OutboundMessage.objects.create(
            idempotency_key=f"k{i}",
            contact=contact,
            channel="sms",
            recipient="+33612345678",
            body="Bonjour Julie",
            status=MessageStatus.SENT,
            not_before=when,
        )
        _aged(message, when=when)
    return {
        "old_family": old_family,
        "recent_family": recent_family,
        "batches": batches,
        "requests": (handled_long_ago, never_handled_old, recent),
    }


EXPECTED = {
    "family_records": 1,
    "declaration_files": 1,
    "epds_contact_requests": 2,
    "workshop_registrants": 1,
    "login_attempts": 1,
    "outbox_bodies": 1,
}


def _run(*args) -> dict:
    out = io.StringIO()
    call_command("retention", "run", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_dry_run_counts_and_changes_nothing(old_and_new_data):
    assert _run("--dry-run") == {"purged": EXPECTED}
    assert Family.objects.filter(status=FamilyStatus.ANONYMISED).count() == 0
    assert ContactRequest.objects.count() == 3
    assert OutboundMessage.objects.filter(body="").count() == 0
    assert AccessAttempt.objects.count() == 2
    assert ImportBatch.objects.exclude(file="").count() == 2
    assert _run("--dry-run") == {"purged": EXPECTED}


def test_run_purges_what_is_past_its_period_once(
    old_and_new_data, django_capture_on_commit_callbacks
):
    old_file = old_and_new_data["batches"][0].file.path
    with django_capture_on_commit_callbacks(execute=True):  # files leave the disk once committed
        assert _run() == {"purged": EXPECTED}

    old_family = Family.objects.get(pk=old_and_new_data["old_family"].pk)
    assert old_family.status == FamilyStatus.ANONYMISED
    assert old_family.parents.get().last_name == ""
    assert (
        Family.objects.get(pk=old_and_new_data["recent_family"].pk).status
        != FamilyStatus.ANONYMISED
    )

    old_batch, new_batch = (ImportBatch.objects.get(pk=b.pk) for b in old_and_new_data["batches"])
    assert not old_batch.file and old_batch.original_name == "decl.csv"
    assert new_batch.file
    import os

    assert not os.path.exists(old_file)

    assert list(ContactRequest.objects.all()) == [old_and_new_data["requests"][2]]
    registrations = Registration.objects.order_by("session__starts_at")
    assert [(r.last_name, r.email) for r in registrations] == [
        ("", ""),
        ("Roux", "ines@exemple.test"),
    ]
    assert AccessAttempt.objects.count() == 1
    messages = OutboundMessage.objects.order_by("created_at")
    assert [m.body for m in messages] == ["", "Bonjour Julie"]
    assert OutboundMessage.objects.count() == 2  # counts are kept
    assert AuditEvent.objects.filter(action="retention.purged").count() == 1

    assert _run() == {"purged": dict.fromkeys(KINDS, 0)}


def test_periods_are_data_with_a_source_for_each_kind():
    policy = load_policy()
    assert set(policy) == set(KINDS)
    assert policy["family_records"].years == 3
    assert policy["outbox_bodies"].days == 90


def test_an_invalid_policy_file_is_refused_in_french(tmp_path, monkeypatch):
    bad = tmp_path / "conservation.yaml"
    bad.write_text(
        "version: 1\nkinds:\n  family_records: {years: 3, source: x}\n", encoding="utf-8"
    )
    monkeypatch.setenv("MILLEJOURS_RETENTION_FILE", str(bad))
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="rubrique\\(s\\) manquante\\(s\\)") as excinfo:
        _run()
    assert excinfo.value.returncode == 2


def test_a_period_given_in_years_has_a_cutoff_too():
    # The policy file allows « years ou days » for every kind; found by mypy: a kind
    # given in years (a territory's own file) used to fail with int(None).
    import datetime as dt

    from millejours.maintenance.retention import Rule

    now = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    assert Rule(kind="declaration_files", label="x", years=1).cutoff(now) == dt.datetime(
        2025, 3, 1, 12, tzinfo=dt.UTC
    )
    assert Rule(kind="declaration_files", label="x", days=90).cutoff(now) == now - dt.timedelta(
        days=90
    )
