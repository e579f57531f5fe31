"""The EPP grid: signing, flags with consent, milestone, orientations, liaison sheet."""

import pytest

from millejours.audit.models import AuditEvent
from millejours.pathway.models import MilestoneState
from millejours.screening import services
from millejours.screening.models import FlagStatus, VulnerabilityFlag

from .helpers import epp_answers

pytestmark = pytest.mark.django_db


def test_each_positive_domain_becomes_a_flag_to_confirm(family, sagefemme):
    response = services.epp_sign(
        family=family, user=sagefemme, answers=epp_answers(violences="oui", addictions="oui")
    )
    flags = {f.domain: f for f in response.flags.all()}
    assert set(flags) == {"violences", "addictions"}
    assert all(f.status == FlagStatus.PROPOSED and not f.consent_share for f in flags.values())
    assert str(flags["violences"]) == "Violences"  # the label of the EPP version answered
    flags["violences"].domain = "retire"
    assert flags["violences"].domain_label == "retire"  # a domain the version does not know


def test_signing_marks_the_epp_milestone_done(family, sagefemme, epp_milestone):
    services.epp_sign(family=family, user=sagefemme, answers=epp_answers())
    epp_milestone.refresh_from_db()
    assert (epp_milestone.state, epp_milestone.done_by) == (MilestoneState.DONE, sagefemme)


def test_a_psychic_health_flag_makes_epnp_2_apply(family, sagefemme):
    services.epp_sign(family=family, user=sagefemme, answers=epp_answers(sante_psychique="oui"))
    assert family.pregnancies.get().epnp_2_risk is True


def test_other_flags_do_not_make_epnp_2_apply(family, sagefemme):
    services.epp_sign(family=family, user=sagefemme, answers=epp_answers(precarite="oui"))
    assert family.pregnancies.get().epnp_2_risk is False


def test_confirming_records_consent_and_audit(family, sagefemme):
    response = services.epp_sign(
        family=family, user=sagefemme, answers=epp_answers(isolement="oui")
    )
    flag = response.flags.get()
    services.flag_confirm(flag=flag, user=sagefemme, consent_share=True)
    flag.refresh_from_db()
    assert (flag.status, flag.consent_share, flag.confirmed_by) == (
        FlagStatus.CONFIRMED,
        True,
        sagefemme,
    )
    assert AuditEvent.objects.filter(
        action="screening.flag.confirme", family_id_ref=family.pk
    ).exists()


def test_a_flag_without_consent_is_hidden_from_the_rest_of_the_team(family, sagefemme):
    from millejours.pathway.models import CareTeamMember
    from millejours.screening.selectors import visible_flags
    from tests import factories

    colleague = factories.user(email="collegue@test.millejours.fr")
    CareTeamMember.objects.create(family=family, user=colleague)
    response = services.epp_sign(
        family=family, user=sagefemme, answers=epp_answers(violences="oui", isolement="oui")
    )
    flags = {f.domain: f for f in response.flags.all()}
    services.flag_confirm(flag=flags["violences"], user=sagefemme, consent_share=False)
    services.flag_confirm(flag=flags["isolement"], user=sagefemme, consent_share=True)
    assert [f.domain for f in visible_flags(family, colleague)] == ["isolement"]
    assert {f.domain for f in visible_flags(family, sagefemme)} == {"violences", "isolement"}


def test_the_epp_page_signs_and_shows_orientations(family, sagefemme, login, epp_milestone):
    client = login(sagefemme)
    assert client.get(f"/reperage/familles/{family.pk}/epp/").status_code == 200
    page = client.post(
        f"/reperage/familles/{family.pk}/epp/", epp_answers(violences="oui"), follow=True
    )
    html = page.content.decode()
    assert "Violences" in html
    for href in ("tel:3919", "tel:17", "sms:114", "tel:112", "tel:119"):
        assert f'href="{href}"' in html
    assert VulnerabilityFlag.objects.filter(family=family, domain="violences").exists()


