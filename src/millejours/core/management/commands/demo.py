"""``millejours demo load [--families N] [--seed S]``: the demo territory, accounts and families.

Idempotent (a second run creates nothing) and usable right after ``millejours migrate``.
"""

from __future__ import annotations

import argparse

from django.conf import settings

from millejours.accounts.models import Role
from millejours.core.demo import (
    DEFAULT_FAMILIES,
    DEFAULT_SEED,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    load_demo,
)
from millejours.lib.cli import Erreur, FrenchCommand, french_subparsers


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre entier attendu : {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("le nombre doit être au moins 1")
    return number


class Command(FrenchCommand):
    help = "Données de démonstration (territoire, comptes, familles fictives)."

    def add_arguments(self, parser):
        sub = french_subparsers(parser, title="actions")
        load = sub.add_parser(
            "load", help="Charge le territoire, les comptes et les familles de démonstration."
        )
        load.add_argument(
            "--families",
            type=_positive,
            default=DEFAULT_FAMILIES,
            help=f"Nombre de familles (défaut : {DEFAULT_FAMILIES}).",
        )
        load.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Graine du générateur (défaut : %(default)s).",
        )

    def handle(self, *args, **options):
        if options["action"] != "load":  # pragma: no cover - argparse restricts the choices
            raise Erreur("Action inconnue.")

        if not settings.DEMO_MODE:
            raise Erreur(
                "« demo load » ne fonctionne qu'en mode démonstration (MILLEJOURS_DEMO=1) : il crée des"
                " comptes dont le mot de passe est public."
            )
        ctx = load_demo(families=options["families"], seed=options["seed"])
        for line in ctx.log:
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(f"Comptes de démonstration (mot de passe : {DEMO_PASSWORD}) :")

        width = max(len(a.email) for a in DEMO_ACCOUNTS)
        for account in DEMO_ACCOUNTS:
            role = Role(account.role).label
            self.stdout.write(
                f"  {account.email.ljust(width)}  {account.description} (rôle : {role})"
            )
        partner = ctx.users.get("partenaire")
        if partner is not None:  # created by the orientations demo hook
            self.stdout.write(
                f"  {partner.email.ljust(width)}  Structure partenaire (rôle : {Role(partner.role).label})"
            )
