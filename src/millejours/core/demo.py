"""The demo territory is loaded by ``millejours demo load``.

Each domain app may provide ``millejours.<app>.demo.load(ctx: DemoContext) -> None``; the
command calls them in ``DEMO_APPS`` order after the territory, accounts and families
exist. Each hook must be idempotent (running ``demo load`` twice changes nothing) and
create only synthetic data.

``load_demo(families=300, seed=DEFAULT_SEED)`` does the whole job:

1. the demo territory (``territory.services.demo_territory_load``: the communes of the
   Sicoval agglomeration, the CPTS des Portes du Lauragais);
2. the organisations and the demo accounts (password ``DEMO_PASSWORD``), matched by name
   and e-mail address (re-running resets their password, role and memberships);
3. the synthetic families, generated from a seeded RNG (Faker ``fr_FR``): the same seed
   always gives the same families with the same references, so a second run finds them
   all and creates nothing. Only missing families are created (in bulk), then their
   calendar is materialised (``pathway.calendar.materialise``, if present) and most of
   their past milestones are marked done;
4. the hooks of ``DEMO_APPS``.

Synthetic identifiers: phone numbers are in the range that ARCEP reserves for fiction
(06 39 98 xx xx), e-mail addresses use the reserved ``.test`` top-level domain, NIRs have
a valid key (python-stdnum) and an order number in 900–999.
"""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

DEMO_PASSWORD = "demo-millejours"
DEMO_APPS = [
    "screening",
    "directory",
    "orientations",
    "followup",
    "programme",
    "outreach",
    "indicators",
    "checkup",
]
DEFAULT_SEED = 1000
DEFAULT_FAMILIES = 300
CHUNK_FAMILIES = 10_000  # families created and materialised per transaction
REFERENCE_PREFIX = "F-D"  # demo family references: F-D + 7 characters


@dataclass
class DemoContext:
    today: date
    rng: random.Random
    territory: object  # territory.Territory (the CPTS des Portes du Lauragais)
    users: dict[str, object] = field(
        default_factory=dict
    )  # "sagefemme", "pmi", "coordination", "parent", "admin", …
    organisations: dict[str, object] = field(default_factory=dict)  # "cpts", "pmi", "cabinet", …
    families: list = field(default_factory=list)  # pathway.Family, all demo families
    log: list[str] = field(default_factory=list)  # lines printed at the end of the command


# --- Organisations and accounts ---------------------------------------------------------

# key → (name, kind, INSEE code of the commune)
DEMO_ORGANISATIONS = {
    "cpts": ("CPTS des Portes du Lauragais", "cpts", "31113"),
    "pmi": ("PMI de Haute-Garonne — circonscription Sicoval", "pmi", "31446"),
    "cabinet": ("Cabinet de sages-femmes de Castanet", "cabinet", "31113"),
    "maternite": ("Maternité des Coteaux (fictive)", "maternite", "31446"),
    "caf": ("CAF de la Haute-Garonne", "caf", ""),
    "ccas": ("CCAS de Ramonville-Saint-Agne", "ccas", "31446"),
    "association": ("Association Premiers Pas en Lauragais (fictive)", "association", "31169"),
}


@dataclass(frozen=True)
class DemoAccount:
    key: str
    email: str
    role: str
    description: str  # shown at the end of the command
    first_name: str
    last_name: str
    profession: str = ""
    organisation: str = ""
    admin: bool = False


DEMO_ACCOUNTS = (
    DemoAccount(
        "sagefemme",
        "sagefemme@demo.millejours.fr",
        "professionnel",
        "Sage-femme libérale",
        "Solène",
        "Garrigues",
        "sage_femme",
        "cabinet",
    ),
    DemoAccount(
        "pmi",
        "pmi@demo.millejours.fr",
        "professionnel",
        "Puéricultrice de PMI",
        "Patricia",
        "Mirande",
        "puericultrice",
        "pmi",
    ),
    DemoAccount(
        "coordination",
        "coordination@demo.millejours.fr",
        "coordination",
        "Coordinatrice CPTS",
        "Coralie",
        "Dufour",
        "coordinateur",
        "cpts",
    ),
    DemoAccount(
        "referente",
        "referente@demo.millejours.fr",
        "referent",
        "Référente parcours périnatalité",
        "Rachida",
        "Fabre",
        "sage_femme",
        "cpts",
    ),
    DemoAccount(
        "parent",
        "parent@demo.millejours.fr",
        "parent",
        "Parent (mère d'un nourrisson)",
        "Camille",
        "Lacombe",
    ),
    DemoAccount(
        "admin",
        "admin@demo.millejours.fr",
        "admin",
        "Administrateur de la plateforme",
        "Adrien",
        "Martel",
        organisation="cpts",
        admin=True,
    ),
)


