from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from millejours.programme.models import Registration, RegistrationStatus
from millejours.programme.services.registrations import (
    cancel_token,
    registration_cancel,
    registration_create,
)

from . import builders

pytestmark = pytest.mark.django_db


def _register(session, n):
    return registration_create(
        session=session, first_name=f"Prénom{n}", last_name=f"Nom{n}", email=f"p{n}@exemple.test"
    )


def test_registrations_are_confirmed_up_to_capacity_then_go_to_the_waiting_list(
    django_capture_on_commit_callbacks,
):
    session = builders.session(builders.event(), capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [_register(session, n).status for n in range(4)]
    assert statuses == ["confirmee", "confirmee", "attente", "attente"]
    assert [m.subject for m in mail.outbox] == [
        "Votre inscription est confirmée",
        "Votre inscription est confirmée",
        "Vous êtes sur la liste d'attente",
        "Vous êtes sur la liste d'attente",
    ]
    assert "/programme/ateliers/annulation/" in mail.outbox[0].body


def test_cancelling_a_confirmed_place_promotes_the_first_person_waiting(
    django_capture_on_commit_callbacks,
):
    session = builders.session(builders.event(), capacity=1)
    first = _register(session, 1)
    second = _register(session, 2)
    third = _register(session, 3)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registration_cancel(registration=first)
    assert promoted == second
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "annulee", second.pk: "confirmee", third.pk: "attente"}
    assert mail.outbox[-1].to == [second.email]
    assert "Une place s'est libérée" in mail.outbox[-1].subject


def test_cancelling_twice_promotes_nobody_more():
    session = builders.session(builders.event(), capacity=1)
    first = _register(session, 1)
    _register(session, 2)
    third = _register(session, 3)
    registration_cancel(registration=first)
    assert registration_cancel(registration=first) is None
    third.refresh_from_db()
    assert third.status == RegistrationStatus.ATTENTE


def test_cancelling_from_the_waiting_list_frees_no_place():
    session = builders.session(builders.event(), capacity=1)
    _register(session, 1)
    waiting = _register(session, 2)
    last = _register(session, 3)
    assert registration_cancel(registration=waiting) is None
    last.refresh_from_db()
    assert last.status == RegistrationStatus.ATTENTE


def test_the_same_email_cannot_register_twice_to_a_session():
    session = builders.session(builders.event(), capacity=5)
    _register(session, 1)
    with pytest.raises(ValidationError, match="déjà inscrite"):
        _register(session, 1)


def test_a_past_session_refuses_registrations():
    session = builders.session(builders.event(), days=-1)
    with pytest.raises(ValidationError, match="séance est passée"):
        _register(session, 1)


def test_the_signed_cancel_link_cancels_and_promotes(client):
    session = builders.session(builders.event(), capacity=1)
    first = _register(session, 1)
    second = _register(session, 2)
    url = f"/programme/ateliers/annulation/{cancel_token(first)}/"
    page = client.get(url)
    assert "Annuler mon inscription" in page.content.decode()
    first.refresh_from_db()
    assert first.status == "confirmee"  # a GET never cancels
    response = client.post(url)
    assert "Votre inscription est annulée" in response.content.decode()
    second.refresh_from_db()
    assert second.status == "confirmee"


def test_a_forged_cancel_link_is_refused(client):
    session = builders.session(builders.event(), capacity=1)
    reg = _register(session, 1)
    token = cancel_token(reg)
    assert client.post(f"/programme/ateliers/annulation/{token[:-2]}xx/").status_code == 404
    reg.refresh_from_db()
    assert reg.status == "confirmee"


def test_the_cancel_link_expires_at_the_end_of_the_session(client, time_machine):
    session = builders.session(builders.event(), capacity=5, days=2)
    reg = _register(session, 1)
    url = f"/programme/ateliers/annulation/{cancel_token(reg)}/"
    time_machine.move_to(session.ends_at - timedelta(minutes=1))
    assert client.get(url).status_code == 200
    time_machine.move_to(session.ends_at + timedelta(seconds=1))
    response = client.post(url)
    assert response.status_code == 410
    assert "la séance est terminée" in response.content.decode()
    reg.refresh_from_db()
    assert reg.status == "confirmee"