def test_the_grid_offers_the_new_areas(family, sagefemme, login):
    html = login(sagefemme).get(f"/reperage/familles/{family.pk}/epp/").content.decode()
    for label in ("Conditions de travail", "co-parent", "prévention", "Suivi de la grossesse"):
        assert label in html


def test_an_incomplete_grid_saves_nothing(family, sagefemme, login):
    answers = epp_answers()
    del answers["addictions"]
    page = login(sagefemme).post(f"/reperage/familles/{family.pk}/epp/", answers)
    assert page.status_code == 200
    assert "Répondez à la question" in page.content.decode()
    assert not family.screening_responses.exists()


def test_outsiders_and_parents_cannot_open_the_epp(family, outsider, parent, login, client):
    assert login(outsider).get(f"/reperage/familles/{family.pk}/epp/").status_code == 404
    client.logout()
    assert login(parent).get(f"/reperage/familles/{family.pk}/epp/").status_code == 403


def test_the_liaison_sheet_is_a_pdf(family, sagefemme, login):
    response = services.epp_sign(
        family=family, user=sagefemme, answers=epp_answers(isolement="oui")
    )
    page = login(sagefemme).get(
        f"/reperage/familles/{family.pk}/epp/{response.pk}/fiche-liaison.pdf"
    )
    assert page.status_code == 200
    assert page["Content-Type"] == "application/pdf"
    assert page.content.startswith(b"%PDF")


def test_the_correction_page_creates_a_new_version(family, sagefemme, login):
    first = services.epp_sign(family=family, user=sagefemme, answers=epp_answers(violences="oui"))
    login(sagefemme).post(f"/reperage/familles/{family.pk}/epp/{first.pk}/corriger/", epp_answers())
    first.refresh_from_db()
    assert first.superseded_by.answers["violences"] == "non"


def test_colleagues_see_only_the_shared_domains_of_the_grid(family, sagefemme, login):
    from millejours.pathway.models import CareTeamMember
    from tests import factories

    colleague = factories.user(email="collegue2@test.millejours.fr")
    CareTeamMember.objects.create(family=family, user=colleague)
    response = services.epp_sign(
        family=family, user=sagefemme, answers=epp_answers(violences="oui", isolement="oui")
    )
    flags = {f.domain: f for f in response.flags.all()}
    services.flag_confirm(flag=flags["violences"], user=sagefemme, consent_share=False)
    services.flag_confirm(flag=flags["isolement"], user=sagefemme, consent_share=True)
    html = (
        login(colleague).get(f"/reperage/familles/{family.pk}/epp/{response.pk}/").content.decode()
    )
    assert "Isolement, manque de soutien" in html
    assert "Violences conjugales" not in html
    assert (
        login(colleague)
        .get(f"/reperage/familles/{family.pk}/epp/{response.pk}/corriger/")
        .status_code
        == 403
    )
    assert (
        login(colleague)
        .post(
            f"/reperage/reperages/{flags['violences'].pk}/confirmer/",
            {f"flag{flags['violences'].pk}-decision": "ecarte"},
        )
        .status_code
        == 404
    )


def test_orientations_list_matching_directory_services_near_the_family(family, sagefemme, login):
    from millejours.directory.models import Service, Structure

    structure = Structure.objects.create(source="test", source_id="s1", name="Maison des familles")
    Service.objects.create(
        structure=structure,
        source="test",
        source_id="sv1",
        name="Café des parents",
        thematiques=["famille--soutien-a-la-parentalite-et-a-leducation"],
        latitude=family.commune.latitude + 0.01,
        longitude=family.commune.longitude,
    )
    response = services.epp_sign(
        family=family, user=sagefemme, answers=epp_answers(isolement="oui")
    )
    html = (
        login(sagefemme).get(f"/reperage/familles/{family.pk}/epp/{response.pk}/").content.decode()
    )
    assert "Café des parents (Maison des familles" in html
    assert "theme=famille--soutien-a-la-parentalite-et-a-leducation" in html
