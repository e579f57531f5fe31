import pytest
from django.core import mail

from millejours.programme.models import Registration

from . import builders

pytestmark = pytest.mark.django_db


def test_the_public_page_lists_upcoming_public_workshops_only(client):
    public = builders.session(builders.event(title="Atelier portage"))
    builders.session(builders.event(title="Formation interne", is_public=False))
    builders.session(builders.event(title="Atelier passé"), days=-3)
    html = client.get("/programme/ateliers/").content.decode()
    assert "Atelier portage" in html
    assert "Formation interne" not in html
    assert "Atelier passé" not in html
    assert f"/programme/ateliers/{public.pk}/" in html


def test_a_parent_registers_without_an_account(client, django_capture_on_commit_callbacks):
    session = builders.session(builders.event(), capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/programme/ateliers/{session.pk}/",
            {
                "first_name": "Alix",
                "last_name": "Durand",
                "email": "Alix@Exemple.test",
                "consent": "on",
            },
        )
    assert "Votre inscription est confirmée" in response.content.decode()
    reg = Registration.objects.get()
    assert (reg.email, reg.status) == ("alix@exemple.test", "confirmee")
    assert mail.outbox[0].to == ["alix@exemple.test"]


def test_an_invalid_registration_saves_nothing_and_explains_in_french(client):
    session = builders.session(builders.event(), capacity=3)
    response = client.post(
        f"/programme/ateliers/{session.pk}/", {"first_name": "Alix", "email": "pas-une-adresse"}
    )
    html = response.content.decode()
    assert "Saisissez une adresse électronique valide." in html
    assert "Votre accord est nécessaire pour vous inscrire." in html
    assert not Registration.objects.exists()


def test_a_private_event_has_no_public_page(client):
    session = builders.session(builders.event(is_public=False))
    assert client.get(f"/programme/ateliers/{session.pk}/").status_code == 404
