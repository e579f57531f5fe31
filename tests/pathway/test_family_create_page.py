"""Creating a family: one form (parents, commune, DDR or DPA); nothing saved when invalid."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.pathway.models import CareTeamMember, Family, Milestone, Parent, Pregnancy
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("pathway:family_create")


def _today():
    return timezone.localdate()


def _data(**overrides):
    data = {
        "display_name": "",
        "commune": "31113",
        "address": "",
        "parent1-role": "mere",
        "parent1-first_name": "Inès",
        "parent1-last_name": "Durand",
        "parent1-birth_date": "1993-04-02",
        "parent1-nir": "2 95 10 99 126 111 93",
        "parent1-phone": "06 12 34 56 78",
        "parent1-email": "ines.durand@exemple.test",
        "parent2-role": "mere",
        "grossesse-lmp": (_today() - timedelta(days=60)).isoformat(),
        "grossesse-due_date": "",
        "grossesse-fetus_count": "1",
        "grossesse-first_child": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def client_sf(login, sagefemme, commune):
    return login(sagefemme)


def _nothing_saved():
    assert not Family.objects.exists()
    assert not Parent.objects.exists()
    assert not Pregnancy.objects.exists()
    assert not AuditEvent.objects.filter(action="family.created").exists()


def test_the_form_is_shown_to_a_professional(client_sf):
    response = client_sf.get(URL)
    assert response.status_code == 200
    assert "Créer un dossier famille" in response.content.decode()


@pytest.mark.parametrize("persona", ["parent", "coordinator", "partner"])
def test_non_professionals_cannot_create_a_family(login, persona, request):
    response = login(request.getfixturevalue(persona)).get(URL)
    assert response.status_code == 403


def test_a_valid_form_creates_the_family_with_its_calendar(client_sf, sagefemme):
    response = client_sf.post(URL, _data())
    family = Family.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pathway:family_detail", args=[family.pk])
    assert family.display_name == "Foyer Durand"
    parent = family.parents.get()
    assert (parent.nir, parent.phone) == ("295109912611193", "+33612345678")
    assert CareTeamMember.objects.filter(
        family=family, user=sagefemme, removed_at__isnull=True
    ).exists()
    assert Milestone.objects.filter(family=family, code="epp").exists()


def test_a_second_parent_is_recorded_when_given(client_sf):
    client_sf.post(
        URL,
        _data(
            **{"parent2-role": "pere", "parent2-first_name": "Hugo", "parent2-last_name": "Durand"}
        ),
    )
    assert Family.objects.get().parents.count() == 2


def test_a_due_date_gives_the_lmp_minus_287_days(client_sf):
    due = _today() + timedelta(days=200)
    client_sf.post(URL, _data(**{"grossesse-lmp": "", "grossesse-due_date": due.isoformat()}))
    assert Pregnancy.objects.get().lmp == due - timedelta(days=287)


def test_twins_are_recorded_as_a_multiple_pregnancy(client_sf):
    client_sf.post(URL, _data(**{"grossesse-fetus_count": "2"}))
    assert Pregnancy.objects.get().fetus_count == 2


def test_a_commune_can_be_given_by_name(client_sf, commune):
    client_sf.post(URL, _data(commune="castanet-tolosan"))
    assert Family.objects.get().commune == commune


def _assert_refused(client, data, message):
    response = client.post(URL, data)
    assert response.status_code == 422
    assert message in response.content.decode()
    _nothing_saved()


def test_lmp_in_the_future_is_refused(client_sf):
    tomorrow = (_today() + timedelta(days=1)).isoformat()
    _assert_refused(
        client_sf, _data(**{"grossesse-lmp": tomorrow}), "ne peut pas être dans le futur"
    )


def test_lmp_more_than_45_sa_ago_is_refused(client_sf):
    old = (_today() - timedelta(weeks=46)).isoformat()
    _assert_refused(client_sf, _data(**{"grossesse-lmp": old}), "remonte à plus de 45 SA")


def test_a_due_date_too_far_ahead_is_refused_as_a_future_lmp(client_sf):
    due = (_today() + timedelta(days=300)).isoformat()
    _assert_refused(
        client_sf,
        _data(**{"grossesse-lmp": "", "grossesse-due_date": due}),
        "ne peut pas être dans le futur",
    )


def test_neither_lmp_nor_due_date_is_refused(client_sf):
    _assert_refused(
        client_sf,
        _data(**{"grossesse-lmp": ""}),
        "Indiquez la date des dernières règles (DDR) ou la date prévue",
    )


def test_both_lmp_and_due_date_are_refused(client_sf):
    due = (_today() + timedelta(days=200)).isoformat()
    _assert_refused(client_sf, _data(**{"grossesse-due_date": due}), "pas les deux")


def test_a_nir_with_a_wrong_key_is_refused(client_sf):
    _assert_refused(
        client_sf,
        _data(**{"parent1-nir": "295109912611199"}),
        "La clé du numéro de sécurité sociale",
    )


def test_a_landline_is_refused(client_sf):
    _assert_refused(
        client_sf,
        _data(**{"parent1-phone": "05 61 00 00 00"}),
        "n&#x27;est pas un numéro de mobile",
    )


def test_an_overseas_mobile_is_accepted(client_sf):
    client_sf.post(URL, _data(**{"parent1-phone": "0692 12 34 56"}))
    assert Parent.objects.get().phone == "+262692123456"


def test_an_unknown_insee_code_is_refused(client_sf):
    _assert_refused(client_sf, _data(commune="99999"), "Code INSEE inconnu : 99999.")


def test_an_unknown_commune_name_is_refused(client_sf):
    _assert_refused(client_sf, _data(commune="Atlantide"), "Commune inconnue")


def test_an_ambiguous_commune_name_asks_for_the_insee_code(client_sf):
    factories.commune(insee_code="81054", name="Castanet-Tolosan")
    _assert_refused(
        client_sf, _data(commune="Castanet-Tolosan"), "Plusieurs communes portent ce nom"
    )


def test_a_missing_first_name_is_refused(client_sf):
    _assert_refused(client_sf, _data(**{"parent1-first_name": ""}), "Ce champ est obligatoire")


def test_commune_suggestions_list_matching_communes(client_sf, commune):
    response = client_sf.get(reverse("pathway:commune_search"), {"commune": "Cast"})
    assert response.status_code == 200
    assert '<option value="31113 Castanet-Tolosan">' in response.content.decode()


def test_commune_suggestions_match_insee_code_prefixes(client_sf, commune):
    response = client_sf.get(reverse("pathway:commune_search"), {"commune": "3111"})
    assert "Castanet-Tolosan (31113)" in response.content.decode()


def test_a_half_filled_second_parent_is_refused(client_sf):
    _assert_refused(
        client_sf, _data(**{"parent2-first_name": "Hugo"}), "si vous renseignez le second parent"
    )


def test_an_invalid_second_parent_phone_is_refused(client_sf):
    _assert_refused(
        client_sf,
        _data(
            **{
                "parent2-first_name": "Hugo",
                "parent2-last_name": "Durand",
                "parent2-phone": "01 43 12 34 56",
            }
        ),
        "n&#x27;est pas un numéro de mobile",
    )
