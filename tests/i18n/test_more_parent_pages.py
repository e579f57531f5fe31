"""The remaining parent-facing and public pages in English and Arabic (issue 13, item 4).

Prevention check-up (the parent's pages), invitation to create an account, password reset,
SMS opt-out: French by default, English, Arabic right to left. Data written by
professionals or coming from the (not yet translated) questionnaire stays French and is
marked ``lang="fr"`` (docs/langues.md).
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.urls import get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from millejours.checkup import services as checkup_services
from millejours.core.i18n import TRANSLATED_PAGES
from millejours.pathway import services as pathway_services
from tests import factories
from tests.outreach.conftest import make_contact

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
TAGS = {
    "fr": '<html lang="fr" dir="ltr">',
    "en": '<html lang="en" dir="ltr">',
    "ar": '<html lang="ar" dir="rtl">',
}


def html_tag(html: str) -> str:
    start = html.index("<html")
    return html[start : html.index(">", start) + 1]


def _invitation_url(sagefemme):
    family = factories.family(care_team=[sagefemme])
    parent = family.parents.get()
    invitation = pathway_services.parent_invite(
        family=family, parent=parent, email="camille@exemple.test", invited_by=sagefemme
    )
    return urlsplit(invitation.accept_url).path


def _reset_confirm_url(parent):
    uid = urlsafe_base64_encode(force_bytes(parent.pk))
    return reverse("accounts:password_reset_confirm", args=[uid, "jeton-perime"])


def _result_url(parent, family):
    checkup = checkup_services.checkup_submit(
        family=family, user=parent, answers={"tabac": "oui"}, motivation={}
    )
    return reverse("checkup:parent_result", args=[checkup.pk])


# page -> (how to reach it, {language: a sentence of the page in that language})
PAGES = {
    "checkup form": (
        lambda ctx: reverse("checkup:parent_checkup"),
        {
            "fr": "Envoyer mon bilan",
            "en": "Send my check-up",
            "ar": "إرسال تقييمي",
        },
    ),
    "checkup plan": (
        lambda ctx: reverse("checkup:parent_plan"),
        {
            "fr": "Remplir mon bilan prévention",
            "en": "Fill in my prevention check-up",
            "ar": "ملء تقييمي الوقائي",
        },
    ),
    "checkup result": (
        lambda ctx: _result_url(ctx["parent"], ctx["family"]),
        {
            "fr": "Merci, votre bilan est envoyé",
            "en": "Thank you, your check-up has been sent",
            "ar": "شكرًا لكم، تم إرسال تقييمكم",
        },
    ),
    "invitation": (
        lambda ctx: ctx["invitation_url"],
        {
            "fr": "Créer mon compte Mille Jours",
            "en": "Create my Mille Jours account",
            "ar": "إنشاء حسابي في Mille Jours",
        },
    ),
    "invitation no longer valid": (
        lambda ctx: reverse("pathway:invitation_accept", args=["inconnu"]),
        {
            "fr": "Invitation non valable",
            "en": "This link is no longer valid",
            "ar": "هذا الرابط لم يعد صالحًا",
        },
    ),
    "password reset": (
        lambda ctx: reverse("accounts:password_reset"),
        {
            "fr": "Envoyer le lien",
            "en": "Send the link",
            "ar": "إرسال الرابط",
        },
    ),
    "password reset sent": (
        lambda ctx: reverse("accounts:password_reset_done"),
        {
            "fr": "Vérifiez votre messagerie",
            "en": "Check your inbox",
            "ar": "تحقّقوا من بريدكم الإلكتروني",
        },
    ),
    "password reset link expired": (
        lambda ctx: _reset_confirm_url(ctx["parent"]),
        {
            "fr": "Demandez-en un nouveau",
            "en": "Ask for a new one",
            "ar": "اطلبوا رابطًا جديدًا",
        },
    ),
    "password changed": (
        lambda ctx: reverse("accounts:password_reset_complete"),
        {
            "fr": "Votre mot de passe a été enregistré.",
            "en": "Your password has been saved.",
            "ar": "تم حفظ كلمة المرور الخاصة بكم.",
        },
    ),
    "sms opt-out": (
        lambda ctx: reverse("outreach:optout", args=[make_contact().token]),
        {
            "fr": "Ne plus recevoir de messages",
            "en": "Stop receiving messages",
            "ar": "إيقاف استلام الرسائل",
        },
    ),
}
NEEDS_LOGIN = {"checkup form", "checkup plan", "checkup result"}


@pytest.fixture
def context(parent, family, sagefemme):
    return {"parent": parent, "family": family, "invitation_url": _invitation_url(sagefemme)}


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_page_follows_the_visitor_language(client, login, context, page, language):
    how, sentences = PAGES[page]
    if page in NEEDS_LOGIN:
        login(context["parent"])
    if language != "fr":
        client.cookies[COOKIE] = language
    response = client.get(how(context))
    html = response.content.decode()
    assert html_tag(html) == TAGS[language]
    assert sentences[language] in html
    for other, sentence in sentences.items():
        if other != language:
            assert sentence not in html, (other, sentence)


def test_french_without_a_language_cookie(client):
    html = client.get(reverse("accounts:password_reset")).content.decode()
    assert html_tag(html) == TAGS["fr"] and "Mot de passe oublié" in html


def test_the_checkup_questions_stay_french_and_say_so(client, login, parent, family):
    login(parent)
    client.cookies[COOKIE] = "ar"
    html = client.get(reverse("checkup:parent_checkup")).content.decode()
    assert "أسئلة هذا التقييم باللغة الفرنسية" in html
    assert '<fieldset class="form-row question" lang="fr" dir="ltr">' in html
    assert "صحيح أم خطأ؟" in html  # the "true or false?" prompt is translated


def test_the_goals_written_by_the_professional_stay_french(
    client, login, parent, family, sagefemme
):
    checkup = checkup_services.checkup_submit(
        family=family, user=parent, answers={"tabac": "oui"}, motivation={}
    )
    goal = {"domain": "consommations", "words": "Moins fumer", "review_on": timezone.localdate()}
    checkup_services.plan_save(checkup=checkup, user=sagefemme, goals=[goal], consent_share=True)
    login(parent)
    client.cookies[COOKIE] = "ar"
    plan = client.get(reverse("checkup:parent_plan")).content.decode()
    assert "أهدافي" in plan and '<strong lang="fr" dir="ltr">Moins fumer</strong>' in plan
    assert "قيد التنفيذ" in plan and "En cours" not in plan  # the goal's progress
    assert "التقييم الوقائي بتاريخ" in plan and "أثناء الحمل" in plan


def test_an_empty_checkup_is_refused_in_the_visitor_language(client, login, parent, family):
    login(parent)
    client.cookies[COOKIE] = "en"
    response = client.post(reverse("checkup:parent_checkup"), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Answer at least one question before sending the check-up." in html
    assert "> True</label>" in html and "> Vrai</label>" not in html


def test_invitation_errors_are_in_the_visitor_language(client, context):
    client.cookies[COOKIE] = "en"
    response = client.post(
        context["invitation_url"],
        {"password1": "un-mot-de-passe-solide-42", "password2": "un-autre-mot-de-passe-42"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "The two passwords do not match." in html and "Confirm the password" in html


def test_an_accepted_invitation_greets_in_the_visitor_language(client, context):
    client.cookies[COOKIE] = "ar"
    password = "un-mot-de-passe-solide-42"
    response = client.post(
        context["invitation_url"], {"password1": password, "password2": password}, follow=True
    )
    html = response.content.decode()
    assert html_tag(html) == TAGS["ar"]
    assert "تم إنشاء حسابكم" in html


def test_password_reset_errors_are_in_the_visitor_language(client):
    client.cookies[COOKIE] = "en"
    response = client.post(reverse("accounts:password_reset"), {"email": ""})
    assert "Enter your email address." in response.content.decode()


def test_every_translated_page_name_exists():
    known = {
        f"{namespace}:{name}"
        for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items()
        for name in resolver.reverse_dict
        if isinstance(name, str)
    }
    assert TRANSLATED_PAGES - known == set()


def test_the_professional_checkup_stays_french(client, login, sagefemme, family):
    login(sagefemme)
    client.cookies[COOKIE] = "ar"
    html = client.get(reverse("checkup:pro_new", args=[family.pk])).content.decode()
    assert html_tag(html) == TAGS["fr"] and "Envoyer mon bilan" in html


@pytest.mark.parametrize(
    ("language", "subject", "sentence"),
    [
        ("fr", "Mille Jours : réinitialisation de votre mot de passe", "ouvrez ce lien"),
        ("en", "Mille Jours: resetting your password", "To choose a new password"),
        ("ar", "Mille Jours: إعادة تعيين كلمة المرور", "لاختيار كلمة مرور جديدة"),
    ],
)
def test_the_password_reset_email_is_in_the_visitor_language(
    client, parent, language, subject, sentence
):
    if language != "fr":
        client.cookies[COOKIE] = language
    client.post(reverse("accounts:password_reset"), {"email": parent.email})
    (message,) = mail.outbox
    assert message.subject == subject and sentence in message.body
    assert "/comptes/mot-de-passe/nouveau/" in message.body


def test_the_login_lockout_page_in_arabic(client, parent, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client.cookies[COOKIE] = "ar"
    login_url = reverse("accounts:login")
    for _ in range(2):
        client.post(login_url, {"username": parent.email, "password": "mauvais"})
    response = client.post(login_url, {"username": parent.email, "password": factories.PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert html_tag(html) == TAGS["ar"] and "تسجيل الدخول محظور مؤقتًا" in html
