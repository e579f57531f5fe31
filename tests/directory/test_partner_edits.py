"""Partners keep their own listings: they edit their services, each change is traced, the
coordination sees before/after; « dernière vérification » is reset by the edit."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from millejours.audit.models import AuditEvent
from millejours.directory import edits
from millejours.directory.models import ServiceChange, Status
from millejours.directory.services import service_mark_checked

from . import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_service(partner):
    organisation = partner.memberships.get().organisation
    structure = helpers.structure(
        "Les Premiers Pas", typologie="association", organisation=organisation
    )
    return helpers.service(
        "Café des parents",
        structure_obj=structure,
        opening_hours="Mo 09:00-12:00",
        phone="0561000000",
        last_checked_on=date(2024, 1, 10),
    )


def form_data(service, **changes):
    data = {
        "opening_hours": service.opening_hours,
        "phone": service.phone,
        "email": service.email,
        "website": service.website,
        "private_contact_name": "",
        "private_phone": "",
        "private_email": "",
        "thematiques": list(service.thematiques),
        "publics": list(service.publics),
        "status": service.status,
    }
    data.update(changes)
    return data


def test_a_partner_lists_and_edits_its_own_services(client, login, partner, own_service):
    other = helpers.service("Service d'ailleurs")
    login(partner)
    page = client.get(reverse("directory:my_services")).content.decode()
    assert "Café des parents" in page and "Service d'ailleurs" not in page
    form_page = client.get(
        reverse("directory:service_edit", args=[own_service.pk])
    ).content.decode()
    assert 'value="Mo 09:00-12:00"' in form_page and "Enregistrer" in form_page
    response = client.post(
        reverse("directory:service_edit", args=[own_service.pk]),
        form_data(
            own_service,
            opening_hours="Mo-Fr 09:00-12:00",
            phone="0561999999",
            thematiques=[
                "perinatalite--allaitement",
                "famille--soutien-a-la-parentalite-et-a-leducation",
            ],
        ),
    )
    assert response.status_code == 302
    own_service.refresh_from_db()
    assert own_service.opening_hours == "Mo-Fr 09:00-12:00" and own_service.phone == "0561999999"
    assert own_service.last_checked_on == timezone.localdate()
    assert own_service.local_fields == ["opening_hours", "phone", "thematiques"]
    change = ServiceChange.objects.get()
    assert (change.author, change.by_partner) == (partner, True)
    assert change.before == {
        "opening_hours": "Mo 09:00-12:00",
        "phone": "0561000000",
        "thematiques": ["perinatalite--allaitement"],
    }
    assert change.after["phone"] == "0561999999"
    assert AuditEvent.objects.filter(action="directory.service_edited").exists()
    assert client.get(reverse("directory:service_edit", args=[other.pk])).status_code == 403


def test_a_partner_cannot_edit_another_structure_s_service(client, login, partner):
    other = helpers.service("Service d'ailleurs")
    login(partner)
    response = client.post(
        reverse("directory:service_edit", args=[other.pk]), form_data(other, phone="0600000000")
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.phone == "" and not ServiceChange.objects.exists()


def test_the_edit_rule_holds_in_the_service_not_only_in_the_page(partner, sagefemme):
    """A caller that skips the page (another view, a command) meets the same rule."""
    other = helpers.service("Service d'ailleurs", last_checked_on=date(2024, 1, 10))
    for outsider in (partner, sagefemme):
        with pytest.raises(PermissionDenied):
            edits.service_edit(service=other, by=outsider, data=form_data(other, phone="0600"))
        with pytest.raises(PermissionDenied):
            service_mark_checked(service=other, by=outsider)
    other.refresh_from_db()
    assert other.phone == "" and other.last_checked_on == date(2024, 1, 10)
    assert not ServiceChange.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="directory.service_").exists()


def test_a_partner_marks_its_own_service_checked_and_the_coordination_any(
    partner, coordinator, own_service
):
    service_mark_checked(service=own_service, by=partner)
    service_mark_checked(service=helpers.service("Service d'ailleurs"), by=coordinator)
    assert AuditEvent.objects.filter(action="directory.service_checked").count() == 2


def test_saving_without_change_resets_the_check_date_but_records_no_change(partner, own_service):
    assert edits.service_edit(service=own_service, by=partner, data=form_data(own_service)) is None
    own_service.refresh_from_db()
    assert own_service.last_checked_on == timezone.localdate()
    assert not ServiceChange.objects.exists() and own_service.local_fields == []


def test_an_invalid_form_changes_nothing(client, login, partner, own_service):
    login(partner)
    response = client.post(
        reverse("directory:service_edit", args=[own_service.pk]),
        form_data(own_service, email="pas-un-courriel", publics=["tous-publics", "familles"]),
    )
    assert response.status_code == 422
    own_service.refresh_from_db()
    assert own_service.last_checked_on == date(2024, 1, 10) and not ServiceChange.objects.exists()


def test_the_coordination_sees_recent_partner_changes_before_and_after(
    client, login, partner, coordinator, own_service
):
    edits.service_edit(
        service=own_service,
        by=partner,
        data=form_data(own_service, status=Status.DRAFT, phone="0561999999"),
    )
    login(coordinator)
    page = client.get(reverse("directory:changes")).content.decode()
    assert "Café des parents" in page and "Paul Partenaire" in page and "(partenaire)" in page
    assert "0561000000" in page and "0561999999" in page
    assert "Publié" in page and "Brouillon" in page


def test_only_the_coordination_sees_the_changes_page(client, login, partner):
    login(partner)
    assert client.get(reverse("directory:changes")).status_code == 403


def test_my_services_is_for_partners(client, login, coordinator):
    login(coordinator)
    assert client.get(reverse("directory:my_services")).status_code == 403


def test_the_pages_are_in_the_navigation(partner, coordinator):
    from millejours.core.nav import entries_for

    assert "directory:my_services" in [e["name"] for e in entries_for(partner)]
    assert "directory:changes" in [e["name"] for e in entries_for(coordinator)]
