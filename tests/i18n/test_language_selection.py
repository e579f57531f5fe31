"""Languages of the parent and public pages: switcher, family preference, French elsewhere.

docs/langues.md: French by default; English and Arabic on the parent-facing and public
pages; professional pages always in French (never ``dir="rtl"``); the parent's choice is
stored on the family (audited) and applied at the next login.
"""

import pytest
from django.conf import settings

from millejours.audit.models import AuditEvent
from millejours.pathway.languages import family_language, family_set_preferred_language
from tests import factories

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_tag(page) -> str:
    text = page.content.decode()
    return text[text.index("<html") : text.index(">", text.index("<html")) + 1]


def test_french_is_the_default_language(client):
    page = client.get("/")
    assert html_tag(page) == '<html lang="fr" dir="ltr">'
    assert "Les 1000 premiers jours, ensemble sur le territoire" in page.content.decode()


def test_the_home_page_in_arabic_is_right_to_left(client):
    client.cookies[COOKIE] = "ar"
    page = client.get("/")
    assert html_tag(page) == '<html lang="ar" dir="rtl">'
    html = page.content.decode()
    assert "الأيام الألف الأولى، معًا في منطقتنا" in html
    assert "languages.css" in html
    assert "Les 1000 premiers jours, ensemble" not in html


def test_the_home_page_in_english(client):
    client.cookies[COOKIE] = "en"
    page = client.get("/")
    assert html_tag(page) == '<html lang="en" dir="ltr">'
    assert "The first 1000 days, together in our area" in page.content.decode()


def test_an_unknown_language_cookie_falls_back_to_french(client):
    client.cookies[COOKIE] = "xx"
    assert html_tag(client.get("/")) == '<html lang="fr" dir="ltr">'


def test_professional_pages_stay_french_whatever_the_cookie(client, login, sagefemme, family):
    login(sagefemme)
    client.cookies[COOKIE] = "ar"
    page = client.get("/familles/liste-de-travail/")
    assert page.status_code == 200
    assert html_tag(page) == '<html lang="fr" dir="ltr">'
    html = page.content.decode()
    assert "Se déconnecter" in html and "تسجيل الخروج" not in html
    # No switcher on a page that is not translated.
    assert 'name="language"' not in html


def test_the_switcher_is_offered_on_translated_pages_only(client):
    assert 'name="language" value="ar"' in client.get("/").content.decode()


def test_switching_language_sets_the_cookie_for_a_visitor(client):
    response = client.post("/langue/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies[COOKIE].value == "en"
    assert html_tag(client.get("/")) == '<html lang="en" dir="ltr">'


def test_a_parent_switching_language_stores_it_on_the_family(client, login, parent, family):
    login(parent)
    client.post("/langue/", {"language": "ar", "next": "/familles/mon-calendrier/"})
    family.refresh_from_db()
    assert family.preferred_language == "ar"
    event = AuditEvent.objects.get(action="family.language")
    assert event.family_id_ref == family.pk
    assert event.details == {"from": "fr", "to": "ar"}
    calendar = client.get("/familles/mon-calendrier/")
    assert html_tag(calendar) == '<html lang="ar" dir="rtl">'
    assert "رزنامتي للأيام الألف الأولى" in calendar.content.decode()


def test_an_unknown_language_changes_nothing(client, login, parent, family):
    login(parent)
    client.post("/langue/", {"language": "xx", "next": "/"})
    family.refresh_from_db()
    assert family.preferred_language == "fr"
    assert not AuditEvent.objects.filter(action="family.language").exists()


def test_the_same_choice_twice_is_audited_once(parent, family):
    assert family_set_preferred_language(family=family, language="en", user=parent) is True
    assert family_set_preferred_language(family=family, language="en", user=parent) is False
    assert AuditEvent.objects.filter(action="family.language").count() == 1


def test_the_service_refuses_an_unknown_language(parent, family):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        family_set_preferred_language(family=family, language="de", user=parent)


def test_a_professional_switching_language_stores_nothing(client, login, sagefemme, family):
    login(sagefemme)
    client.post("/langue/", {"language": "ar", "next": "/"})
    family.refresh_from_db()
    assert family.preferred_language == "fr"


def test_the_family_language_is_applied_on_login(client, parent, family):
    family.preferred_language = "ar"
    family.save(update_fields=["preferred_language"])
    response = client.post(
        "/comptes/connexion/", {"username": parent.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "ar"
    calendar = client.get("/familles/mon-calendrier/")
    assert html_tag(calendar) == '<html lang="ar" dir="rtl">'


def test_a_professional_login_sets_no_language(client, sagefemme):
    response = client.post(
        "/comptes/connexion/", {"username": sagefemme.email, "password": factories.PASSWORD}
    )
    assert COOKIE not in response.cookies


def test_family_language_falls_back_to_french():
    assert family_language(None) == "fr"
    assert family_language(type("F", (), {"preferred_language": "tlh"})()) == "fr"
    assert family_language(type("F", (), {"preferred_language": "en"})()) == "en"


def test_consents_page_in_english(client, login, parent, family):
    login(parent)
    client.cookies[COOKIE] = "en"
    html = client.get("/confiance/mes-consentements/").content.decode()
    assert "My consents" in html and "Sharing information within the care team" in html


def test_access_history_in_arabic(client, login, parent, family):
    login(parent)
    client.cookies[COOKIE] = "ar"
    page = client.get("/confiance/mon-dossier/consultations/")
    assert html_tag(page) == '<html lang="ar" dir="rtl">'
    assert "من اطّلع على ملفي" in page.content.decode()


def test_the_public_workshop_page_in_arabic(client):
    from tests.programme import builders

    session = builders.session(builders.event(title="Portage et sommeil"))
    client.cookies[COOKIE] = "ar"
    page = client.get(f"/programme/ateliers/{session.pk}/")
    assert html_tag(page) == '<html lang="ar" dir="rtl">'
    html = page.content.decode()
    assert '<h1 lang="fr">Portage et sommeil</h1>' in html
    assert "ورشة للأولياء – مجموعة إعلامية" in html and "سجّلوني" in html
    listing = client.get("/programme/ateliers/").content.decode()
    assert "ورشات للأولياء المنتظرين والأولياء الجدد" in listing


def test_an_unknown_address_is_a_french_page_whatever_the_cookie(client):
    client.cookies[COOKIE] = "ar"
    page = client.get("/nulle-part/")
    assert page.status_code == 404
    assert html_tag(page) == '<html lang="fr" dir="ltr">'
    assert "Page introuvable" in page.content.decode()


def test_a_not_found_inside_a_translated_page_is_translated(client):
    client.cookies[COOKIE] = "ar"
    page = client.get("/reperage/epds/resultat/inconnu/")
    assert page.status_code == 404
    assert html_tag(page) == '<html lang="ar" dir="rtl">'
    assert "الصفحة غير موجودة" in page.content.decode()


def test_the_resource_finder_in_english(client):
    client.cookies[COOKIE] = "en"
    page = client.get("/ressources/?q=&rayon=10")
    assert html_tag(page) == '<html lang="en" dir="ltr">'
    html = page.content.decode()
    assert "Help near me" in html and "Address, town or postcode" in html


def test_the_professional_resource_finder_stays_french(client, login, sagefemme):
    login(sagefemme)
    client.cookies[COOKIE] = "ar"
    page = client.get("/ressources/pro/")
    assert html_tag(page) == '<html lang="fr" dir="ltr">'
    assert "Ressources du territoire" in page.content.decode()
