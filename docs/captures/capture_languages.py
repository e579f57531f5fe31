"""Screenshots of the parent pages in Arabic (and the EPDS in English) at 1366 and 390 px.

Run against the demo (``./scripts/demo`` or ``millejours demo load`` then ``runserver``):

    .venv/bin/python docs/captures/capture_languages.py http://127.0.0.1:8000

Playwright with Debian's Chromium (/usr/bin/chromium); docs/langues.md.
"""

from __future__ import annotations

import sys

from shots import launch, log_in, shoot


def main(base: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)

        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR")
        parent = context.new_page()
        log_in(parent, base, "parent@demo.millejours.fr")
        parent.get_by_role("button", name="العربية").click()
        parent.wait_for_load_state("networkidle")
        shoot(parent, base, "parent-calendrier-ar", "/familles/mon-calendrier/")
        shoot(parent, base, "parent-epds-ar", "/reperage/epds/")
        parent.get_by_role("button", name="Français").click()  # the demo parent back to French
        context.close()

        visitor = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
        shoot(visitor.new_page(), base, "public-epds-en", "/reperage/epds/test/")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
