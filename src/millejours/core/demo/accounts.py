"""The demo organisations and accounts (matched by name and e-mail address)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from faker import Faker

from millejours.accounts.models import Membership, Organisation, User
from millejours.territory.models import Commune, Territory

from .context import DEMO_PASSWORD

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


def organisations_load(territory: Territory) -> dict[str, Organisation]:
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


def accounts_load(organisations: dict[str, Organisation]) -> dict[str, User]:

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


def colleagues_load(
    keys: set[str], organisations: dict[str, Organisation], users: dict[str, User]
) -> dict[str, User]:
    """The generated colleagues named in ``keys`` (``sagefemme3``, ``pmi3``…, see
    ``family_specs.caseload_key``): same role, profession, organisation and demo password as
    the named account they extend, one account per block of families."""

    templates = {account.key: account for account in DEMO_ACCOUNTS}
    fake = Faker("fr_FR")
    created = {}
    for key in sorted(keys - users.keys()):
        base = key.rstrip("0123456789")
        account, block = templates[base], int(key[len(base) :])
        fake.seed_instance(block)
        user, _ = User.objects.get_or_create(
            email=account.email.replace("@", f"{block}@"),
            defaults={
                "role": account.role,
                "profession": account.profession,
                "first_name": fake.first_name_female(),
                "last_name": fake.last_name(),
                "password": users[base].password,
            },
        )
        if account.organisation:
            Membership.objects.get_or_create(
                user=user, organisation=organisations[account.organisation]
            )
        created[key] = user
    return created
