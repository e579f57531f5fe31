"""The administrator manages API tokens in the Django admin (secret shown once, revoke)."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from millejours.interop import tokens
from millejours.interop.models import ApiToken

pytestmark = pytest.mark.django_db


def test_the_admin_creates_a_token_shown_once_and_revokes_it(login, admin_user, coordinator):
    client = login(admin_user)
    expires = timezone.localtime() + timedelta(days=30)
    response = client.post(
        "/django-admin/interop/apitoken/add/",
        {
            "name": "ARS Occitanie",
            "user": coordinator.pk,
            "scopes": '["indicateurs"]',
            "expires_at_0": expires.strftime("%d/%m/%Y"),
            "expires_at_1": "12:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    token = ApiToken.objects.get()
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    raw = next(word for m in shown for word in m.split() if word.startswith("mj_"))
    assert tokens.authenticate(raw).pk == token.pk
    assert token.scopes == ["indicateurs"] and 28 <= (token.expires_at - timezone.now()).days <= 30
    change_url = f"/django-admin/interop/apitoken/{token.pk}/change/"
    assert raw in client.get(change_url).content.decode()  # the message, once
    page = client.get(change_url).content.decode()
    assert raw not in page and token.key_hash not in page and token.prefix in page
    client.post(
        "/django-admin/interop/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}
    )
    token.refresh_from_db()
    assert token.revoked_at is not None and tokens.authenticate(raw) is None
