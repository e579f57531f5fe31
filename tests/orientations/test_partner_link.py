"""The signed link for partners without an account: minimum shown, expiry, tampering, renewal."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from millejours.orientations import links
from millejours.orientations.models import State
from millejours.orientations.services import orientation_renew_link

from .helpers import orientation, partner_service


def link_url(item):
    return reverse("orientations:partner_link", args=[links.make_token(item)])


def test_the_link_shows_only_the_minimum_and_marks_the_orientation_received(
    client, family, sagefemme
):
    item = orientation(family, sagefemme, partner_service())
    response = client.get(link_url(item))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Camille" in content  # first name
    assert "Castanet-Tolosan" in content  # commune
    assert "0612345678" in content  # the consented contact (phone)
    assert "Exemple" not in content  # no last name
    assert "1994" not in content and "17/05" not in content  # no birth date
    assert family.reference not in content
    item.refresh_from_db()
    assert item.state == State.RECEIVED
    assert response["Cache-Control"] == "no-store"


def test_the_partner_accepts_through_the_link(client, family, sagefemme):
    item = orientation(family, sagefemme, partner_service())
    url = link_url(item)
    client.get(url)
    response = client.post(url, {"action": "accepter"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.ACCEPTED
    assert item.events.last().by_label == "Association Les Premiers Pas (lien sécurisé)"


def test_a_refusal_through_the_link_needs_a_reason(client, family, sagefemme):
    item = orientation(family, sagefemme, partner_service())
    url = link_url(item)
    response = client.post(url, {"action": "refuser", "reason": ""})
    assert "Le motif du refus est obligatoire." in response.content.decode()
    item.refresh_from_db()
    assert item.state in {State.SENT, State.RECEIVED}
    client.post(url, {"action": "refuser", "reason": "Hors de notre secteur"})
    item.refresh_from_db()
    assert (item.state, item.refusal_reason) == (State.REFUSED, "Hors de notre secteur")


def test_the_link_expires_after_eight_days(client, family, sagefemme):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        item = orientation(family, sagefemme, partner_service())
        url = link_url(item)
        traveller.shift(timedelta(days=7, hours=23))
        assert client.get(url).status_code == 200
        traveller.shift(timedelta(hours=2))
        response = client.get(url)
        assert response.status_code == 403
        assert "expiré" in response.content.decode()


def test_a_tampered_link_is_refused(client, family, sagefemme):
    item = orientation(family, sagefemme, partner_service())
    other = orientation(family, sagefemme, partner_service())
    token = links.make_token(item)
    forged = token.replace(f"{item.pk}:", f"{other.pk}:", 1)
    for bad in (
        forged,
        token[:-2] + ("aa" if not token.endswith("aa") else "bb"),
        "n-importe-quoi",
    ):
        response = client.get(reverse("orientations:partner_link", args=[bad]))
        assert response.status_code == 403
        assert "pas valide" in response.content.decode()
    assert (
        client.post(
            reverse("orientations:partner_link", args=[forged]), {"action": "accepter"}
        ).status_code
        == 403
    )
    other.refresh_from_db()
    assert other.state == State.SENT


def test_renewing_the_link_revokes_the_previous_one(client, family, sagefemme):
    item = orientation(family, sagefemme, partner_service())
    old_url = link_url(item)
    token = orientation_renew_link(orientation=item, by=sagefemme)
    assert client.get(old_url).status_code == 403
    assert client.get(reverse("orientations:partner_link", args=[token])).status_code == 200


def test_a_renewed_link_lives_eight_more_days(client, family, sagefemme):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        item = orientation(family, sagefemme, partner_service())
        traveller.shift(timedelta(days=7))
        token = orientation_renew_link(orientation=item, by=sagefemme)
        traveller.shift(timedelta(days=7))
        assert client.get(reverse("orientations:partner_link", args=[token])).status_code == 200
