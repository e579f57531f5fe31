"""Demo data of the directory: ~60 synthetic services around the communes of the demo
territory (CPTS des Portes du Lauragais / Sicoval), idempotent through ``(source, id)``.

Names, phones and e-mails are invented (Faker fr_FR for people); coordinates are jittered
around the town halls of the communes in the database.
"""

from __future__ import annotations

from datetime import timedelta

from faker import Faker

from millejours.accounts.models import Organisation, OrganisationKind

from .models import Service, Status, Structure

SOURCE = "demo-millejours"

# (typologie, structure name pattern, [(service name, themes, publics, hours)])
CATALOGUE = [
    (
        "pmi",
        "PMI de {commune}",
        [
            (
                "Consultation de puériculture",
                [
                    "perinatalite--allaitement",
                    "perinatalite--sommeil",
                    "1000-jours--promotion-sante",
                ],
                ["familles"],
                "Mo-Fr 09:00-12:00,13:30-17:00; PH off",
            ),
            (
                "Visite à domicile sage-femme de PMI",
                ["1000-jours--reperage-fragilites", "perinatalite--depression-post-partum"],
                ["femmes", "familles"],
                "Mo-Fr 09:00-17:00; PH off",
            ),
        ],
    ),
    (
        "laep",
        "Lieu d'accueil enfants-parents de {commune}",
        [
            (
                "Accueil libre parents et tout-petits",
                [
                    "1000-jours--isolement-epuisement",
                    "1000-jours--eveil-culturel",
                    "famille--soutien-a-la-parentalite-et-a-leducation",
                ],
                ["familles"],
                "Tu,Th 09:00-12:00; Sa 09:30-12:00; PH off",
            ),
        ],
    ),
    (
        "sage-femme-liberale",
        "Cabinet de sages-femmes de {commune}",
        [
            (
                "Rééducation et suivi post-natal",
                ["perinatalite--allaitement", "perinatalite--portage"],
                ["femmes"],
                "Mo-Fr 08:30-19:00; Sa 09:00-12:00; PH off",
            ),
            (
                "Atelier portage",
                ["perinatalite--portage", "1000-jours--place-du-pere"],
                ["familles"],
                "We 14:00-16:00; PH off",
            ),
        ],
    ),
    (
        "association",
        "Association Parents du Lauragais — {commune}",
        [
            (
                "Groupe de parole jeunes parents",
                ["1000-jours--isolement-epuisement", "1000-jours--place-du-pere"],
                ["familles"],
                "Th 18:00-20:00; PH off",
            ),
            (
                "Café des papas",
                ["1000-jours--place-du-pere"],
                ["familles"],
                "Sa 10:00-12:00; PH off",
            ),
        ],
    ),
    (
        "reaap",
        "REAAP de la Haute-Garonne — {commune}",
        [
            (
                "Soirée d'échanges entre parents",
                [
                    "famille--soutien-a-la-parentalite-et-a-leducation",
                    "1000-jours--conciliation-vie-pro",
                ],
                ["familles"],
                "Tu 19:00-21:00",
            ),
        ],
    ),
    (
        "csapa",
        "CSAPA Lauragais — antenne de {commune}",
        [
            (
                "Consultation addictions et grossesse",
                ["perinatalite--addictions", "sante--addictions"],
                ["femmes", "familles"],
                "Mo-Fr 09:00-17:00; PH off",
            ),
        ],
    ),
    (
        "cmp",
        "CMP enfants et adolescents de {commune}",
        [
            (
                "Consultation périnatale du CMP",
                ["perinatalite--depression-post-partum", "sante--sante-mentale"],
                ["familles"],
                "Mo-Fr 09:00-18:00; PH off",
            ),
        ],
    ),
    (
        "parentalite-handicap",
        "Service parentalité et handicap — {commune}",
        [
            (
                "Accompagnement des parents en situation de handicap",
                ["perinatalite--handicap-parental"],
                ["personnes-en-situation-de-handicap"],
                "Mo-Th 09:00-17:00; PH off",
            ),
        ],
    ),
    (
        "ccas",
        "CCAS de {commune}",
        [
            (
                "Aide aux jeunes parents en difficulté",
                ["perinatalite--violences", "famille--surmonter-conflits-separation-violence"],
                ["familles", "femmes"],
                "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
            ),
        ],
    ),
]

