"""Screenshots of the parent pages in Arabic (and the EPDS in English) at 1366 and 390 px.

Run against the demo (``./scripts/demo`` or ``millejours demo load`` then ``runserver``):

    .venv/bin/python docs/captures/capture_languages.py http://127.0.0.1:8000

Playwright with Debian's Chromium (/usr/bin/chromium); docs/langues.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent
WIDTHS = {"1366": (1366, 900), "390": (390, 844)}
MAX_HEIGHT = 2600  # long pages are cut: the top tells what the page is
PASSWORD = "demo-millejours"


def main(base: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])

        def shoot(page, name: str, url: str) -> None:
            for suffix, (width, height) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                full = page.evaluate("document.documentElement.scrollHeight")
                page.screenshot(
                    path=str(OUT / f"{name}-{suffix}.png"),
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": min(full, MAX_HEIGHT)},
                )
                print(f"{name}-{suffix}.png")

        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR")
        parent = context.new_page()
        parent.goto(f"{base}/comptes/connexion/")
        parent.get_by_label("Adresse électronique").fill("parent@demo.millejours.fr")
        parent.get_by_label("Mot de passe").fill(PASSWORD)
        parent.get_by_role("button", name="Se connecter").click()
        parent.wait_for_load_state("networkidle")
        parent.get_by_role("button", name="العربية").click()
        parent.wait_for_load_state("networkidle")
        shoot(parent, "parent-calendrier-ar", "/familles/mon-calendrier/")
        shoot(parent, "parent-epds-ar", "/reperage/epds/")
        parent.get_by_role("button", name="Français").click()  # the demo parent back to French
        context.close()

        visitor = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
        shoot(visitor.new_page(), "public-epds-en", "/reperage/epds/test/")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
