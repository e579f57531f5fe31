"""EPDS pages: the anonymous self-test, the parent's space, the professional's."""

import pytest

from millejours.screening.models import AlertTask, ContactRequest, Response

from .helpers import epds_for_points

pytestmark = pytest.mark.django_db


def test_the_anonymous_test_stores_nothing_identifying(client):
    page = client.post("/reperage/epds/test/", epds_for_points([2] + [1] * 8 + [0]), follow=True)
    response = Response.objects.get()
    assert (response.family, response.filled_by, response.respondent) == (None, None, "anonyme")
    assert "10 sur 30" in page.content.decode()
    assert "h-urgence" not in page.content.decode()


def test_item_10_shows_the_emergency_numbers(client):
    html = client.post(
        "/reperage/epds/test/", epds_for_points([0] * 9 + [1]), follow=True
    ).content.decode()
    main = html.split("<footer")[0]
    assert (
        "h-urgence" in main
        and "<strong>3114</strong>" in main
        and "<strong>15</strong>" in main
        and "<strong>112</strong>" in main
    )
    assert "pas un diagnostic" in main


def test_a_missing_answer_gives_a_french_message_and_saves_nothing(client):
    answers = epds_for_points([0] * 10)
    del answers["q7"]
    page = client.post("/reperage/epds/test/", answers)
    assert "Répondez à la question" in page.content.decode()
    assert not Response.objects.exists()


def test_someone_else_cannot_read_an_anonymous_result(client):
    client.post("/reperage/epds/test/", epds_for_points([1] * 10))
    token = Response.objects.get().public_token
    client.cookies.clear()
    assert client.get(f"/reperage/epds/resultat/{token}/").status_code == 404


def test_asking_to_be_contacted_requires_consent(client):
    client.post("/reperage/epds/test/", epds_for_points([2] * 10))
    token = Response.objects.get().public_token
    page = client.post(f"/reperage/epds/resultat/{token}/", {"name": "Léa", "phone": "0600000000"})
    assert "Votre accord est nécessaire" in page.content.decode()
    assert not ContactRequest.objects.exists()
    client.post(
        f"/reperage/epds/resultat/{token}/", {"name": "Léa", "phone": "0600000000", "consent": "on"}
    )
    assert ContactRequest.objects.get().phone == "0600000000"


def test_no_contact_form_below_the_offer_threshold(client):
    client.post("/reperage/epds/test/", epds_for_points([1] * 9 + [0]))
    token = Response.objects.get().public_token
    assert (
        "Voulez-vous être recontactée"
        not in client.get(f"/reperage/epds/resultat/{token}/").content.decode()
    )


def test_a_parent_takes_the_test_from_their_space_and_sees_the_history(family, parent, login):
    client = login(parent)
    client.post("/reperage/epds/", epds_for_points([1] * 10))
    client.post("/reperage/epds/", epds_for_points([0] * 10))
    assert Response.objects.filter(family=family, respondent="parent").count() == 2
    html = client.get("/reperage/epds/").content.decode()
    assert "<svg" in html and "Évolution du score EPDS" in html
    assert "<caption>Scores EPDS successifs</caption>" in html
    assert "refaire le test à partir du" in html


def test_a_parents_item_10_reaches_the_sage_femme_worklist_panel(
    family, parent, sagefemme, login, client
):
    login(parent).post("/reperage/epds/", epds_for_points([0] * 9 + [3]))
    assert AlertTask.objects.filter(family=family, assignees=sagefemme).exists()
    client.logout()
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = sagefemme
    html = Template("{% load screening_panels %}{% screening_worklist_panel %}").render(
        Context({"request": request})
    )
    assert "Alertes urgentes" in html and family.display_name in html


def test_a_professional_takes_the_test_with_a_family(family, sagefemme, login):
    page = login(sagefemme).post(
        f"/reperage/familles/{family.pk}/epds/", epds_for_points([2] * 10), follow=True
    )
    assert page.status_code == 200
    response = Response.objects.get()
    assert (response.family, response.respondent, response.filled_by) == (
        family,
        "professionnel",
        sagefemme,
    )


def test_the_family_panel_shows_the_history_to_the_care_team(family, parent, sagefemme, login):
    login(parent).post("/reperage/epds/", epds_for_points([1] * 10))
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = sagefemme
    html = Template("{% load screening_panels %}{% screening_family_panel family %}").render(
        Context({"request": request, "family": family})
    )
    assert "Dernier EPDS" in html and "10/30" in html


def test_the_coordination_sees_and_handles_contact_requests(client, coordinator, parent, login):
    client.post("/reperage/epds/test/", epds_for_points([2] * 10))
    token = Response.objects.get().public_token
    client.post(
        f"/reperage/epds/resultat/{token}/",
        {"name": "Léa", "email": "lea@exemple.test", "consent": "on"},
    )
    client.logout()
    assert login(parent).get("/reperage/demandes-de-contact/").status_code == 403
    client.logout()
    staff = login(coordinator)
    assert "lea@exemple.test" in staff.get("/reperage/demandes-de-contact/").content.decode()
    staff.post("/reperage/demandes-de-contact/", {"pk": ContactRequest.objects.get().pk})
    assert ContactRequest.objects.get().handled_by == coordinator


def test_outsiders_cannot_take_the_test_for_a_family_they_do_not_follow(family, outsider, login):
    assert login(outsider).get(f"/reperage/familles/{family.pk}/epds/").status_code == 404
    assert login(outsider).get(f"/reperage/familles/{family.pk}/").status_code == 404


def test_the_family_screening_page_suggests_the_next_test(family, parent, sagefemme, login, client):
    login(parent).post("/reperage/epds/", epds_for_points([1] * 9 + [0]))
    client.logout()
    html = login(sagefemme).get(f"/reperage/familles/{family.pk}/").content.decode()
    assert "Nouveau test conseillé à partir du" in html
    assert "Évolution du score EPDS" in html