# Services of the whole territory, attached to its biggest communes.
TERRITORY_WIDE = [
    (
        "maternite",
        "Maternité du Lauragais",
        [
            (
                "Préparation à la naissance",
                ["perinatalite--allaitement", "1000-jours--promotion-sante"],
                ["femmes", "familles"],
                "Mo-Fr 08:00-18:00",
            ),
            (
                "Consultation d'allaitement",
                ["perinatalite--allaitement", "perinatalite--alimentation-et-oralite"],
                ["femmes"],
                "Mo-Fr 09:00-17:00",
            ),
        ],
    ),
    (
        "unite-parents-bebe",
        "Unité parents-bébé de Toulouse-Sud",
        [
            (
                "Hospitalisation de jour parents-bébé",
                ["perinatalite--depression-post-partum", "sante--sante-mentale"],
                ["familles"],
                "Mo-Fr 09:00-17:00; PH off",
            ),
        ],
    ),
    (
        "equipe-mobile-psychiatrie-perinatale",
        "Équipe mobile de psychiatrie périnatale",
        [
            (
                "Visites à domicile de psychiatrie périnatale",
                ["perinatalite--depression-post-partum", "sante--sante-mentale"],
                ["femmes", "familles"],
                "Mo-Fr 09:00-17:00; PH off",
            ),
        ],
    ),
]


def load(ctx) -> None:
    if Service.objects.filter(source=SOURCE).exists():
        ctx.log.append("Annuaire : données de démonstration déjà présentes.")
        return
    communes = list(
        ctx.territory.communes.exclude(latitude__isnull=True).order_by("-population", "insee_code")
    )
    if not communes:
        ctx.log.append("Annuaire : aucune commune avec coordonnées, rien à créer.")
        return
    fake = Faker("fr_FR")
    fake.seed_instance(ctx.rng.randint(0, 10**6))
    rng = ctx.rng
    partner_org, _ = Organisation.objects.get_or_create(
        name="Association Parents du Lauragais",
        defaults={
            "kind": OrganisationKind.ASSOCIATION,
            "email": "contact@parents-lauragais.demo.millejours.fr",
        },
    )
    ctx.organisations.setdefault("association", partner_org)
    pmi_org = ctx.organisations.get("pmi")

    structures: list[Structure] = []
    services: list[Service] = []
    count = 0

    def add(typologie, structure_name, commune, offers, organisation=None):
        nonlocal count
        # Where the structure is and how to reach it: its services share both.
        place = {
            "commune": commune,
            "address": fake.street_address(),
            "latitude": commune.latitude + rng.uniform(-0.008, 0.008),
            "longitude": commune.longitude + rng.uniform(-0.01, 0.01),
            "phone": "05 61 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(3)),
            "email": f"contact{len(structures) + 1}@annuaire.demo.millejours.fr",
        }
        structure = Structure(
            source=SOURCE,
            source_id=f"s{len(structures) + 1}",
            name=structure_name[:150],
            typologie=typologie,
            organisation=organisation,
            **place,
        )
        structures.append(structure)
        for name, themes, publics, hours in offers:
            count += 1
            services.append(
                Service(
                    structure=structure,
                    source=SOURCE,
                    source_id=f"v{count}",
                    name=name,
                    description=f"{name} proposé par {structure_name} pour les familles des 1000 premiers jours.",
                    typologie=typologie,
                    thematiques=themes,
                    publics=publics,
                    modes_accueil=["en-presentiel"],
                    zone_eligibilite=[commune.insee_code],
                    languages=["fr"] + (["es"] if rng.random() < 0.2 else []),
                    accessibility="Accès de plain-pied, poussettes bienvenues"
                    if rng.random() < 0.7
                    else "",
                    frais="gratuit",
                    **place,
                    opening_hours=hours,
                    private_contact_name=fake.name(),
                    private_phone="06 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4)),
                    private_email=f"pro{count}@annuaire.demo.millejours.fr",
                    status=Status.PUBLISHED if rng.random() < 0.93 else Status.DRAFT,
                    last_checked_on=ctx.today - timedelta(days=rng.randint(5, 500)),
                )
            )

    for typologie, name, offers in TERRITORY_WIDE:
        add(typologie, name, communes[0], offers)
    for index, commune in enumerate(communes):
        for typologie, pattern, offers in CATALOGUE:
            if count >= 60:
                break
            # Not every commune has every kind of place: the bigger ones get more.
            if index > 0 and rng.random() < 0.75:
                continue
            organisation = None
            if typologie == "association":
                organisation = partner_org
            elif typologie == "pmi":
                organisation = pmi_org
            add(typologie, pattern.format(commune=commune.name), commune, offers, organisation)
    # The partner association always runs at least one service, in the main commune.
    if not any(s.organisation_id == partner_org.pk for s in structures):
        add(
            "association",
            f"Association Parents du Lauragais — {communes[0].name}",
            communes[0],
            CATALOGUE[3][2],
            partner_org,
        )

    Structure.objects.bulk_create(structures)
    for service in services:
        service.structure = service.structure  # refresh the FK id after bulk_create
        service.sync_keys()
    Service.objects.bulk_create(services)
    ctx.log.append(
        f"Annuaire : {len(structures)} structures et {len(services)} services de démonstration."
    )
