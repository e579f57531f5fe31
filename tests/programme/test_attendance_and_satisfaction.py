import pytest
from django.core import mail

from millejours.programme.models import Registration
from millejours.programme.services.registrations import (
    attendance_record,
    registration_create,
    reminders_send,
    satisfaction_token,
)

from . import builders

pytestmark = pytest.mark.django_db


def _regs(session, n):
    return [
        registration_create(
            session=session, first_name=f"P{i}", last_name=f"N{i}", email=f"p{i}@exemple.test"
        )
        for i in range(n)
    ]


def test_recording_attendance_sends_the_questionnaire_to_those_present(
    coordinator, django_capture_on_commit_callbacks
):
    session = builders.session(builders.event(), days=1)
    came, missed = _regs(session, 2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        attendance_record(session=session, present_ids={came.pk}, actor=coordinator)
    assert dict(Registration.objects.values_list("pk", "attended")) == {
        came.pk: True,
        missed.pk: False,
    }
    assert [m.to for m in mail.outbox] == [[came.email]]
    assert "/programme/ateliers/avis/" in mail.outbox[0].body


def test_the_attendance_page_and_printable_sheet(coordinator, login):
    session = builders.session(builders.event(), days=1)
    came, _ = _regs(session, 2)
    client = login(coordinator)
    pdf = b"".join(client.get(f"/programme/seances/{session.pk}/emargement.pdf").streaming_content)
    assert pdf.startswith(b"%PDF")
    response = client.post(
        f"/programme/seances/{session.pk}/presences/", {"present": [str(came.pk)]}
    )
    assert response.status_code == 302
    came.refresh_from_db()
    assert came.attended is True


def test_the_satisfaction_questionnaire_is_answered_through_the_signed_link(client):
    session = builders.session(builders.event(), days=1)
    (reg,) = _regs(session, 1)
    url = f"/programme/ateliers/avis/{satisfaction_token(reg)}/"
    assert "Votre avis sur" in client.get(url).content.decode()
    html = client.post(url, {"rating": "7"}).content.decode()
    assert "Choisissez une note." in html or "Sélectionnez un choix valide" in html
    html = client.post(
        url, {"rating": "4", "useful": "oui", "would_recommend": "non", "comment": "Très bien"}
    ).content.decode()
    assert "Merci pour votre avis" in html
    reg.refresh_from_db()
    assert (reg.satisfaction.rating, reg.satisfaction.useful, reg.satisfaction.would_recommend) == (
        4,
        True,
        False,
    )
    assert client.get("/programme/ateliers/avis/faux-jeton/").status_code == 404


def test_reminders_go_once_to_confirmed_people_of_sessions_within_two_days():
    soon = builders.session(builders.event(), days=1, capacity=1)
    later = builders.session(builders.event(title="Plus tard"), days=10)
    confirmed, waiting = _regs(soon, 2)
    registration_create(session=later, first_name="L", last_name="L", email="later@exemple.test")
    mail.outbox.clear()
    assert reminders_send() == 1
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    assert reminders_send() == 0


def test_the_reminder_command_reports_what_it_sent():
    import io

    from django.core.management import call_command

    session = builders.session(builders.event(), days=1)
    _regs(session, 2)
    out = io.StringIO()
    call_command("ateliers", "rappels", stdout=out)
    assert out.getvalue().strip() == "2 rappel(s) envoyé(s)."


def test_a_professional_registers_to_a_training(sagefemme, login):
    from millejours.programme.models import EventKind

    session = builders.session(
        builders.event(title="Formation repérage", kind=EventKind.FORMATION, is_public=False),
        days=5,
    )
    client = login(sagefemme)
    assert "Formation repérage" in client.get("/programme/formations/").content.decode()
    client.post(f"/programme/formations/{session.pk}/inscription/")
    reg = Registration.objects.get()
    assert (reg.kind, reg.user, reg.email) == ("professionnel", sagefemme, sagefemme.email)
    assert "Inscrit·e" in client.get("/programme/formations/").content.decode()


def test_the_event_page_summarises_satisfaction(coordinator, login):
    from millejours.programme.services.registrations import satisfaction_submit

    session = builders.session(builders.event(), days=1)
    first, second = _regs(session, 2)
    satisfaction_submit(registration=first, rating=5, useful=True, would_recommend=True, comment="")
    satisfaction_submit(
        registration=second, rating=4, useful=True, would_recommend=False, comment=""
    )
    html = login(coordinator).get(f"/programme/evenements/{session.event_id}/").content.decode()
    assert "Satisfaction : 4,5 / 5 (2 réponses au questionnaire)." in html


def test_the_reminder_task_sends_the_same_reminders():
    from millejours.programme.tasks import send_session_reminders

    session = builders.session(builders.event(), days=1)
    _regs(session, 1)
    mail.outbox.clear()
    assert send_session_reminders.call() == 1
    assert mail.outbox[0].subject == "Rappel : votre atelier approche"
