"""In a real browser: axe-core (vendored under tests/browser/vendor/, never served by the
app) checks the main pages of every persona against the WCAG 2 A and AA rules, plus the
landmark rule « all content inside a landmark » (the demo banner included).

One browser, one context per persona; the pages are listed from each persona's main
navigation, plus the pages reached from it (family record, EPDS, care team…).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from millejours.accounts.models import Profession, Role
from millejours.orientations import links
from millejours.pathway.calendar import materialise
from tests import factories
from tests.auth import browser_complete_login
from tests.orientations.helpers import orientation, partner_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await window.axe.run(document, {
    runOnly: {type: "tag", values: tags},
    rules: {region: {enabled: true}},  // best practice: all content inside a landmark
  });
  return result.violations.map(v => ({
    id: v.id, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " — " + n.failureSummary),
  }));
}"""


def _violations(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.status < 400, f"{url}: HTTP {response.status}"
    return _checked(page, url)


def _states_violations(page) -> list[str]:
    """The worklist's inline « reporter » with its error summary, and an invalid form."""
    page.goto(reverse("pathway:worklist") + "?liste=late")
    page.locator("tbody tr[id^='ligne-'] a", has_text="Reporter").first.click()
    page.locator("tr.row-form button", has_text="Enregistrer").click()
    page.locator("tr.row-form [data-error-summary]").wait_for()
    problems = _checked(page, "worklist, inline « reporter » with errors")
    page.goto(reverse("pathway:family_create"))
    page.get_by_role("button", name="Créer le dossier").click()
    page.locator("[data-error-summary]").wait_for()
    return problems + _checked(page, "family creation with errors")


def _checked(page, label: str) -> list[str]:
    found = page.evaluate(RUN_AXE, WCAG_TAGS)
    return [f"{label} [{v['id']}] {v['help']}: {'; '.join(v['nodes'])}" for v in found]


def _nav_urls(page) -> list[str]:
    hrefs = page.locator("nav.main-nav a").evaluate_all("els => els.map(e => e.pathname)")
    return [h for h in hrefs if h != "/"]


def _log_in(context, user) -> object:
    page = context.new_page()
    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(factories.PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    browser_complete_login(page, user)
    return page


@pytest.fixture
def world(sagefemme, coordinator, partner, parent, commune):
    family = factories.family(
        display_name="Foyer Accessible",
        care_team=[sagefemme],
        parent_user=parent,
        commune_obj=commune,
        lmp=timezone.localdate() - timedelta(weeks=20),
    )
    materialise(family.pregnancies.all())
    item = orientation(family, sagefemme, partner_service(partner))
    funder = factories.user(Role.FUNDER, email="ars@test.millejours.fr")
    referent = factories.user(
        Role.PROFESSIONAL,
        email="referent.medical@test.millejours.fr",
        profession=Profession.MEDECIN_GENERALISTE,
        is_medical_referent=True,
    )
    step = family.milestones.filter(state="en_retard").first()
    f = family.pk
    return {
        "anonymous": (
            None,
            [
                "/",
                reverse("accounts:login"),
                reverse("screening:epds_public"),
                reverse("directory:public_search"),
                reverse("programme:public_events"),
                f"/orientations/lien/{links.make_token(item)}/",
            ],
        ),
        "parent": (parent, [reverse("checkup:parent_checkup")]),
        "sagefemme": (
            sagefemme,
            [
                reverse("pathway:family_detail", args=[f]),
                reverse("pathway:careteam", args=[f]),
                reverse("screening:family", args=[f]),
                reverse("screening:epds_pro", args=[f]),
                reverse("checkup:family", args=[f]),
                reverse("pathway:family_create"),
                reverse("pathway:territory_search"),
                reverse("pathway:milestone_postpone", args=[f, step.pk]),
                reverse("pathway:worklist") + "?liste=late&par=famille",
            ],
        ),
        "coordinator": (
            coordinator,
            [reverse("programme:fiche_create"), reverse("outreach:sequence_new")],
        ),
        "partner": (partner, []),
        "funder": (funder, []),
        "medical referent": (referent, []),
    }


def test_axe_finds_no_violation_on_the_main_pages_of_every_persona(
    browser, live_server, settings, world
):
    settings.DEMO_MODE = True  # the demo banner must be inside a landmark too
    problems, visited = [], []
    for name, (user, extra) in world.items():
        # bypass_csp: axe is injected by the test only (the app never serves it)
        context = browser.new_context(locale="fr-FR", base_url=live_server.url, bypass_csp=True)
        context.set_default_timeout(15_000)
        context.add_init_script(path=str(AXE))
        try:
            page = _log_in(context, user) if user else context.new_page()
            page.goto("/")
            urls = list(dict.fromkeys(["/", *_nav_urls(page), *extra]))
            for url in urls:
                problems += [f"{name}: {p}" for p in _violations(page, url)]
                visited.append(url)
            if name == "sagefemme":
                problems += [f"{name}: {p}" for p in _states_violations(page)]
        finally:
            context.close()
    assert len(set(visited)) >= 25, sorted(set(visited))  # distinct pages
    assert not problems, "\n".join(problems)
