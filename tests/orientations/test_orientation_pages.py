"""Professionals orient families (consent first, care team only); partners answer from their inbox."""

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from millejours.audit.models import AccessLog
from millejours.orientations.models import Orientation, State
from tests import factories

from .helpers import orientation, partner_service


def test_a_sagefemme_orients_a_family_after_recording_consent(login, sagefemme, family, partner):
    service = partner_service(partner)
    client = login(sagefemme)
    url = reverse("orientations:create", args=[family.pk])
    assert client.get(url).status_code == 200
    data = {
        "service": service.pk,
        "origin": "libre",
        "reason": "Isolement",
        "shared_contact": "telephone",
        "envoyer": "1",
    }
    response = client.post(url, data)
    assert (
        "Le consentement de la famille est obligatoire pour orienter." in response.content.decode()
    )
    assert Orientation.objects.count() == 0
    response = client.post(url, {**data, "consent": "on"})
    item = Orientation.objects.get()
    assert response.url == reverse("orientations:detail", args=[item.pk])
    assert item.state == State.SENT
    assert item.consent_recorded_by == sagefemme
    assert AccessLog.objects.filter(
        user=sagefemme, family_id_ref=family.pk, page="orientations:create"
    ).exists()
    # The partner is told by e-mail with a signed link and no personal data.
    assert mail.outbox and "/orientations/lien/" in mail.outbox[0].body
    assert "Camille" not in mail.outbox[0].body
    assert set(mail.outbox[0].to) >= {partner.email}


def test_a_draft_is_sent_later(login, sagefemme, family):
    item = orientation(family, sagefemme, partner_service(), send=False)
    client = login(sagefemme)
    client.post(reverse("orientations:action", args=[item.pk]), {"action": "envoyer"})
    item.refresh_from_db()
    assert item.state == State.SENT


def test_a_professional_outside_the_care_team_cannot_orient_or_see(
    login, outsider, sagefemme, family
):
    item = orientation(family, sagefemme, partner_service())
    client = login(outsider)
    assert client.get(reverse("orientations:create", args=[family.pk])).status_code == 404
    assert client.get(reverse("orientations:detail", args=[item.pk])).status_code == 404
    assert (
        client.post(
            reverse("orientations:action", args=[item.pk]), {"action": "sans_suite"}
        ).status_code
        == 404
    )
    assert item not in client.get(reverse("orientations:list")).context["orientations"]


def test_parents_and_partners_do_not_reach_the_professional_pages(login, parent, partner, family):
    assert login(parent).get(reverse("orientations:list")).status_code == 403
    assert login(partner).get(reverse("orientations:create", args=[family.pk])).status_code == 403


def test_the_partner_answers_from_its_inbox(login, partner, sagefemme, family):
    item = orientation(family, sagefemme, partner_service(partner))
    client = login(partner)
    inbox = client.get(reverse("orientations:inbox"))
    assert item in inbox.context["orientations"]
    detail = client.get(reverse("orientations:inbox_detail", args=[item.pk]))
    assert "Camille" in detail.content.decode()
    item.refresh_from_db()
    assert item.state == State.RECEIVED
    client.post(reverse("orientations:inbox_detail", args=[item.pk]), {"action": "accepter"})
    item.refresh_from_db()
    assert item.state == State.ACCEPTED
    assert item.events.last().by == partner


def test_another_partner_does_not_see_the_orientation(login, partner, sagefemme, family):
    from millejours.accounts.models import OrganisationKind, Role

    other = factories.user(
        Role.PARTNER,
        organisation_obj=factories.organisation("Autre association", OrganisationKind.ASSOCIATION),
    )
    item = orientation(family, sagefemme, partner_service(partner))
    client = login(other)
    assert item not in client.get(reverse("orientations:inbox")).context["orientations"]
    assert client.get(reverse("orientations:inbox_detail", args=[item.pk])).status_code == 404


def test_drafts_are_not_in_the_partner_inbox(login, partner, sagefemme, family):
    item = orientation(family, sagefemme, partner_service(partner), send=False)
    assert item not in login(partner).get(reverse("orientations:inbox")).context["orientations"]


def test_renewing_the_link_from_the_detail_page_shows_the_new_link(login, sagefemme, family):
    item = orientation(family, sagefemme, partner_service())
    client = login(sagefemme)
    client.post(reverse("orientations:action", args=[item.pk]), {"action": "lien"})
    content = client.get(reverse("orientations:detail", args=[item.pk])).content.decode()
    assert "/orientations/lien/" in content


def _render(template, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load orientations_panels %}" + template).render(
        Context({"request": request, **context})
    )


def test_the_family_panel_lists_the_orientations_and_their_states(sagefemme, family, partner):
    orientation(family, sagefemme, partner_service(partner))
    html = _render("{% orientations_family_panel family %}", sagefemme, family=family)
    assert "Groupe de parole jeunes parents" in html
    assert "Envoyée" in html
    assert "Orienter la famille" in html


def test_the_worklist_panel_shows_unanswered_orientations_as_overdue(sagefemme, family, settings):
    from datetime import timedelta

    from django.utils import timezone

    item = orientation(family, sagefemme, partner_service())
    Orientation.objects.filter(pk=item.pk).update(
        sent_at=timezone.now() - timedelta(days=settings.MILLEJOURS_ORIENTATION_REMINDER_DAYS + 1)
    )
    html = _render("{% orientations_worklist_panel %}", sagefemme)
    assert "sans réponse depuis le" in html


@pytest.mark.parametrize("persona", ["parent", "partner"])
def test_panels_are_empty_for_other_roles(request, persona, family, sagefemme):
    user = request.getfixturevalue(persona)
    assert (
        _render(
            "{% orientations_family_panel family %}{% orientations_worklist_panel %}",
            user,
            family=family,
        )
        == ""
    )


def test_the_family_record_shows_the_orientations_panel(login, sagefemme, family, partner):
    orientation(family, sagefemme, partner_service(partner))
    response = login(sagefemme).get(reverse("pathway:family_detail", args=[family.pk]))
    assert response.status_code == 200
    assert "Groupe de parole jeunes parents" in response.content.decode()


def test_the_worklist_shows_the_orientations_in_progress(login, sagefemme, family, partner):
    orientation(family, sagefemme, partner_service(partner))
    response = login(sagefemme).get(reverse("pathway:worklist"))
    assert response.status_code == 200
    assert "Orientations en cours" in response.content.decode()