def _organisations(territory) -> dict:
    from millejours.accounts.models import Organisation
    from millejours.territory.models import Commune

    communes = {
        c.insee_code: c
        for c in Commune.objects.filter(insee_code__in=[v[2] for v in DEMO_ORGANISATIONS.values()])
    }
    result = {}
    for key, (name, kind, insee) in DEMO_ORGANISATIONS.items():
        org, created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "commune": communes.get(insee)}
        )
        if not created and (org.kind != kind or org.commune_id is None and insee in communes):
            org.kind = kind
            org.commune = org.commune or communes.get(insee)
            org.save(update_fields=["kind", "commune"])
        result[key] = org
    if territory.organisation_id != result["cpts"].pk:
        territory.organisation = result["cpts"]
        territory.save(update_fields=["organisation"])
    return result


def _accounts(organisations: dict) -> dict:
    from django.contrib.auth.hashers import make_password

    from millejours.accounts.models import Membership, User

    users = {}
    password_hash = make_password(
        DEMO_PASSWORD
    )  # hashed once: the slow hasher runs once, not six times
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first() or User(email=account.email)
        user.role = account.role
        user.profession = account.profession
        user.first_name = account.first_name
        user.last_name = account.last_name
        user.is_staff = user.is_superuser = account.admin
        user.is_active = True
        user.password = password_hash
        user.save()
        if account.organisation:
            Membership.objects.get_or_create(
                user=user, organisation=organisations[account.organisation]
            )
        users[account.key] = user
    return users


# --- Synthetic families --------------------------------------------------------------------

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
DONE_OFFSETS = (-2, 0, 1, 3, 7)  # days between a milestone's due date and its demo "done" date


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
    from stdnum.fr import nir

    dept, commune = insee_code[:2], insee_code[2:5]
    body = f"{sex}{birth_date:%y}{birth_date:%m}{dept}{commune}{900 + order % 100:03d}"
    return body + nir.calc_check_digits(body)


def fictitious_phone(rng: random.Random) -> str:
    """A mobile number in the range ARCEP reserves for fiction (06 39 98 00 00 – 06 39 98 99 99)."""
    return f"063998{rng.randint(0, 9999):04d}"


def _weighted_communes(territory) -> tuple[list[str], list[int]]:
    communes = list(
        territory.communes.order_by("insee_code").values_list("insee_code", "population")
    )
    return [c for c, _ in communes], [max(p or 0, 50) for _, p in communes]


def family_specs(
    n: int, *, seed: int, today: date, codes: list[str], weights: list[int]
) -> list[FamilySpec]:
    """``n`` synthetic families, deterministic for a given seed (dates relative to ``today``)."""
    from faker import Faker

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
        team = ("sagefemme",) if u < 0.42 else ("pmi",) if u < 0.84 else ("sagefemme", "pmi")
        if is_parent_demo:
            team = ("sagefemme",)
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
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum() or ch == "-") or "x"


