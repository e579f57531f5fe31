"""Builders for test data: the personas and their families (synthetic people only)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from millejours.accounts.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from millejours.pathway.models import CareTeamMember, CareTeamRole, Family, Parent, Pregnancy
from millejours.territory.models import Commune

PASSWORD = "mot-de-passe-de-test-123"
_seq = count(1)


def commune(
    insee_code="31113", name="Castanet-Tolosan", lat=43.5156, lon=1.4981, **extra
) -> Commune:
    obj, _ = Commune.objects.get_or_create(
        insee_code=insee_code,
        defaults={
            "name": name,
            "latitude": lat,
            "longitude": lon,
            "postcodes": extra.pop("postcodes", ["31320"]),
            "population": extra.pop("population", 14000),
            "departement": insee_code[:2],
            **extra,
        },
    )
    return obj


def organisation(
    name="Cabinet de sages-femmes du Lauragais", kind=OrganisationKind.CABINET
) -> Organisation:
    obj, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
    return obj


def user(
    role=Role.PROFESSIONAL, *, email=None, profession="", organisation_obj=None, **extra
) -> User:
    n = next(_seq)
    obj = User.objects.create_user(
        email=email or f"personne{n}@test.millejours.fr",
        password=PASSWORD,
        role=role,
        profession=profession,
        first_name=extra.pop("first_name", f"Prénom{n}"),
        last_name=extra.pop("last_name", f"Nom{n}"),
        **extra,
    )
    if organisation_obj is not None:
        Membership.objects.create(user=obj, organisation=organisation_obj)
    return obj


def family(
    *,
    lmp: date | None = None,
    first_child=True,
    commune_obj=None,
    care_team=(),
    parent_user=None,
    **extra,
) -> Family:
    fam = Family.objects.create(
        display_name=extra.pop("display_name", f"Foyer Test {next(_seq)}"),
        commune=commune_obj or commune(),
    )
    Parent.objects.create(
        family=fam,
        first_name="Camille",
        last_name="Exemple",
        birth_date=date(1994, 5, 17),
        phone="0612345678",
        email=f"camille{fam.pk}@exemple.test",
        user=parent_user,
    )
    Pregnancy.objects.create(
        family=fam, lmp=lmp or (date.today() - timedelta(days=70)), first_child=first_child, **extra
    )
    for member in care_team:
        CareTeamMember.objects.create(family=fam, user=member, role=CareTeamRole.MEMBER)
    return fam
