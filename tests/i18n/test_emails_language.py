"""E-mails to families in their preferred language (French fallback)."""

import pytest
from django.core import mail

from millejours.pathway import services as pathway_services
from millejours.programme.services import registrations as programme_services
from tests import factories
from tests.programme import builders

pytestmark = pytest.mark.django_db


def invite(family, sagefemme, capture):
    parent = family.parents.get()
    with capture(execute=True):
        pathway_services.parent_invite(
            family=family, parent=parent, email="invitee@exemple.test", invited_by=sagefemme
        )
    return mail.outbox[-1]


def test_the_invitation_is_in_french_by_default(sagefemme, django_capture_on_commit_callbacks):
    family = factories.family(care_team=[sagefemme])
    message = invite(family, sagefemme, django_capture_on_commit_callbacks)
    assert message.subject == "Votre invitation à Mille Jours"
    assert message.body.startswith("Bonjour Camille,")


def test_the_invitation_in_the_family_language(sagefemme, django_capture_on_commit_callbacks):
    family = factories.family(care_team=[sagefemme])
    family.preferred_language = "ar"
    family.save(update_fields=["preferred_language"])
    message = invite(family, sagefemme, django_capture_on_commit_callbacks)
    assert message.subject == "دعوتكم إلى «ألف يوم»"
    assert message.body.startswith("مرحبًا Camille،")
    assert "/familles/invitation/" in message.body


def register(user, capture, email="parent@exemple.test"):
    session = builders.session(builders.event(title="Portage et sommeil"))
    with capture(execute=True):
        programme_services.registration_create(
            session=session, first_name="Camille", last_name="Exemple", email=email, user=user
        )
    return mail.outbox[-1]


def test_a_registered_parent_gets_the_workshop_email_in_english(
    parent, family, django_capture_on_commit_callbacks
):
    family.preferred_language = "en"
    family.save(update_fields=["preferred_language"])
    message = register(parent, django_capture_on_commit_callbacks)
    assert message.subject == "Your registration is confirmed"
    assert 'Your registration for "Portage et sommeil" is confirmed.' in message.body
    assert "Place: Salle des fêtes" in message.body


def test_an_anonymous_registration_email_stays_french(django_capture_on_commit_callbacks):
    message = register(None, django_capture_on_commit_callbacks)
    assert message.subject == "Votre inscription est confirmée"
    assert "Votre inscription à « Portage et sommeil » est confirmée." in message.body
    assert "Lieu : Salle des fêtes" in message.body
