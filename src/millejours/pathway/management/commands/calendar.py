"""``millejours calendar``: the calendar of one case, computed by the engine (no database).

Contract (stable, used by acceptance checks)::

    millejours calendar (--lmp DATE | --due-date DATE) [--birth-date DATE]
        [--gestational-age-at-birth WEEKS] [--first-child] [--maternal-rsv-vaccine DATE]
        [--pregnancy-pertussis-vaccine DATE] [--gestational-diabetes-risk]
        [--departement CODE] [--format json]

- dates: ``AAAA-MM-JJ`` (``JJ/MM/AAAA`` also accepted);
- ``--gestational-age-at-birth``: ``35`` or ``35+4`` (weeks + days of amenorrhoea), from
  22 to 45 SA; only with ``--birth-date``; when absent it is computed from the DDR and the
  birth date (birth − DDR);
- ``--maternal-rsv-vaccine`` / ``--pregnancy-pertussis-vaccine``: dates of the mother's
  RSV (Abrysvo) and pertussis vaccines in pregnancy (between the DDR and the birth): no
  infant nirsevimab after a maternal vaccine >= 14 days before a term birth; no
  postpartum « cocooning » pertussis step after a pregnancy dose;
- ``--gestational-diabetes-risk``: a risk factor is known (targeted screening at 24-28 SA);
- ``--departement``: the family's département (``31``, ``2A``, ``973``…; default:
  metropolitan France), for the RSV campaign dates;
- JSON: ``{"milestones": [{code, label, category, due, window_start, window_end, status,
  source, review}, …]}``, ISO dates, only the milestones that apply, sorted by due date;
  after the birth, the pregnancy steps closed by it also carry ``"state": "non_applicable"``;
- invalid input: French message on stderr, exit code 2.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from millejours.lib.cli import Erreur, FrenchCommand, add_format_option
from millejours.pathway.calendar import Case, ChildCase, compute_milestones
from millejours.pathway.calendar.engine import DPA_OFFSET_DAYS

DEPARTEMENT = re.compile(r"^(0[1-9]|1[0-9]|2[1-9]|2A|2B|[3-8][0-9]|9[0-5]|97[1-6])$")

STATUS_LABELS = {
    "compulsory": "obligatoire",
    "recommended": "recommandé",
    "conditional": "selon situation",
    "information": "information",
}


def parse_date(value: str, option: str) -> dt.date:
    value = (value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise Erreur(
        f"Date invalide pour {option} : « {value} » (format attendu AAAA-MM-JJ, par exemple 2026-03-01)."
    )


def parse_weeks(value: str) -> int:
    """``35`` or ``35+4`` → days since the DDR."""
    m = re.fullmatch(r"\s*(\d{1,2})\s*(?:\+\s*([0-6]))?\s*", value or "")
    if not m:
        raise Erreur(
            f"Âge gestationnel invalide : « {value} » (attendu en SA, par exemple 35 ou 35+4)."
        )
    weeks, days = int(m.group(1)), int(m.group(2) or 0)
    if not 22 <= weeks <= 45:
        raise Erreur(
            f"Âge gestationnel à la naissance hors limites : {value} SA (attendu entre 22 et 45 SA)."
        )
    return weeks * 7 + days


class Command(FrenchCommand):
    requires_system_checks = []  # a pure calculator: no database, no dependency on other apps' checks
    help = "Calcule le calendrier des 1000 jours d'une grossesse (et de l'enfant si la date de naissance est donnée)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--lmp", metavar="DATE", help="date des dernières règles (DDR), AAAA-MM-JJ"
        )
        parser.add_argument(
            "--due-date", metavar="DATE", help="date prévue d'accouchement (DPA = DDR + 287 jours)"
        )
        parser.add_argument("--birth-date", metavar="DATE", help="date de naissance de l'enfant")
        parser.add_argument(
            "--gestational-age-at-birth",
            metavar="WEEKS",
            help="âge gestationnel à la naissance en SA (35 ou 35+4) ; par défaut : naissance − DDR",
        )
        parser.add_argument(
            "--first-child", action="store_true", help="premier enfant (second entretien postnatal)"
        )
        parser.add_argument(
            "--maternal-rsv-vaccine",
            metavar="DATE",
            help="date du vaccin VRS de la mère pendant la grossesse (Abrysvo)",
        )
        parser.add_argument(
            "--pregnancy-pertussis-vaccine",
            metavar="DATE",
            help="date du vaccin contre la coqueluche de la mère pendant la grossesse (pas de rattrapage après la naissance)",
        )
        parser.add_argument(
            "--gestational-diabetes-risk",
            action="store_true",
            help="facteur de risque de diabète gestationnel (dépistage ciblé à 24-28 SA)",
        )
        parser.add_argument(
            "--departement",
            metavar="CODE",
            help="département de la famille (31, 2A, 973…), pour les dates de la campagne VRS ; par défaut : métropole",
        )
        add_format_option(parser, "table", "json")

    def handle(self, *args, **options):
        today = dt.date.today()
        lmp = self._lmp(options, today)
        children = self._children(options, lmp, today)
        birth = children[0].birth_date if children else None
        vaccines = {
            key: self._vaccine_date(options.get(key), option, lmp, birth, today)
            for key, option in (
                ("maternal_rsv_vaccine", "--maternal-rsv-vaccine"),
                ("pregnancy_pertussis_vaccine", "--pregnancy-pertussis-vaccine"),
            )
        }
        case = Case(
            lmp=lmp,
            first_child=bool(options.get("first_child")),
            children=children,
            maternal_rsv_vaccine_on=vaccines["maternal_rsv_vaccine"],
            pregnancy_pertussis_vaccine_on=vaccines["pregnancy_pertussis_vaccine"],
            gestational_diabetes_risk=bool(options.get("gestational_diabetes_risk")),
            departement=self._departement(options),
        )
        milestones = compute_milestones(case)
        if options.get("format") == "json":
            self.write_json({"milestones": [m.as_json() for m in milestones]}, indent=2)
            return
        self.stdout.write(self._table(case, milestones))

    @staticmethod
    def _lmp(options: dict[str, Any], today: dt.date) -> dt.date:
        """The DDR, given (--lmp) or computed from the DPA (--due-date); never in the future."""
        lmp_raw, due_raw = options.get("lmp"), options.get("due_date")
        if lmp_raw and due_raw:
            raise Erreur("Indiquez soit --lmp (DDR), soit --due-date (DPA), pas les deux.")
        if not lmp_raw and not due_raw:
            raise Erreur("Indiquez la DDR (--lmp) ou la date prévue d'accouchement (--due-date).")
        if lmp_raw:
            lmp = parse_date(lmp_raw, "--lmp")
            if lmp > today:
                raise Erreur("La date des dernières règles (DDR) ne peut pas être dans le futur.")
            return lmp
        due = parse_date(options["due_date"], "--due-date")
        lmp = due - dt.timedelta(days=DPA_OFFSET_DAYS)
        if lmp > today:
            raise Erreur(
                "Date prévue d'accouchement trop lointaine : la DDR calculée (DPA − 287 jours) serait dans le futur."
            )
        return lmp

    @staticmethod
    def _children(options: dict[str, Any], lmp: dt.date, today: dt.date) -> tuple[ChildCase, ...]:
        """The child born (--birth-date, between DDR + 22 SA and DDR + 45 SA + 6), or none."""
        ga_raw = options.get("gestational_age_at_birth")
        if not options.get("birth_date"):
            if ga_raw is not None:
                raise Erreur("--gestational-age-at-birth demande aussi --birth-date.")
            return ()
        birth = parse_date(options["birth_date"], "--birth-date")
        if birth > today:
            raise Erreur("La date de naissance ne peut pas être dans le futur.")
        elapsed = (birth - lmp).days
        if elapsed < 22 * 7:
            raise Erreur(
                "Naissance impossible avant DDR + 22 SA : vérifiez la date de naissance et la DDR."
            )
        if elapsed > 45 * 7 + 6:
            raise Erreur(
                "Naissance plus de 45 SA après la DDR : vérifiez la date de naissance et la DDR."
            )
        ga = parse_weeks(ga_raw) if ga_raw is not None else elapsed
        return (ChildCase(birth_date=birth, gestational_age_days=ga),)

    @staticmethod
    def _departement(options: dict[str, Any]) -> str:
        """The département code (31, 2A, 973…) for the season dates, or ""."""
        departement = (options.get("departement") or "").strip().upper()
        if options.get("departement") is not None and not DEPARTEMENT.match(departement):
            raise Erreur(
                f"Département inconnu : « {options['departement']} » (attendu un code comme 31, 2A ou 973)."
            )
        return departement

    @staticmethod
    def _vaccine_date(raw, option, lmp, birth, today):
        if raw is None:
            return None
        day = parse_date(raw, option)
        if day < lmp:
            raise Erreur(f"{option} : la vaccination ne peut pas précéder la DDR.")
        if birth is not None and day > birth:
            raise Erreur(
                f"{option} : une vaccination pendant la grossesse ne peut pas suivre la naissance."
            )
        if day > today:
            raise Erreur(f"{option} : la date de vaccination ne peut pas être dans le futur.")
        return day

    def _table(self, case, milestones) -> str:
        f = "%d/%m/%Y"
        lines = [
            f"Calendrier des 1000 jours — DDR {case.lmp:{f}}, terme prévu {case.due_date:{f}}"
            + (f", naissance {case.birth_date:{f}}" if case.birth_date else ""),
            "",
        ]
        header = ("Date cible", "Fenêtre", "Statut", "Code", "Libellé")
        rows = [
            (
                f"{m.due:{f}}",
                f"{m.window_start:{f}} → {m.window_end:{f}}",
                ("non applicable" if m.closed else STATUS_LABELS[m.status])
                + (" ⚠" if m.review else ""),
                m.code,
                m.label,
            )
            for m in milestones
        ]
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
        for r in [header, *rows]:
            lines.append("  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4])
        lines.append("")
        lines.append("⚠ : fenêtre à valider par un clinicien (règle interprétée).")
        return "\n".join(lines)
