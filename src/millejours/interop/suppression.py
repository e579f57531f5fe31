"""Small-cell suppression for what leaves the platform through the API.

Counts of 1 to 4 are published as ``"< 5"``; 0 stays 0 (nobody to re-identify).
MERGE NOTE: local stand-in until the reports helper's suppression module (issue 14 item 2,
with secondary suppression) lands; then call that module instead.
"""

from __future__ import annotations

SMALL_CELL = 5
SUPPRESSED = f"< {SMALL_CELL}"


def suppress(value: int) -> int | str:
    if 0 < value < SMALL_CELL:
        return SUPPRESSED
    return value