def _create_families(specs: list[FamilySpec], users: dict, today: date) -> list[int]:
    """Create the families of ``specs`` in bulk; return the ids of the new pregnancies."""
    from millejours.pathway.models import (
        CareTeamMember,
        CareTeamRole,
        Child,
        Family,
        Parent,
        ParentRole,
        Pregnancy,
        PregnancyOutcome,
    )
    from millejours.territory.models import Commune

    communes = {
        c.insee_code: c
        for c in Commune.objects.filter(insee_code__in={s.commune_code for s in specs})
    }
    referente = users["referente"]
    parent_user = users["parent"]
    if Parent.objects.filter(user=parent_user).exists():  # already linked (earlier run)
        parent_user = None
    families = Family.objects.bulk_create(
        [
            Family(
                reference=s.reference,
                display_name=s.display_name,
                commune=communes.get(s.commune_code),
                address=s.address,
                referent=referente if s.with_referent else None,
                created_by=users[s.team[0]],
            )
            for s in specs
        ]
    )
    parents, pregnancies, team = [], [], []
    for fam, s in zip(families, specs, strict=True):
        parents.append(
            Parent(
                family=fam,
                role=ParentRole.MOTHER,
                user=parent_user if s.is_parent_demo else None,
                **s.mother,
            )
        )
        if s.partner:
            parents.append(Parent(family=fam, **s.partner))
        born = bool(s.children)
        pregnancies.append(
            Pregnancy(
                family=fam,
                lmp=s.lmp,
                declared_on=s.declared_on,
                fetus_count=s.fetus_count,
                first_child=s.first_child,
                outcome=PregnancyOutcome.BIRTH if born else PregnancyOutcome.ONGOING,
                ended_on=s.children[0].birth_date if born else None,
                epnp_2_risk=s.epnp_2_risk,
                **s.clinical,
            )
        )
        for key in s.team:
            team.append(CareTeamMember(family=fam, user=users[key], role=CareTeamRole.MEMBER))
        if s.with_referent:
            team.append(CareTeamMember(family=fam, user=referente, role=CareTeamRole.REFERENT))
    Parent.objects.bulk_create(parents)
    pregnancies = Pregnancy.objects.bulk_create(pregnancies)
    CareTeamMember.objects.bulk_create(team)
    children = [
        Child(
            family=fam,
            pregnancy=preg,
            first_name=c.first_name,
            sex=c.sex,
            birth_date=c.birth_date,
            gestational_age_weeks=c.ga_weeks,
            gestational_age_days=c.ga_days,
        )
        for fam, preg, s in zip(families, pregnancies, specs, strict=True)
        for c in s.children
    ]
    Child.objects.bulk_create(children)
    return [p.pk for p in pregnancies]


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


def _materialise_and_mark_done(
    pregnancy_ids: list[int], *, users: dict, today: date, rng: random.Random, log: list[str]
) -> None:
    """Compute the calendar of the new pregnancies and mark most past milestones done."""
    from django.db.models import DateField, ExpressionWrapper, F, Q

    from millejours.pathway.calendar import materialise, update_statistics
    from millejours.pathway.models import (
        CareTeamMember,
        Milestone,
        MilestoneState,
        Pregnancy,
        Subject,
    )

    if not pregnancy_ids:
        return
    materialise(Pregnancy.objects.filter(pk__in=pregnancy_ids), today=today)
    update_statistics()  # fresh planner statistics for the worklist after the bulk load
    team_by_family: dict[int, list[int]] = {}
    for family_id, user_id in (
        CareTeamMember.objects.filter(
            family__pregnancies__in=pregnancy_ids, removed_at__isnull=True
        )
        .values_list("family_id", "user_id")
        .order_by("family_id", "user_id")
    ):
        team_by_family.setdefault(family_id, []).append(user_id)
    sagefemme_id, pmi_id = users["sagefemme"].pk, users["pmi"].pk
    # Open past milestones, and the pregnancy steps the birth closed (non applicable) whose
    # date came before it: the history of a pregnancy followed before the birth.
    closed_before_birth = Q(
        state=MilestoneState.NOT_APPLICABLE,
        subject=Subject.PREGNANCY,
        due__lt=F("pregnancy__ended_on"),
    )
    past = (
        Milestone.objects.filter(pregnancy_id__in=pregnancy_ids, due__lt=today)
        .filter(
            Q(state__in=[MilestoneState.UPCOMING, MilestoneState.DUE, MilestoneState.LATE])
            | closed_before_birth
        )
        .order_by("pk")
    )
    # Grouped by (days after the due date, professional): a handful of UPDATE queries.
    groups: dict[tuple[int, int | None], list[int]] = {}
    rows = past.values_list(
        "pk", "family_id", "subject", "due", "window_start", "pregnancy__ended_on"
    )
    for pk, family_id, subject, due, window_start, ended_on in rows:
        if rng.random() >= 0.85:
            continue  # left late (or not done before the birth), for the worklists
        limit = min(today, ended_on) if subject == Subject.PREGNANCY and ended_on else today
        offsets = [k for k in DONE_OFFSETS if window_start <= due + timedelta(days=k) < limit]
        team = team_by_family.get(family_id, [])
        preferred = pmi_id if subject == Subject.CHILD else sagefemme_id
        done_by = preferred if preferred in team else (team[0] if team else None)
        groups.setdefault((rng.choice(offsets) if offsets else 0, done_by), []).append(pk)
    # Same label as ``pathway.services.milestone_mark_done``: "Name (Profession)".
    labels = {
        u.pk: f"{u.display_name} ({u.get_profession_display()})" if u.profession else u.display_name
        for u in users.values()
    }
    updated = []
    for (offset, done_by), ids in groups.items():
        for start in range(0, len(ids), 5000):
            Milestone.objects.filter(pk__in=ids[start : start + 5000]).update(
                state=MilestoneState.DONE,
                done_on=ExpressionWrapper(
                    F("due") + timedelta(days=offset), output_field=DateField()
                ),
                done_by_id=done_by,
                done_by_label=labels.get(done_by, ""),
            )
        updated.extend(ids)
    # Maternal vaccines marked done change the baby's and the mother's steps (nirsevimab,
    # postpartum pertussis): recompute those pregnancies.
    vaccinated = set(
        Milestone.objects.filter(
            pregnancy_id__in=pregnancy_ids,
            state=MilestoneState.DONE,
            code__in=["vaccin_vrs_grossesse", "vaccin_coqueluche_grossesse"],
        ).values_list("pregnancy_id", flat=True)
    )
    if vaccinated:
        materialise(Pregnancy.objects.filter(pk__in=vaccinated), today=today)
    log.append(f"{len(updated)} étapes passées marquées comme faites.")


