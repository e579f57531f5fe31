"""Screenshots of the worklist's inline pieces (issue 13) at 1366 px and 390 px: « reporter »
inline in a row (empty, then with its error summary) and the date of a bulk « fait ».

Run against the demo, like ``capture.py``:

    MILLEJOURS_DEMO=1 .venv/bin/python docs/captures/capture_worklist.py http://127.0.0.1:8000

Nothing is saved: the forms are opened and checked, never submitted valid.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urlencode

import django
from shots import launch, log_in, shoot

SAGEFEMME = "sagefemme@demo.millejours.fr"


def _late_family() -> str:
    """The name of a followed family with late steps: a short list to show."""
    from millejours.accounts.models import User
    from millejours.pathway.models import Milestone

    user = User.objects.get(email=SAGEFEMME)
    step = (
        Milestone.objects.filter(
            state="en_retard", family__care_team__user=user, family__care_team__removed_at=None
        )
        .select_related("family")
        .order_by("family__display_name")
        .first()
    )
    return step.family.display_name


def main(base: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "millejours.settings")
    django.setup()
    from playwright.sync_api import sync_playwright

    url = "/familles/liste-de-travail/?" + urlencode({"liste": "late", "q": _late_family()})
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_context(locale="fr-FR").new_page()
        log_in(page, base, SAGEFEMME)

        def open_inline(p) -> None:
            p.locator("tbody tr[id^='ligne-'] a", has_text="Reporter").first.click()
            p.locator("tr.row-form").wait_for()

        def inline_errors(p) -> None:
            open_inline(p)
            p.locator("tr.row-form button", has_text="Enregistrer").click()
            p.locator("tr.row-form [data-error-summary]").wait_for()

        def bulk_done_date(p) -> None:
            p.locator('input[name="etapes"]').first.check()
            p.get_by_label("Action", exact=True).select_option("fait")
            p.locator("#bulk").scroll_into_view_if_needed()

        for name, before in (
            ("pro-liste-reporter-en-ligne", open_inline),
            ("pro-liste-reporter-erreurs", inline_errors),
            ("pro-liste-fait-groupe-date", bulk_done_date),
        ):
            shoot(page, base, name, url, before=before)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
