"""Check-up pages: the parent on her space, the professional, the plan, the panels."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.audit.models import AccessLog
from millejours.checkup import services
from millejours.checkup.models import Checkup, Progress

pytestmark = pytest.mark.django_db
IN_A_WEEK = timezone.localdate() + timedelta(days=5)


def _plan(family, parent, sagefemme, consent_share=True):
    checkup = services.checkup_submit(
        family=family, user=parent, answers={"tabac": "oui"}, motivation={}
    )
    goal = {
        "domain": "consommations",
        "words": "Arrêter le tabac avant juillet",
        "first_steps": "Appeler le 39 89",
        "review_on": IN_A_WEEK,
    }
    return checkup, services.plan_save(
        checkup=checkup, user=sagefemme, goals=[goal], consent_share=consent_share
    )


def test_the_parent_fills_her_checkup_and_reads_the_sourced_answers(login, parent, family):
    client = login(parent)
    page = client.get(reverse("checkup:parent_checkup"))
    assert page.status_code == 200
    assert (
        "Vrai ou faux" in page.content.decode() and "Relations aux autres" in page.content.decode()
    )
    posted = client.post(
        reverse("checkup:parent_checkup"),
        {
            "alcool": "oui",
            "alcool_vrai_faux": "vrai",
            "consommations-talk": "oui",
            "consommations-importance": "8",
            "consommations-confidence": "5",
        },
    )
    checkup = Checkup.objects.get(family=family)
    assert posted.status_code == 302 and posted.url == reverse(
        "checkup:parent_result", args=[checkup.pk]
    )
    assert checkup.filled_as == "parent" and checkup.talk_domains == ["consommations"]
    result = client.get(posted.url).content.decode()
    assert "zéro alcool" in result and "https://www.alcool-info-service.fr/" in result
    assert "relecture clinique" in result
    assert AccessLog.objects.filter(page="checkup:parent_result").exists()


def test_a_wrong_ruler_value_is_refused_and_nothing_is_stored(login, parent, family):
    response = login(parent).post(
        reverse("checkup:parent_checkup"), {"sommeil": "oui", "repos-importance": "12"}
    )
    assert response.status_code == 400 and "0 à 10" in response.content.decode()
    assert not Checkup.objects.exists()


def test_the_sage_femme_builds_a_plan_with_two_goals(login, parent, sagefemme, family):
    checkup = services.checkup_submit(
        family=family, user=parent, answers={"violence": "oui"}, motivation={}
    )
    client = login(sagefemme)
    url = reverse("checkup:detail", args=[family.pk, checkup.pk])
    page = client.get(url).content.decode()
    assert "Violences" in page and "Repérages à confirmer" in page
    response = client.post(
        url,
        {
            "goal1-domain": "repos",
            "goal1-words": "Me coucher avant 23 h",
            "goal1-review_on": IN_A_WEEK.isoformat(),
            "goal2-domain": "activites",
            "goal2-words": "Marcher 20 minutes",
            "goal2-first_steps": "Avec ma sœur",
            "goal2-review_on": IN_A_WEEK.isoformat(),
            "consent_share": "on",
        },
    )
    assert response.status_code == 302
    plan = checkup.plan
    assert [g.words for g in plan.goals.all()] == ["Me coucher avant 23 h", "Marcher 20 minutes"]
    pdf = client.get(reverse("checkup:plan_pdf", args=[family.pk, checkup.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_plan_without_a_goal_is_refused_in_french(login, parent, sagefemme, family):
    checkup = services.checkup_submit(
        family=family, user=parent, answers={"sommeil": "oui"}, motivation={}
    )
    response = login(sagefemme).post(reverse("checkup:detail", args=[family.pk, checkup.pk]), {})
    assert response.status_code == 400 and "au moins un objectif" in response.content.decode()


def test_the_goal_review_date_shows_in_the_worklist_and_the_parents_calendar(
    client, login, parent, sagefemme, family
):
    _plan(family, parent, sagefemme)
    worklist = login(sagefemme).get(reverse("pathway:worklist")).content.decode()
    assert (
        "Objectifs de prévention à revoir" in worklist
        and IN_A_WEEK.strftime("%d/%m/%Y") in worklist
    )
    client.logout()
    calendar = login(parent).get(reverse("pathway:parent_calendar")).content.decode()
    assert (
        "Arrêter le tabac avant juillet" in calendar and IN_A_WEEK.strftime("%d/%m/%Y") in calendar
    )
    plan_page = client.get(reverse("checkup:parent_plan")).content.decode()
    assert "Arrêter le tabac avant juillet" in plan_page
    assert client.get(reverse("checkup:parent_plan_pdf"))["Content-Type"] == "application/pdf"


def test_a_goal_review_through_htmx_returns_the_goal_with_its_history(
    login, parent, sagefemme, family
):
    checkup, plan = _plan(family, parent, sagefemme)
    goal = plan.goals.get()
    response = login(sagefemme).post(
        reverse("checkup:goal_review", args=[family.pk, goal.pk]),
        {"progress": Progress.REACHED, "note": "Plus une cigarette depuis 3 semaines"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Historique" in html and "Plus une cigarette" in html
    goal.refresh_from_db()
    assert goal.status == Progress.REACHED


def test_a_colleague_does_not_see_a_plan_the_person_did_not_share(login, parent, sagefemme, family):
    from millejours.pathway.models import CareTeamMember
    from tests import factories

    colleague = factories.user(email="collegue2@test.millejours.fr")
    CareTeamMember.objects.create(family=family, user=colleague)
    checkup, plan = _plan(family, parent, sagefemme, consent_share=False)
    client = login(colleague)
    page = client.get(reverse("checkup:detail", args=[family.pk, checkup.pk])).content.decode()
    assert "Arrêter le tabac" not in page and "pas partagé" in page
    goal = plan.goals.get()
    assert (
        client.post(
            reverse("checkup:goal_review", args=[family.pk, goal.pk]),
            {"progress": Progress.REACHED},
        ).status_code
        == 404
    )
    assert client.get(reverse("checkup:plan_pdf", args=[family.pk, checkup.pk])).status_code == 404


def test_a_professional_outside_the_care_team_gets_a_404(login, outsider, family):
    assert login(outsider).get(reverse("checkup:family", args=[family.pk])).status_code == 404


def test_the_referents_case_review_shows_the_plan(login, parent, sagefemme, family):
    family.referent = sagefemme
    family.save(update_fields=["referent"])
    _plan(family, parent, sagefemme, consent_share=False)
    page = login(sagefemme).get(reverse("followup:review", args=[family.pk]))
    assert page.status_code == 200
    assert "Plan de prévention du" in page.content.decode()


def test_a_refused_form_keeps_what_the_parent_had_entered(login, parent, family):
    response = login(parent).post(
        reverse("checkup:parent_checkup"),
        {
            "tabac": "oui",
            "repos-talk": "oui",
            "activites-importance": "7",
            "repos-importance": "12",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'name="tabac" value="oui" checked' in html
    assert 'name="repos-talk" value="oui" checked' in html
    assert '<option value="7" selected>' in html


def test_the_sage_femme_fills_the_checkup_with_the_person_from_the_family_record(
    login, sagefemme, family
):
    from millejours.pathway.calendar import materialise

    materialise(family.pregnancies.all())
    client = login(sagefemme)
    record = client.get(reverse("pathway:family_detail", args=[family.pk])).content.decode()
    assert reverse("checkup:family", args=[family.pk]) in record
    response = client.post(
        reverse("checkup:pro_new", args=[family.pk]), {"tabac": "non", "sommeil": "oui"}
    )
    checkup = Checkup.objects.get(family=family)
    assert response.status_code == 302 and response.url == reverse(
        "checkup:detail", args=[family.pk, checkup.pk]
    )
    assert checkup.filled_as == "professionnel"
    assert family.milestones.get(code="bilan_prenatal_prevention").state == "fait"


def test_a_parent_cannot_open_the_checkup_of_another_family(login, parent, sagefemme, family):
    from tests import factories

    other = factories.family(display_name="Foyer Voisin", care_team=[sagefemme])
    theirs = services.checkup_submit(
        family=other, user=sagefemme, answers={"sommeil": "oui"}, motivation={}
    )
    assert login(parent).get(reverse("checkup:parent_result", args=[theirs.pk])).status_code == 404


def test_the_parents_access_history_names_the_checkup_pages(login, parent, sagefemme, family):
    from millejours.audit.selectors import page_in_words

    login(sagefemme).get(reverse("checkup:family", args=[family.pk]))
    entry = AccessLog.objects.filter(family_id_ref=family.pk, page="checkup:family").get()
    assert page_in_words(entry.page) == "Bilan prévention"