# --- Domain hooks ----------------------------------------------------------------------------


def run_hooks(
    ctx: DemoContext, apps: list[str] | None = None, *, on_skip: Callable[[str], None] | None = None
) -> list[str]:
    """Call ``millejours.<app>.demo.load(ctx)`` for each app that has one; return those run."""
    from django.db import transaction

    done = []
    for app in DEMO_APPS if apps is None else apps:
        module_name = f"millejours.{app}.demo"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name in (module_name, f"millejours.{app}"):
                if on_skip:
                    on_skip(app)
                continue
            raise
        with transaction.atomic():
            module.load(ctx)
        done.append(app)
    return done


# --- Entry point -----------------------------------------------------------------------------


def load_demo(
    *,
    families: int = DEFAULT_FAMILIES,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    hooks: bool = True,
) -> DemoContext:
    from django.db import transaction
    from django.utils import timezone

    from millejours.audit.services import record_event
    from millejours.pathway.models import Family
    from millejours.territory.services import demo_territory_load

    today = today or timezone.localdate()
    started = time.monotonic()
    territory, communes = demo_territory_load()
    ctx = DemoContext(today=today, rng=random.Random(seed), territory=territory)
    ctx.log.append(f"Territoire « {territory.name} » : {territory.communes.count()} communes.")
    with transaction.atomic():
        ctx.organisations = _organisations(territory)
        ctx.users = _accounts(ctx.organisations)
        codes, weights = _weighted_communes(territory)
    specs = family_specs(families, seed=seed, today=today, codes=codes, weights=weights)
    references = [s.reference for s in specs]
    existing = set(
        Family.objects.filter(reference__in=references).values_list("reference", flat=True)
    )
    missing = [s for s in specs if s.reference not in existing]
    rng = random.Random(seed + 1)
    # In chunks, one transaction each: bounded memory at region scale (165 000 families),
    # and an interrupted load resumes where it stopped (existing references are skipped).
    for start in range(0, len(missing), CHUNK_FAMILIES):
        with transaction.atomic():
            pregnancy_ids = _create_families(
                missing[start : start + CHUNK_FAMILIES], ctx.users, today
            )
            _materialise_and_mark_done(
                pregnancy_ids, users=ctx.users, today=today, rng=rng, log=ctx.log
            )
    ctx.families = list(
        Family.objects.filter(reference__in=references).select_related("commune").order_by("pk")
    )
    with transaction.atomic():
        if missing:
            record_event(
                actor=None,
                action="demo.load",
                details={"families_created": len(missing), "seed": seed},
            )
    ctx.log.append(
        f"Familles de démonstration : {len(missing)} créées, {len(existing)} déjà présentes."
    )
    if hooks:
        run_hooks(ctx)
    ctx.log.append(f"Durée : {time.monotonic() - started:.1f} s.")
    return ctx
