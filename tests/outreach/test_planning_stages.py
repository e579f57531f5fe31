"""Messages by pathway stage, and the stop conditions (milestone done, consent, moved away)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from millejours.outreach import planner, sending, services
from millejours.outreach.models import MessageStatus, OutboundMessage, SequenceStep, Stage
from millejours.pathway.models import Child, Milestone, MilestoneState

from .conftest import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _file_backend(settings, tmp_path):
    settings.OUTREACH_FILE_PATH = str(tmp_path / "outbox.jsonl")


def add_step(sequence, stage, **kwargs):
    return SequenceStep.objects.create(
        sequence=sequence, stage=stage, body="{prenom} {lien_desinscription}", **kwargs
    )


def done_milestone(contact, code):
    pregnancy = contact.family.pregnancies.get()
    return Milestone.objects.create(
        family=contact.family,
        pregnancy=pregnancy,
        subject="grossesse",
        code=code,
        rule_version="1",
        label=code,
        category="entretien",
        status="obligatoire",
        due=date.today(),
        window_start=date.today(),
        window_end=date.today(),
        state=MilestoneState.DONE,
        done_on=date.today(),
    )


def test_the_4th_month_reminder_goes_only_to_those_without_an_epp(sequence, tuesday_morning):
    sequence.steps.all().delete()
    add_step(sequence, Stage.MONTH_4)
    lmp = date.today() - timedelta(days=15 * 7 + 2)
    without_epp = make_contact(lmp=lmp)
    with_epp = make_contact(lmp=lmp)
    done_milestone(with_epp, "epp")
    make_contact(lmp=date.today() - timedelta(days=60))  # not yet at the 4th month
    assert planner.plan_messages() == 1
    assert OutboundMessage.objects.get().contact == without_epp


def test_the_8th_month_message(sequence, tuesday_morning):
    sequence.steps.all().delete()
    add_step(sequence, Stage.MONTH_8)
    make_contact(lmp=date.today() - timedelta(days=32 * 7 + 1))
    assert planner.plan_messages() == 1


@pytest.mark.parametrize(
    "stage, days", [(Stage.BIRTH_7, 7), (Stage.EPNP, 30), (Stage.VACCINES, 54)]
)
def test_stages_after_birth(sequence, tuesday_morning, stage, days):
    sequence.steps.all().delete()
    add_step(sequence, stage)
    contact = make_contact(lmp=date.today() - timedelta(days=300))
    pregnancy = contact.family.pregnancies.get()
    Child.objects.create(
        family=contact.family,
        pregnancy=pregnancy,
        birth_date=date.today() - timedelta(days=days),
        gestational_age_weeks=39,
    )
    assert planner.plan_messages() == 1


def test_first_child_only_steps(sequence, tuesday_morning):
    sequence.steps.update(first_child_only=True)
    make_contact()
    other = make_contact(first_child=False)
    other.first_child = False
    other.save()
    assert planner.plan_messages() == 1


def test_a_milestone_done_after_planning_stops_the_message(sequence, tuesday_morning):
    sequence.steps.all().delete()
    add_step(sequence, Stage.MONTH_4)
    contact = make_contact(lmp=date.today() - timedelta(days=15 * 7))
    planner.plan_messages()
    done_milestone(contact, "epp")
    stats = sending.send_pending()
    assert stats.cancelled == 1
    assert OutboundMessage.objects.get().cancel_reason == "etape_faite"


def withdraw(family, scope="contact_sms"):
    from millejours.audit.models import Consent

    fields = {f.name for f in Consent._meta.get_fields()}
    extra = {"given_at": timezone.now()} if "given_at" in fields else {}
    Consent.objects.create(family=family, scope=scope, withdrawn_at=timezone.now(), **extra)


def test_a_withdrawn_sms_consent_stops_planning_and_sending(sequence, tuesday_morning):
    contact = make_contact()
    planner.plan_messages()
    withdraw(contact.family)
    assert sending.send_pending().cancelled == 1
    assert OutboundMessage.objects.get().cancel_reason == "consentement_retire"
    withdraw(make_contact().family)
    assert planner.plan_messages() == 0


def test_a_withdrawn_email_consent_does_not_stop_sms(sequence, tuesday_morning):
    withdraw(make_contact().family, "contact_email")
    assert planner.plan_messages() == 1


def test_a_family_that_moved_away_gets_nothing_more(sequence, tuesday_morning, coordinator):
    contact = make_contact()
    planner.plan_messages()
    services.contact_mark_moved_away(contact=contact, user=coordinator)
    assert OutboundMessage.objects.get().status == MessageStatus.CANCELLED
    assert planner.plan_messages() == 0
