"""The data·inclusion feed: the territory's services from the API (a local fake), merged by
(source, id) with what partners edited here; a scheduled job."""

import pytest

from millejours.directory import datainclusion, edits
from millejours.directory.models import Service, Structure
from millejours.ops.jobs import BY_NAME
from millejours.ops.models import RunStatus
from millejours.ops.services import run_now

from .fake_datainclusion import FakeDataInclusion

pytestmark = pytest.mark.django_db


def structure(n, insee="31113"):
    return {
        "source": "dora",
        "id": f"s{n}",
        "nom": f"Association {n}",
        "typologie": "ASSO",
        "siret": "",
        "code_insee": insee,
    }


def service(n, insee="31113", **extra):
    return {
        "source": "dora",
        "id": f"v{n}",
        "structure_id": f"s{n}",
        "nom": f"Accueil parents {n}",
        "thematiques": ["famille--soutien-a-la-parentalite-et-a-leducation"],
        "code_insee": insee,
        "latitude": 43.52,
        "longitude": 1.50,
        "telephone": "0561000000",
        "horaires_accueil": "Mo 09:00-12:00",
        "date_maj": "2026-01-15",
        **extra,
    }


@pytest.fixture
def api(settings, commune):
    with FakeDataInclusion(
        [structure(n) for n in range(1, 6)] + [structure(9, "75056")],
        [service(n) for n in range(1, 6)] + [service(9, "75056")],
    ) as fake:
        settings.MILLEJOURS_DATAINCLUSION_URL = fake.url
        settings.MILLEJOURS_DATAINCLUSION_TOKEN = FakeDataInclusion.TOKEN
        settings.MILLEJOURS_DATAINCLUSION_DEPARTEMENTS = "31"
        yield fake


def test_the_territory_s_services_are_imported_over_every_page(api, monkeypatch):
    monkeypatch.setattr(datainclusion, "fetch_all", _small_pages(datainclusion.fetch_all))
    summary = datainclusion.import_feed()
    assert summary == {"services": 5, "created": 5, "updated": 0, "rejected": 0, "warnings": 0}
    assert {s.source for s in Service.objects.all()} == {"dora"}
    assert Structure.objects.get(source_id="s1").name == "Association 1"
    assert sum("/services?" in path for path in api.requests) == 3  # 5 items, pages of 2
    assert all("code_departement=31" in path for path in api.requests)


def _small_pages(fetch):
    def fetch_in_pages_of_two(*args, **kwargs):
        return fetch(*args, **{**kwargs, "size": 2})

    return fetch_in_pages_of_two


def test_a_second_run_updates_and_keeps_what_the_partner_edited(api, partner):
    datainclusion.import_feed()
    local = Service.objects.get(source_id="v1")
    # the coordination has linked the imported structure to the partner's organisation
    local.structure.organisation = partner.memberships.get().organisation
    local.structure.save(update_fields=["organisation"])
    data = {name: getattr(local, name) for name in edits.EDITABLE}
    edits.service_edit(
        service=local,
        by=partner,
        data={**data, "phone": "0699999999", "opening_hours": "Tu 14:00-17:00"},
    )
    api.data["services"][0].update(
        nom="Accueil parents renommé", telephone="0500000000", horaires_accueil="We 09:00-12:00"
    )
    summary = datainclusion.import_feed()
    assert (summary["created"], summary["updated"]) == (0, 5)
    local.refresh_from_db()
    assert local.name == "Accueil parents renommé"  # not edited here: the feed wins
    assert (local.phone, local.opening_hours) == (
        "0699999999",
        "Tu 14:00-17:00",
    )  # edited here: kept
    assert Service.objects.count() == 5


def test_an_unknown_theme_from_the_feed_is_a_warning(api):
    api.data["services"][1]["thematiques"] = ["theme--inconnu-du-vocabulaire"]
    summary = datainclusion.import_feed()
    assert (summary["created"], summary["rejected"], summary["warnings"]) == (5, 0, 1)


def test_an_api_error_fails_the_run_and_writes_nothing(api):
    api.fail_with = 503
    with pytest.raises(datainclusion.FeedError, match="HTTP 503"):
        datainclusion.import_feed()
    assert not Service.objects.exists()


def test_a_wrong_token_is_refused(api, settings):
    settings.MILLEJOURS_DATAINCLUSION_TOKEN = "faux"
    with pytest.raises(datainclusion.FeedError, match="HTTP 401"):
        datainclusion.import_feed()


def test_the_feed_is_a_scheduled_job(api):
    job = BY_NAME["datainclusion_import"]
    run = run_now(job)
    assert run.status == RunStatus.SUCCESS and run.result["created"] == 5


def test_without_configuration_the_job_does_nothing(settings, db):
    settings.MILLEJOURS_DATAINCLUSION_URL = ""
    assert "skipped" in datainclusion.import_feed()
