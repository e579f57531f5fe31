"""Screenshots of the parent and coordinator pages (issue 13) at 1366 px and 390 px.

Run against the demo (``./scripts/demo`` or ``millejours demo load`` then ``runserver``):

    MILLEJOURS_DEMO=1 .venv/bin/python docs/captures/capture.py http://127.0.0.1:8000

It uses the demo database (same ``MILLEJOURS_DATA_DIR``/``DATABASE_URL`` as the server)
to find the ids to open, and Playwright with Debian's Chromium (/usr/bin/chromium).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

import django
from shots import launch, log_in, shoot


def declarations_csv() -> Path:
    """A small declarations file (synthetic people) to show the import preview and result."""
    day = dt.date.today()
    run = int(
        dt.datetime.now().timestamp()
    )  # new birth dates on each run: new families, not duplicates
    rows = ["nom;prenom;date_naissance;telephone;code_insee;ddr;date_declaration;primipare;source"]
    for i, (last, first) in enumerate(
        [
            ("Lambert", "Inès"),
            ("Rousseau", "Manon"),
            ("Girard", "Chloé"),
            ("Bonnet", "Léa"),
            ("Faure", "Sarah"),
        ]
    ):
        ddr = day - dt.timedelta(days=60 + 9 * i)
        born = dt.date(1985 + i, 1, 1) + dt.timedelta(days=run % 3000)
        rows.append(
            f"{last};{first};{born:%d/%m/%Y};06 7{i} 12 34 5{i};31113;{ddr:%d/%m/%Y};"
            f"{day - dt.timedelta(days=10):%d/%m/%Y};oui;CPAM"
        )
    path = Path(tempfile.mkdtemp()) / "declarations-capture.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def main(base: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "millejours.settings")
    django.setup()
    from playwright.sync_api import sync_playwright

    from millejours.orientations import links
    from millejours.orientations.models import Orientation
    from millejours.outreach.models import SequenceStep
    from millejours.programme.models import Event

    event = Event.objects.order_by("pk").first()
    step = (
        SequenceStep.objects.exclude(stop_milestone="").order_by("pk").first()
        or SequenceStep.objects.first()
    )
    orientation = Orientation.objects.filter(state__in=["envoyee", "recue"]).order_by("pk").first()

    with sync_playwright() as pw:
        browser = launch(pw)

        def session(email: str | None):
            context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR")
            page = context.new_page()
            if email:
                log_in(page, base, email)
            return page

        parent = session("parent@demo.millejours.fr")
        shoot(parent, base, "parent-mes-donnees", "/confiance/mes-donnees/")
        shoot(parent, base, "parent-consultations", "/confiance/mon-dossier/consultations/")
        shoot(
            parent,
            base,
            "parent-ressources",
            "/ressources/",
            before=lambda p: p.locator("#map[data-markers]").wait_for(timeout=10000),
        )

        coordination = session("coordination@demo.millejours.fr")
        coordination.goto(f"{base}/aller-vers/imports/nouveau/")
        coordination.get_by_label("Fichier de déclarations (CSV ou XLSX)").set_input_files(
            str(declarations_csv())
        )
        coordination.get_by_role("button", name="Analyser le fichier").click()
        coordination.get_by_role("button", name="Confirmer l'import").wait_for()
        preview_url = coordination.url.replace(base, "")
        shoot(coordination, base, "coordination-import-apercu", preview_url)
        coordination.get_by_role("button", name="Confirmer l'import").click()
        coordination.get_by_text("Import terminé").wait_for()
        shoot(coordination, base, "coordination-import-resultat", preview_url)
        family_link = coordination.locator("a[href*='/aller-vers/familles/']").first.get_attribute(
            "href"
        )
        shoot(coordination, base, "coordination-famille-aller-vers", family_link)
        shoot(
            coordination,
            base,
            "coordination-message-sequence",
            f"/aller-vers/sequences/{step.sequence_id}/messages/{step.pk}/",
        )
        shoot(coordination, base, "coordination-seances", f"/programme/evenements/{event.pk}/")
        shoot(coordination, base, "coordination-indicateurs", "/indicateurs/")

        def refuse_without_reason(page):
            page.get_by_text("Refuser l'orientation").click()
            page.get_by_label("Motif du refus").fill("  ")
            page.get_by_role("button", name="Confirmer le refus").click()
            page.wait_for_load_state("networkidle")

        if orientation is not None:
            partner = session(None)
            shoot(
                partner,
                base,
                "partenaire-refus-erreurs",
                f"/orientations/lien/{links.make_token(orientation)}/",
                before=refuse_without_reason,
            )
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
