import pytest

from millejours.programme.models import Partner

pytestmark = pytest.mark.django_db


def test_the_coordinator_records_a_partner_with_a_signed_convention(login, coordinator):
    client = login(coordinator)
    response = client.post(
        "/programme/partenaires/nouveau/",
        {
            "name": "Association Parents Lauragais",
            "kind": "association",
            "convention_signed_on": "2025-02-03",
            "contact_name": "Jeanne Martin",
            "contact_email": "contact@asso.exemple",
        },
    )
    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.has_convention
    html = client.get("/programme/partenaires/").content.decode()
    assert "signée le 03/02/2025" in html


def test_a_partner_can_come_from_the_directory(login, coordinator):
    from millejours.directory.models import Structure

    structure = Structure.objects.create(source_id="s1", name="Centre social Les Tilleuls")
    client = login(coordinator)
    assert (
        client.post(
            "/programme/partenaires/nouveau/", {"structure": structure.pk, "kind": "association"}
        ).status_code
        == 302
    )
    assert Partner.objects.get().name == "Centre social Les Tilleuls"


def test_a_partner_needs_a_name(login, coordinator):
    html = (
        login(coordinator)
        .post("/programme/partenaires/nouveau/", {"kind": "association"})
        .content.decode()
    )
    assert "Indiquez le nom du partenaire" in html
    assert not Partner.objects.exists()
