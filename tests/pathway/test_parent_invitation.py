"""A professional invites a parent: one-time link by e-mail, token stored hashed, 7 days."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from millejours.accounts.models import Role, User
from millejours.audit.models import AuditEvent
from millejours.pathway import services
from millejours.pathway.models import Parent, ParentInvitation
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "un-mot-de-passe-solide-42"


@pytest.fixture
def unlinked_family(sagefemme):
    return factories.family(care_team=[sagefemme])


def _invite(family, sagefemme, django_capture_on_commit_callbacks):
    parent = family.parents.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.parent_invite(
            family=family, parent=parent, email="Camille@Exemple.test", invited_by=sagefemme
        )
    return re.search(r"/familles/invitation/([^/]+)/", mail.outbox[-1].body).group(1)


def test_the_invitation_is_emailed_and_only_its_hash_is_stored(
    unlinked_family, sagefemme, django_capture_on_commit_callbacks
):
    token = _invite(unlinked_family, sagefemme, django_capture_on_commit_callbacks)
    invitation = ParentInvitation.objects.get()
    assert mail.outbox[-1].to == ["camille@exemple.test"]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    assert AuditEvent.objects.filter(
        action="parent.invited", family_id_ref=unlinked_family.pk
    ).exists()


def test_accepting_creates_a_parent_account_linked_to_the_parent(
    client, unlinked_family, sagefemme, django_capture_on_commit_callbacks
):
    token = _invite(unlinked_family, sagefemme, django_capture_on_commit_callbacks)
    url = reverse("pathway:invitation_accept", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(url, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="camille@exemple.test")
    assert user.role == Role.PARENT and user.check_password(PASSWORD)
    assert Parent.objects.get(family=unlinked_family).user == user
    assert AuditEvent.objects.filter(action="parent.invitation_accepted").exists()


def test_the_link_works_only_once(
    client, unlinked_family, sagefemme, django_capture_on_commit_callbacks
):
    token = _invite(unlinked_family, sagefemme, django_capture_on_commit_callbacks)
    url = reverse("pathway:invitation_accept", args=[token])
    client.post(url, {"password1": PASSWORD, "password2": PASSWORD})
    assert client.get(url).status_code == 404


def test_an_expired_link_is_refused(
    client, unlinked_family, sagefemme, django_capture_on_commit_callbacks
):
    token = _invite(unlinked_family, sagefemme, django_capture_on_commit_callbacks)
    ParentInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(
        reverse("pathway:invitation_accept", args=[token]),
        {"password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 404
    assert not User.objects.filter(email="camille@exemple.test").exists()


def test_a_weak_or_mismatched_password_creates_nothing(
    client, unlinked_family, sagefemme, django_capture_on_commit_callbacks
):
    token = _invite(unlinked_family, sagefemme, django_capture_on_commit_callbacks)
    url = reverse("pathway:invitation_accept", args=[token])
    short = client.post(url, {"password1": "court", "password2": "court"})
    mismatch = client.post(url, {"password1": PASSWORD, "password2": PASSWORD + "x"})
    assert short.status_code == mismatch.status_code == 422
    assert "Les deux mots de passe ne sont pas identiques." in mismatch.content.decode()
    assert not User.objects.filter(email="camille@exemple.test").exists()
    assert ParentInvitation.objects.get().accepted_at is None


def test_the_invite_page_sends_the_invitation(
    login, sagefemme, unlinked_family, django_capture_on_commit_callbacks
):
    parent = unlinked_family.parents.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(sagefemme).post(
            reverse("pathway:parent_invite", args=[unlinked_family.pk]),
            {"parent": parent.pk, "email": "camille@exemple.test"},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_a_parent_with_an_account_cannot_be_invited_again(family, sagefemme):
    with pytest.raises(Exception, match="déjà un compte"):
        services.parent_invite(
            family=family, parent=family.parents.get(), email="x@exemple.test", invited_by=sagefemme
        )
