"""In a browser: a parent switches to Arabic and takes the EPDS; the English EPDS.

Arabic: the page is right to left (``<html lang="ar" dir="rtl">``), says that no validated
Arabic EPDS exists, shows the French questionnaire (``lang="fr" dir="ltr"``) with the
instructions and buttons in Arabic; the result (item 10 path) is in Arabic. English: the
original Cox 1987 wording.
"""

import pytest
from playwright.sync_api import expect

from millejours.audit.models import AuditEvent
from millejours.screening.models import Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# French options (validated French EPDS) for a total of 1 point: item 10 « Presque jamais ».
FRENCH_LOW = {
    1: "Aussi souvent que d'habitude",
    2: "Autant que d'habitude",
    3: "Non, jamais",
    4: "Non, pas du tout",
    5: "Non, pas du tout",
    6: "Non, je me suis sentie aussi efficace que d'habitude",
    7: "Non, pas du tout",
    8: "Non, pas du tout",
    9: "Non, jamais",
    10: "Presque jamais",
}
COX_LOW = {
    1: "As much as I always could",
    2: "As much as I ever did",
    3: "No, never",
    4: "No, not at all",
    5: "No, not at all",
    6: "No, I have been coping as well as ever",
    7: "No, not at all",
    8: "No, not at all",
    9: "No, never",
    10: "Never",
}


def answer(page, choices):
    for number, label in choices.items():
        group = page.get_by_role("group", name=f"{number}. ", exact=False)
        group.get_by_label(label, exact=True).check()


def test_a_parent_switches_to_arabic_and_takes_the_epds(browser_login, parent, family):
    page = browser_login(parent)
    page.get_by_role("button", name="العربية").click()
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", name="رزنامتي للأيام الألف الأولى", level=1)).to_be_visible()
    assert AuditEvent.objects.filter(action="family.language", family_id_ref=family.pk).exists()

    page.get_by_role("link", name="اختبار EPDS").click()
    expect(html).to_have_attribute("dir", "rtl")
    notice = page.locator("#epds-language-notice")
    expect(notice).to_contain_text("هذا الاستبيان غير متوفر بعد بلغتكِ في ترجمة معتمدة علميًا")
    block = page.locator("#epds-questionnaire")
    expect(block).to_have_attribute("lang", "fr")
    expect(block).to_have_attribute("dir", "ltr")
    expect(block).to_contain_text("Il m'est arrivé de penser à me faire du mal")
    answer(page, FRENCH_LOW)
    page.get_by_role("button", name="عرض نتيجتي").click()

    expect(page.get_by_role("heading", name="نتيجتكِ", level=1)).to_be_visible()
    expect(html).to_have_attribute("dir", "rtl")
    urgent = page.get_by_role("alert").filter(has_text="راودتكِ أحيانًا فكرة إيذاء نفسكِ")
    expect(urgent).to_be_visible()
    for number in ("3114", "15", "112"):
        link = urgent.get_by_role("link", name=number, exact=True)
        assert link.get_attribute("href") == f"tel:{number}"
    expect(page.get_by_text("النتيجة: 1 من 30.")).to_be_visible()
    expect(page.get_by_text("نتيجة مرتفعة").first).to_be_visible()
    stored = Response.objects.get(family=family)
    assert (stored.total, stored.level, stored.alert) == (1, "eleve", True)


def test_the_english_epds_shows_the_cox_wording(page):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="How have you been since the birth?").click()
    expect(page.locator("#epds-language-notice")).to_have_count(0)
    block = page.locator("#epds-questionnaire")
    expect(block).to_have_attribute("lang", "en")
    expect(block).to_contain_text("The thought of harming myself has occurred to me")
    expect(block).to_contain_text("I have been able to laugh and see the funny side of things")
    expect(page.get_by_text("Br J Psychiatry 1987;150:782-6", exact=False)).to_be_visible()
    answer(page, COX_LOW)
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", name="Your result", level=1)).to_be_visible()
    expect(page.get_by_text("Score: 0 out of 30.")).to_be_visible()
    expect(page.get_by_text("Reassuring score").first).to_be_visible()


def test_a_professional_page_stays_french_with_the_arabic_cookie(
    page, browser_login, sagefemme, live_server
):
    browser_login(sagefemme)
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto("/")
    page.goto("/familles/liste-de-travail/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
