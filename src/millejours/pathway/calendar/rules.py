"""Loading the calendar rules (``rules/*.yaml``): schema check, then cached for the process.

A rule file holds ``version`` and ``rules`` (and optionally ``seasons``). Each rule entry:

- ``code``, ``label`` (French), ``category``, ``subject`` (``grossesse``/``mere``/``enfant``),
  ``anchor`` (``lmp``, ``ddg``, ``dpa``, ``birth``), ``status``
  (``compulsory``/``recommended``/``conditional``/``information``), ``version``, ``source``;
- ``start``, ``due``, ``end``: offsets ``{sa: "W+D", weeks, days, months, from}``: calendar
  months first (``dateutil.relativedelta``, clamped at month end), then days; ``from`` is
  another anchor or a point already computed for the same rule (``start``, ``due``);
- optional ``conditions`` (list of names from ``CONDITIONS``), ``season`` (a season code
  such as ``rsv``, ``grippe``, ``covid``: the window is restricted to the campaign that
  overlaps it most; ``rsv_infant`` = the infant immunisation rule), ``valid_from`` /
  ``valid_to`` (compared with the anchor event's date: the DDR for the pregnancy, the
  birth date for the mother and the child; with ``validity: due``, compared with the due
  date — the date of the dose — and the window is cut at ``valid_to``), ``review``,
  ``certificate``, ``note``. ``from: pregnancy_end`` = the birth (or the end of the
  pregnancy), 42 SA + 6 while unknown.

Seasons (campaigns): ``{start: "MM-DD", end: "MM-DD", label, territories: {"973": {start,
end}}, campaigns: {2025: {start: DATE, end: DATE}}}``: default dates, per-territory dates
(département code; metropolitan when absent) and dated campaigns by starting year (a
territory may carry its own ``campaigns``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml

from .parsing import parse_rule, parse_season
from .schema import INFANT_SEASON, Rule, RuleError, RuleSet, Season

__all__ = ["RULES_DIR", "RuleError", "RuleSet", "get_rules", "load_rules"]

RULES_DIR = Path(__file__).resolve().parent / "rules"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_rules(directory: Path | str | None = None) -> RuleSet:
    """Read and check every ``*.yaml`` rule file of ``directory`` (not cached)."""
    directory = Path(directory) if directory else RULES_DIR
    rules: list[Rule] = []
    seasons: dict[str, Season] = {}
    versions: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except yaml.YAMLError as exc:
            raise RuleError(f"{path.name} : YAML illisible : {exc}") from None
        if (
            not isinstance(data, dict)
            or "version" not in data
            or not isinstance(data.get("rules"), list)
        ):
            raise RuleError(
                f"{path.name} : le fichier doit contenir « version » et une liste « rules »."
            )
        versions[path.name] = str(data["version"])
        for code, raw in (data.get("seasons") or {}).items():
            seasons[code] = parse_season(code, raw, path.name)
        for i, raw in enumerate(data["rules"], 1):
            rules.append(parse_rule(raw, f"{path.name}, règle n° {i}"))
    # Versions of the same code must not overlap, and share subject.
    by_code: dict[str, list[Rule]] = {}
    for r in rules:
        by_code.setdefault(r.code, []).append(r)
    for code, versions_of in by_code.items():
        if len({r.subject for r in versions_of}) > 1:
            raise RuleError(f"Règle {code} : toutes les versions doivent avoir le même sujet.")
        ordered = sorted(versions_of, key=lambda r: r.valid_from or dt.date.min)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if (a.valid_to or dt.date.max) >= (b.valid_from or dt.date.min):
                raise RuleError(
                    f"Règle {code} : les périodes de validité des versions {a.version} et {b.version} se chevauchent."
                )
    for r in rules:
        needed = "rsv" if r.season == INFANT_SEASON else r.season
        if needed is not None and needed not in seasons:
            raise RuleError(
                f"Règle {r.code} : la saison « {needed} » n'est définie dans aucun fichier."
            )
    return RuleSet(rules=tuple(rules), seasons=seasons, versions=versions)


@lru_cache(maxsize=1)
def get_rules() -> RuleSet:
    """The rules of the repository, loaded once per process."""
    return load_rules()
