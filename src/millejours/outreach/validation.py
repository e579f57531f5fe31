"""Pure validators for imported declarations (no database access).

Each ``parse_*`` function returns the clean value or raises ``RowError`` with a French
message meant for the person who will fix the file.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import cast

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import nir as stdnum_nir

DPA_OFFSET_DAYS = 287  # DDR + 41 SA (CNGOF convention)
PREGNANCY_OVER_DAYS = 45 * 7  # a DDR more than 45 SA ago: the pregnancy is over

# Regions tried, in order, for a number written in the national format (0…): metropolitan
# France, then the overseas departments and collectivities that have their own plan.
PHONE_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF", "NC", "PF", "WF")
# Metropolitan mobile ranges (ARCEP), as in libphonenumber's FR metadata; 0639 (Mayotte)
# and 069x (overseas) go through the full parser.
FR_MOBILE_RE = re.compile(r"^0(?:6(?:[0-24-8]\d|3[0-8]|9[589])|7[3-9]\d)\d{6}$")
MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


class RowError(ValueError):
    pass


def strip_accents(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_key(value: str) -> str:
    """``"Prénom "`` → ``"prenom"``; ``"Date de naissance"`` → ``"date_de_naissance"``."""
    value = strip_accents(str(value or "")).strip().lower()
    return re.sub(r"[^a-z0-9]+", "_", value).strip("_")


def normalise_name(value: str) -> str:
    """Names compared without accents, case, hyphens or double spaces."""
    return re.sub(r"[^a-z]+", " ", strip_accents(value or "").lower()).strip()


DATE_RE_FR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
DATE_RE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$")


def parse_date(value, label: str, *, today: date, allow_future: bool = False) -> date | None:
    """``JJ/MM/AAAA`` or ISO ``AAAA-MM-JJ`` (or an XLSX date cell); ``None`` when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    else:
        text = str(value).strip()
        if not text:
            return None
        match = DATE_RE_FR.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
        else:
            match = DATE_RE_ISO.match(text)
            if not match:
                raise RowError(f"{label} : « {text} » n'est pas une date (JJ/MM/AAAA attendu).")
            year, month, day = (int(g) for g in match.groups())
        try:
            parsed = date(year, month, day)
        except ValueError:
            raise RowError(f"{label} : la date « {text} » n'existe pas.") from None
    if not allow_future and parsed > today:
        raise RowError(f"{label} : la date {parsed:%d/%m/%Y} est dans le futur.")
    return parsed


def parse_birth_date(value, *, today: date) -> date:
    born = parse_date(value, "Date de naissance", today=today)
    if born is None:
        raise RowError("Date de naissance manquante.")
    age = (today - born).days / 365.25
    if age < 10 or age > 65:
        raise RowError(f"Date de naissance invraisemblable ({born:%d/%m/%Y}).")
    return born


def parse_nir(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # XLSX numeric cell
        value = str(int(value))
    text = re.sub(r"[\s.]", "", str(value or "")).upper()
    if not text:
        return ""
    try:
        return stdnum_nir.validate(text)
    except InvalidChecksum:
        raise RowError(f"NIR « {value} » : la clé de contrôle est incorrecte.") from None
    except StdnumError:
        raise RowError(f"NIR « {value} » : format invalide (15 caractères attendus).") from None


def parse_mobile(value) -> str:
    """A mobile number (metropolitan or overseas) in E.164 form; '' when empty."""
    text = str(value or "").strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # XLSX numeric cell
        text = "0" + str(int(value))
    if not text:
        return ""
    compact = re.sub(r"[\s.\-]", "", text)
    if FR_MOBILE_RE.match(compact):  # fast path: metropolitan mobile (06/07) in national form
        return "+33" + compact[1:]
    candidates: list[str | None] = []
    if text.startswith("+") or text.startswith("00"):
        candidates = [None]
    else:
        candidates = list(PHONE_REGIONS)
    number = None
    for region in candidates:
        try:
            parsed = phonenumbers.parse(
                text.replace("00", "+", 1) if text.startswith("00") else text, region
            )
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            number = parsed
            if phonenumbers.number_type(parsed) in MOBILE_TYPES:
                break
    if number is None:
        raise RowError(f"Téléphone « {text} » : numéro invalide.")
    if phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise RowError(f"Téléphone « {text} » : ce n'est pas un numéro de mobile (SMS impossible).")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_email(value) -> str:
    text = str(value or "").strip().lower()
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise RowError(f"Courriel « {text} » : adresse invalide.") from None
    return text


TRUE_WORDS = {"oui", "o", "1", "true", "vrai", "x", "yes", "y"}
FALSE_WORDS = {"non", "n", "0", "false", "faux", "no", ""}


def parse_bool(value, label: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        value = str(int(value))
    text = strip_accents(str(value or "")).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise RowError(f"{label} : « {value} » n'est pas compris (oui ou non attendu).")


def pregnancy_lmp(ddr_value, dpa_value, *, today: date) -> date:
    """The DDR, given directly or computed from the DPA (DDR = DPA − 287 days)."""
    ddr = parse_date(ddr_value, "DDR", today=today)
    dpa = parse_date(dpa_value, "DPA", today=today, allow_future=True)
    if ddr is None and dpa is None:
        raise RowError("DDR ou DPA manquante : l'une des deux est nécessaire.")
    if (
        ddr is not None
        and dpa is not None
        and abs((dpa - timedelta(days=DPA_OFFSET_DAYS) - ddr).days) > 14
    ):
        raise RowError(f"DDR ({ddr:%d/%m/%Y}) et DPA ({dpa:%d/%m/%Y}) incohérentes.")
    lmp = ddr if ddr is not None else cast(date, dpa) - timedelta(days=DPA_OFFSET_DAYS)
    if lmp > today:
        raise RowError(f"DPA trop lointaine : la DDR calculée ({lmp:%d/%m/%Y}) est dans le futur.")
    if (today - lmp).days > PREGNANCY_OVER_DAYS:
        raise RowError(f"Grossesse déjà terminée : DDR le {lmp:%d/%m/%Y}, il y a plus de 45 SA.")
    return lmp


SOURCES = {"cpam": "CPAM", "caf": "CAF", "pmi": "PMI", "msa": "MSA"}


def parse_source(value) -> str:
    text = str(value or "").strip()
    return SOURCES.get(normalise_key(text), text[:40])
