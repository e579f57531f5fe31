"""Synthetic families, generated from a seeded RNG (Faker ``fr_FR``): the same seed always
gives the same families with the same references."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker
from stdnum.fr import nir

from millejours.territory.models import Territory

from .context import REFERENCE_PREFIX

# --- Synthetic families --------------------------------------------------------------------

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
# Families per block of the territory followed by one pair of professionals (a sage-femme and
# a PMI nurse): the named demo accounts follow the first block (≈ 580 families each, a heavy
# but real caseload), generated colleagues follow the next ones (``sagefemme1``, ``pmi1``…),
# so that a 10 000-family territory is not followed by two people.
CASELOAD_BLOCK = 1000


@dataclass
class ChildSpec:
    first_name: str
    sex: str
    birth_date: date
    ga_weeks: int
    ga_days: int


@dataclass
class FamilySpec:
    reference: str
    display_name: str
    commune_code: str
    address: str
    mother: dict
    partner: dict | None
    lmp: date
    declared_on: date | None
    fetus_count: int
    first_child: bool
    epnp_2_risk: bool
    children: list[ChildSpec]
    clinical: dict  # pregnancy clinical flags (gestational-diabetes risk factors, immunodepression)
    team: tuple[str, ...]  # keys of ctx.users
    with_referent: bool
    is_parent_demo: bool = False


def synthetic_nir(sex: int, birth_date: date, insee_code: str, order: int) -> str:
    """A NIR with a valid key (python-stdnum), order number 900–999 (synthetic)."""

    dept, commune = insee_code[:2], insee_code[2:5]
    body = f"{sex}{birth_date:%y}{birth_date:%m}{dept}{commune}{900 + order % 100:03d}"
    return body + nir.calc_check_digits(body)


def caseload_key(key: str, index: int) -> str:
    """The account (key of ``ctx.users``) following family number ``index`` for the role
    ``key``: the named demo account in the first block, a generated colleague after it."""

    block = index // CASELOAD_BLOCK
    return f"{key}{block}" if block else key


def fictitious_phone(rng: random.Random) -> str:
    """A mobile number in the range ARCEP reserves for fiction (06 39 98 00 00 – 06 39 98 99 99)."""
    return f"063998{rng.randint(0, 9999):04d}"


def weighted_communes(territory: Territory) -> tuple[list[str], list[int]]:
    communes = list(
        territory.communes.order_by("insee_code").values_list("insee_code", "population")
    )
    return [c for c, _ in communes], [max(p or 0, 50) for _, p in communes]


def family_specs(
    n: int, *, seed: int, today: date, codes: list[str], weights: list[int]
) -> list[FamilySpec]:
    """``n`` synthetic families, deterministic for a given seed (dates relative to ``today``)."""

    rng = random.Random(seed)
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    specs = []
    seen_refs: set[str] = set()
    for i in range(n):
        ref = REFERENCE_PREFIX + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(7))
        while ref in seen_refs:
            ref = REFERENCE_PREFIX + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(7))
        seen_refs.add(ref)
        is_parent_demo = i == 0
        commune_code = codes[0] if not codes else rng.choices(codes, weights=weights)[0]
        if is_parent_demo:
            commune_code = "31113" if "31113" in codes else commune_code
        mother_first, mother_last = fake.first_name_female(), fake.last_name()
        if is_parent_demo:
            mother_first, mother_last = "Camille", "Lacombe"
        # Stage along the 1000 days: about 30 % pregnant, the others with a child of 0–2 years.
        pregnant = (not is_parent_demo) and rng.random() < 0.30
        fetus_count = 2 if (not is_parent_demo and rng.random() < 0.03) else 1
        first_child = True if is_parent_demo else rng.random() < 0.45
        children: list[ChildSpec] = []
        if pregnant:
            lmp = today - timedelta(days=rng.randint(5 * 7, 40 * 7 + 3))
        else:
            age_days = 75 if is_parent_demo else rng.randint(0, 729)
            birth = today - timedelta(days=age_days)
            if fetus_count == 2:
                ga_weeks = rng.randint(33, 37)
            elif rng.random() < 0.08:
                ga_weeks = rng.randint(28, 36)
            else:
                ga_weeks = rng.randint(37, 41)
            if is_parent_demo:
                ga_weeks = 39
            ga_days = rng.randint(0, 6)
            lmp = birth - timedelta(days=ga_weeks * 7 + ga_days)
            for _ in range(fetus_count):
                sex = rng.choice("FM")
                first = fake.first_name_female() if sex == "F" else fake.first_name_male()
                children.append(ChildSpec(first, sex, birth, ga_weeks, ga_days))
        declared = lmp + timedelta(days=rng.randint(8 * 7, 14 * 7))
        mother_birth = lmp - timedelta(days=rng.randint(20 * 365, 42 * 365))
        mother = {
            "first_name": mother_first,
            "last_name": mother_last,
            "birth_date": mother_birth,
            "nir": synthetic_nir(2, mother_birth, commune_code, i),
            "phone": fictitious_phone(rng),
            "email": f"{_slug(mother_first)}.{_slug(mother_last)}.{i}@exemple.test",
        }
        partner = None
        if rng.random() < 0.65:
            role = "pere" if rng.random() < 0.9 else "coparent"
            p_first = fake.first_name_male() if role == "pere" else fake.first_name_female()
            p_last = mother_last if rng.random() < 0.5 else fake.last_name()
            p_birth = lmp - timedelta(days=rng.randint(20 * 365, 48 * 365))
            partner = {
                "role": role,
                "first_name": p_first,
                "last_name": p_last,
                "birth_date": p_birth,
                "nir": synthetic_nir(1 if role == "pere" else 2, p_birth, commune_code, i + 50),
                "phone": fictitious_phone(rng),
                "email": "",
            }
        u = rng.random()
        roles = ("sagefemme",) if u < 0.42 else ("pmi",) if u < 0.84 else ("sagefemme", "pmi")
        if is_parent_demo:
            roles = ("sagefemme",)
        team = tuple(caseload_key(key, i) for key in roles)
        specs.append(
            FamilySpec(
                reference=ref,
                display_name=f"Foyer {mother_last}"
                + (
                    f" – {partner['last_name']}"
                    if partner and partner["last_name"] != mother_last
                    else ""
                ),
                commune_code=commune_code,
                address=fake.street_address(),
                mother=mother,
                partner=partner,
                lmp=lmp,
                declared_on=declared if declared <= today else None,
                fetus_count=fetus_count,
                first_child=first_child,
                epnp_2_risk=rng.random() < 0.10,
                children=children,
                clinical=_clinical_flags(lmp, first_child),
                team=team,
                # Referents follow families from inclusion to the child's 3 months.
                with_referent=(not is_parent_demo)
                and rng.random()
                < (0.25 if pregnant or (_age_days(today, children) < 120) else 0.04),
                is_parent_demo=is_parent_demo,
            )
        )
    return specs


def _age_days(today: date, children: list[ChildSpec]) -> int:
    return (today - children[0].birth_date).days if children else 0


def _slug(text: str) -> str:

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum() or ch == "-") or "x"


def _clinical_flags(lmp: date, first_child: bool) -> dict:
    """Pregnancy clinical flags, from their own generator (seeded by the DDR) so that the
    other demo draws stay the same: ~20 % BMI >= 25, ~8 % family history of type 2
    diabetes, ~6 % previous gestational diabetes (not for a first child), ~1 %
    immunocompromised mother."""
    r = random.Random(lmp.toordinal())
    return {
        "bmi_25_or_more": r.random() < 0.20,
        "family_history_type2_diabetes": r.random() < 0.08,
        "previous_gestational_diabetes_or_macrosomia": (not first_child) and r.random() < 0.06,
        "mother_immunocompromised": r.random() < 0.01,
    }
