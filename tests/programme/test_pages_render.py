import random
from datetime import date

import pytest

from millejours.core.demo import DemoContext
from millejours.programme import demo
from millejours.programme.models import Event, Fiche, Partner, Session
from millejours.territory.models import Territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data(commune, sagefemme, coordinator):
    territory = Territory.objects.create(name="CPTS des Portes du Lauragais", slug="cpts-pdl")
    territory.communes.add(commune)
    demo.load(
        DemoContext(
            today=date.today(),
            rng=random.Random(1),
            territory=territory,
            users={"sagefemme": sagefemme, "coordination": coordinator},
        )
    )


def test_every_coordination_page_renders_with_the_demo_data(demo_data, login, coordinator):
    client = login(coordinator)
    fiche = Fiche.objects.get(title="Petit pas grand pas")
    event = Event.objects.filter(sessions__isnull=False).first()
    session = Session.objects.filter(event=event).first()
    partner = Partner.objects.first()
    urls = [
        "/programme/",
        "/programme/?theme=aller_vers&state=terminee&objective=1&public=femmes_enceintes&q=pas",
        "/programme/fiches/nouvelle/",
        "/programme/fiches/importer/",
        f"/programme/fiches/{fiche.pk}/",
        f"/programme/fiches/{fiche.pk}/modifier/",
        f"/programme/fiches/{fiche.pk}/indicateurs/",
        "/programme/partenaires/",
        "/programme/partenaires/nouveau/",
        f"/programme/partenaires/{partner.pk}/",
        "/programme/evenements/",
        "/programme/evenements/nouveau/",
        f"/programme/evenements/{event.pk}/",
        f"/programme/evenements/{event.pk}/modifier/",
        f"/programme/evenements/{event.pk}/seances/nouvelle/",
        f"/programme/evenements/{event.pk}/seances/{session.pk}/",
        f"/programme/seances/{session.pk}/presences/",
        "/programme/agenda/",
        "/programme/participations/",
        "/programme/participations/repartition/",
        "/programme/catalogue/",
        "/programme/ateliers/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert html.count("<h1") == 1, url


def test_the_seed_002_fiche_page_shows_its_budget_table(demo_data, login, coordinator):
    fiche = Fiche.objects.get(title="Petit pas grand pas")
    html = login(coordinator).get(f"/programme/fiches/{fiche.pk}/").content.decode()
    budget = (
        html.split('id="budget-title"')[1]
        .split("</section>")[0]
        .replace("\xa0", " ")
        .replace("\u202f", " ")
    )
    assert budget.count('<th scope="col">20') == 3
    assert budget.count("25 000 €") == 6
    assert budget.count("<strong>50 000 €</strong>") == 3


def test_public_and_professional_pages_render(demo_data, client, login, sagefemme):
    session = Session.objects.filter(
        event__is_public=True, starts_at__date__gte=date.today()
    ).first()
    assert client.get("/programme/ateliers/").status_code == 200
    html = client.get(f"/programme/ateliers/{session.pk}/").content.decode()
    assert "liste d&#x27;attente" in html or "liste d'attente" in html
    assert login(sagefemme).get("/programme/formations/").status_code == 200
