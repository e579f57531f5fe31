"""Reading the CSV files coordinators really have (shared by every import).

UTF-8 with or without BOM, else Windows-1252; delimiter ``;``, ``,`` or tab, read on the
header line (Excel's French CSV uses ``;``).
"""

from __future__ import annotations

import csv

DELIMITERS = (";", ",", "\t")


class UndecodableText(ValueError):
    """Neither UTF-8 nor Windows-1252; each importer turns it into its own French error."""


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UndecodableText(str(exc)) from exc


def detect_delimiter(text: str) -> str:
    """The delimiter most used on the header line; ``;`` when none appears."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    if counts[best]:
        return best
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return ";"
