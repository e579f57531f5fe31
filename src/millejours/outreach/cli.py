"""Progress display for the outreach management commands (French errors: ``lib.cli``)."""

from __future__ import annotations

import sys


class ProgressBar:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, stream=None, width: int = 30, label: str = "Import"):
        self.stream = stream or sys.stderr
        self.width = width
        self.label = label
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        percent = min(100, 100 * done // total)
        if percent == self.last:
            return
        self.last = percent
        filled = self.width * percent // 100
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {percent:3d} % ({done}/{total})")
        if percent >= 100:
            self.stream.write("\n")
        self.stream.flush()
