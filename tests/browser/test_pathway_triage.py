"""In a real browser: worklist bulk « fait » and « reporter »; the territory search and the
break-the-glass request for a family outside my care team."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from millejours.pathway.calendar import materialise
from millejours.pathway.models import Milestone, MilestoneState
from tests import factories


def _followed(sagefemme, commune, name="Foyer Vingt"):
    family = factories.family(
        display_name=name,
        care_team=[sagefemme],
        commune_obj=commune,
        lmp=timezone.localdate() - timedelta(weeks=20),
    )
    materialise(family.pregnancies.all())
    return family


def _check_first_rows(page, n):
    boxes = page.locator('input[name="etapes"]')
    ids = [boxes.nth(i).get_attribute("value") for i in range(n)]
    for i in range(n):
        boxes.nth(i).check()
    return [int(pk) for pk in ids]


@pytest.mark.browser
def test_bulk_done_on_the_late_list(transactional_db, page, browser_login, sagefemme, commune):
    _followed(sagefemme, commune)
    browser_login(sagefemme)
    page.goto("/familles/liste-de-travail/?liste=late")
    caption = page.locator("caption")
    before = int(caption.inner_text().split(":")[1].split("étape")[0])
    ids = _check_first_rows(page, 2)
    page.get_by_label("Action", exact=True).select_option("fait")
    page.get_by_role("button", name="Appliquer aux étapes cochées").click()
    expect(caption).to_contain_text(f"En retard : {before - 2} étape")
    assert set(Milestone.objects.filter(pk__in=ids).values_list("state", flat=True)) == {
        MilestoneState.DONE
    }


@pytest.mark.browser
def test_bulk_postpone_with_a_date_and_a_reason(
    transactional_db, page, browser_login, sagefemme, commune
):
    _followed(sagefemme, commune)
    browser_login(sagefemme)
    page.goto("/familles/liste-de-travail/?liste=late")
    ids = _check_first_rows(page, 2)
    to = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Action", exact=True).select_option("reporter")
    page.get_by_label("Nouvelle date (reporter)").fill(to.isoformat())
    page.get_by_label("Motif (reporter, non réalisé)").fill("Hospitalisée")
    page.get_by_role("button", name="Appliquer aux étapes cochées").click()
    expect(page.locator(f'input[name="etapes"][value="{ids[0]}"]')).to_have_count(0)
    page.get_by_role("link", name="À venir").click()
    expect(page.get_by_role("table")).to_contain_text("Reporté au")
    rows = Milestone.objects.filter(pk__in=ids)
    assert {(m.postponed_to, m.postpone_reason) for m in rows} == {(to, "Hospitalisée")}


@pytest.mark.browser
def test_an_outsider_finds_a_family_and_requests_emergency_access(
    transactional_db, page, browser_login, sagefemme, outsider, commune
):
    family = _followed(sagefemme, commune, name="Foyer Zéphyr")
    browser_login(outsider)
    page.goto("/familles/liste-de-travail/")
    page.get_by_role("link", name="Chercher une famille hors de mes équipes de soins").click()
    page.get_by_label("Nom, date de naissance (JJ/MM/AAAA) ou référence du dossier").fill("Zéph")
    page.get_by_role("button", name="Chercher").click()
    results = page.locator("#h-resultats + ul")
    expect(results).to_contain_text("Foyer Zéphyr")
    expect(results).to_contain_text(commune.name)
    expect(results).not_to_contain_text(family.reference)
    page.get_by_role("link", name="Demander un accès d'urgence").click()
    page.get_by_label("Motif de l'accès exceptionnel").fill(
        "Appel de la maternité : prise en charge urgente"
    )
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Ouvrir le dossier").click()
    expect(page.locator("h1")).to_contain_text("Foyer Zéphyr")


@pytest.mark.browser
def test_a_row_done_button_marks_only_that_row(
    transactional_db, page, browser_login, sagefemme, commune
):
    _followed(sagefemme, commune)
    browser_login(sagefemme)
    page.goto("/familles/liste-de-travail/?liste=late")
    boxes = page.locator('input[name="etapes"]')
    first, second = (int(boxes.nth(i).get_attribute("value")) for i in range(2))
    boxes.nth(1).check()  # a checked box elsewhere is not part of a row's own « Fait »
    page.locator(f'button[name="fait_une"][value="{first}"]').click()
    expect(page.locator(f'input[name="etapes"][value="{first}"]')).to_have_count(0)
    assert Milestone.objects.get(pk=first).state == MilestoneState.DONE
    assert Milestone.objects.get(pk=second).state == MilestoneState.LATE


@pytest.mark.browser
def test_bulk_done_with_a_chosen_date(transactional_db, page, browser_login, sagefemme, commune):
    _followed(sagefemme, commune)
    browser_login(sagefemme)
    page.goto("/familles/liste-de-travail/?liste=late")
    date_field = page.get_by_label("Réalisé le (fait)")
    expect(date_field).to_have_value(timezone.localdate().isoformat())  # today by default
    ids = _check_first_rows(page, 2)
    day = timezone.localdate() - timedelta(days=4)
    page.get_by_label("Action", exact=True).select_option("fait")
    date_field.fill(day.isoformat())
    page.get_by_role("button", name="Appliquer aux étapes cochées").click()
    expect(page.locator(".messages")).to_contain_text("2 étapes : « fait » enregistré.")
    assert {(m.state, m.done_on) for m in Milestone.objects.filter(pk__in=ids)} == {
        (MilestoneState.DONE, day)
    }


@pytest.mark.browser
def test_reporter_inline_from_a_worklist_row(
    transactional_db, page, browser_login, sagefemme, commune
):
    _followed(sagefemme, commune)
    browser_login(sagefemme)
    page.goto("/familles/liste-de-travail/?liste=late")
    pk = page.locator('input[name="etapes"]').first.get_attribute("value")
    row = page.locator(f"#ligne-{pk}")
    row.get_by_role("link", name="Reporter").click()
    expect(row.get_by_label("Nouvelle date")).to_be_focused()  # same URL: swapped in place
    assert "/liste-de-travail/" in page.url
    row.get_by_role("button", name="Enregistrer").click()  # empty: errors, summary focused
    summary = row.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(
        summary.get_by_role("link", name="Motif du report : Ce champ est obligatoire.")
    ).to_be_visible()
    to = timezone.localdate() + timedelta(days=10)
    row.get_by_label("Nouvelle date").fill(to.isoformat())
    row.get_by_label("Motif du report").fill("Hospitalisée")
    row.get_by_role("button", name="Enregistrer").click()
    expect(row).to_contain_text(f"Reporté au {to:%d/%m/%Y} : Hospitalisée")
    expect(row.get_by_role("link", name="Reporter")).to_be_focused()
    step = Milestone.objects.get(pk=pk)
    assert (step.postponed_to, step.postpone_reason) == (to, "Hospitalisée")


@pytest.mark.browser
def test_bulk_done_before_the_pregnancy_is_refused_with_the_focus_on_the_message(
    transactional_db, page, browser_login, sagefemme, commune
):
    _followed(sagefemme, commune)
    browser_login(sagefemme)
    page.goto("/familles/liste-de-travail/?liste=late")
    ids = _check_first_rows(page, 2)
    page.get_by_label("Réalisé le (fait)").fill(
        (timezone.localdate() - timedelta(days=365)).isoformat()
    )
    page.get_by_role("button", name="Appliquer aux étapes cochées").click()
    refusal = page.locator(".messages .alert-error")
    expect(refusal).to_contain_text("ne peut pas précéder le début de la grossesse")
    expect(refusal).to_be_focused()
    assert set(Milestone.objects.filter(pk__in=ids).values_list("state", flat=True)) == {
        MilestoneState.LATE
    }
