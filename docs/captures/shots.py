"""What the capture scripts share: the sizes, the demo log-in and one screenshot per width.

The scripts run as ``python docs/captures/<script>.py``, so this folder is on ``sys.path``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent
WIDTHS = {"1366": (1366, 900), "390": (390, 844)}
MAX_HEIGHT = 2600  # long pages are cut: the top tells what the page is
PASSWORD = "demo-millejours"


def launch(pw: Any) -> Any:
    """Debian's Chromium (/usr/bin/chromium) through Playwright."""
    return pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])


def log_in(page: Any, base: str, email: str) -> None:
    """Sign ``page`` in as the demo account ``email``."""
    page.goto(f"{base}/comptes/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state("networkidle")


def shoot(
    page: Any,
    base: str,
    name: str,
    url: str | None = None,
    before: Callable[[Any], None] | None = None,
) -> None:
    """``<name>-<width>.png`` at each width: ``url`` opened (if given), ``before`` run on it."""
    for suffix, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        if url:
            page.goto(base + url)
        page.wait_for_load_state("networkidle")
        if before:
            before(page)
        full = page.evaluate("document.documentElement.scrollHeight")
        page.screenshot(
            path=str(OUT / f"{name}-{suffix}.png"),
            full_page=True,
            clip={"x": 0, "y": 0, "width": width, "height": min(full, MAX_HEIGHT)},
        )
        print(f"{name}-{suffix}.png")
