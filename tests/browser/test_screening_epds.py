"""Anonymous EPDS self-test in a real browser, up to the result page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Option labels chosen for a low score (items 1, 2, 4: first option; others: last option).
LOW = {
    1: "Aussi souvent que d'habitude",
    2: "Autant que d'habitude",
    3: "Non, jamais",
    4: "Non, pas du tout",
    5: "Non, pas du tout",
    6: "Non, je me suis sentie aussi efficace que d'habitude",
    7: "Non, pas du tout",
    8: "Non, pas du tout",
    9: "Non, jamais",
    10: "Jamais",
}


def answer_all(page, overrides=None):
    choices = {**LOW, **(overrides or {})}
    for number, label in choices.items():
        group = page.get_by_role("group", name=f"{number}. ", exact=False)
        group.get_by_label(label, exact=True).check()


def test_anonymous_self_test_without_item_10(page):
    page.goto("/reperage/epds/test/")
    answer_all(page)
    page.get_by_role("button", name="Voir mon résultat").click()
    page.get_by_role("heading", name="Votre résultat").wait_for()
    assert page.get_by_text("Score : 0 sur 30").is_visible()
    assert page.get_by_role("heading", name="parlez-en maintenant").count() == 0
    assert page.get_by_text("pas un diagnostic").first.is_visible()


def test_anonymous_self_test_with_item_10_shows_emergency_numbers(page):
    page.goto("/reperage/epds/test/")
    answer_all(page, {10: "Presque jamais"})
    page.get_by_role("button", name="Voir mon résultat").click()
    urgent = page.get_by_role("alert").filter(has_text="parlez-en maintenant")
    urgent.wait_for()
    for number in ("3114", "15", "112"):
        assert urgent.get_by_text(number, exact=True).is_visible()
    # Item 10 ≥ 1 also offers to be contacted.
    assert page.get_by_role("heading", name="Voulez-vous être recontactée ?").is_visible()


def test_item_10_at_one_point_and_a_total_of_2_is_never_reassuring(page):
    # Issue 10 / epds.md (review: true): any item-10 answer >= 1 point gives « Score élevé ».
    page.goto("/reperage/epds/test/")
    answer_all(page, {9: "Seulement de temps en temps", 10: "Presque jamais"})
    page.get_by_role("button", name="Voir mon résultat").click()
    page.get_by_role("heading", name="Votre résultat").wait_for()
    main = page.get_by_role("main")
    assert main.get_by_text("Score : 2 sur 30").is_visible()
    assert main.get_by_text("Score élevé").first.is_visible()
    text = main.inner_text().lower()
    assert "rassurant" not in text and "pas de difficulté" not in text
    urgent = page.get_by_role("alert").filter(has_text="parlez-en maintenant")
    for number in ("3114", "15", "112"):
        link = urgent.get_by_role("link", name=number, exact=True)
        assert link.get_attribute("href") == f"tel:{number}"
    footer_sms = page.locator("footer").get_by_role("link", name="114", exact=True)
    assert footer_sms.get_attribute("href") == "sms:114"
