"""The "last checked" date and the reminders to check old entries."""

from datetime import date, timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from millejours.directory.models import Status
from millejours.directory.services import service_mark_checked
from millejours.directory.tasks import remind_stale_services

from . import helpers


def test_entries_not_checked_for_too_long_are_reminded_once_per_address(db, coordinator, settings):
    settings.MILLEJOURS_DIRECTORY_CHECK_DAYS = 180
    today = timezone.localdate()
    helpers.service(
        "Ancien 1", email="pmi@exemple.test", last_checked_on=today - timedelta(days=200)
    )
    helpers.service("Ancien 2", email="pmi@exemple.test", last_checked_on=None)
    helpers.service("Récent", email="pmi@exemple.test", last_checked_on=today - timedelta(days=10))
    helpers.service(
        "Archivé",
        email="pmi@exemple.test",
        last_checked_on=date(2020, 1, 1),
        status=Status.ARCHIVED,
    )
    out = StringIO()
    call_command("resources", "remind", stdout=out)
    assert "2 service(s) à vérifier." in out.getvalue()
    assert len(mail.outbox) == 1
    assert "Ancien 1" in mail.outbox[0].body and "Ancien 2" in mail.outbox[0].body
    assert "Récent" not in mail.outbox[0].body


def test_marking_checked_stamps_today_and_is_audited(db, coordinator):
    from millejours.audit.models import AuditEvent

    service = helpers.service("Ancien", last_checked_on=date(2020, 1, 1))
    assert service.is_check_overdue()
    service_mark_checked(service=service, by=coordinator)
    service.refresh_from_db()
    assert service.last_checked_on == timezone.localdate()
    assert not service.is_check_overdue()
    assert AuditEvent.objects.filter(action="directory.service_checked", actor=coordinator).exists()


def test_the_task_runs_the_reminders(db, settings):
    helpers.service("Ancien", email="pmi@exemple.test", last_checked_on=date(2020, 1, 1))
    assert remind_stale_services.call() == 1


def test_the_partner_running_the_structure_marks_its_entry_checked(login, partner, sagefemme):
    from django.urls import reverse

    organisation = partner.memberships.get().organisation
    service = helpers.service(
        "Ancien",
        structure_obj=helpers.structure(organisation=organisation),
        last_checked_on=date(2020, 1, 1),
    )
    url = reverse("directory:mark_checked", args=[service.pk])
    assert login(sagefemme).post(url).status_code == 403
    assert login(partner).post(url).status_code == 302
    service.refresh_from_db()
    assert service.last_checked_on == timezone.localdate()
