"""``millejours api_token create|list|revoke``: open API tokens (issue 14, item 4).

Contract:
- ``create --user EMAIL --name NAME [--scope indicateurs|familles]... [--days N]`` prints
  the secret once on stdout (only its SHA-256 is stored), exit 0;
- ``list [--format json]``: ``{"tokens": [{"prefix", "name", "user", "scopes", "expires_at",
  "revoked_at", "active"}]}`` (or one line per token);
- ``revoke PREFIX``: « Jeton PREFIX révoqué. »;
- unknown account or prefix, unknown scope, bad duration: French message, exit 2.
"""

from __future__ import annotations

from millejours.accounts.models import User
from millejours.interop import tokens
from millejours.interop.choices import ApiScope
from millejours.interop.models import ApiToken
from millejours.lib.cli import Erreur, FrenchCommand, add_format_option, french_subparsers


class Command(FrenchCommand):
    help = "Jetons de l'API ouverte : création, liste, révocation."

    def add_arguments(self, parser):
        sub = french_subparsers(parser)
        create = sub.add_parser("create", help="créer un jeton (affiché une seule fois)")
        create.add_argument("--user", required=True, help="adresse du compte porteur")
        create.add_argument("--name", required=True, help="usage ou partenaire")
        create.add_argument("--scope", action="append", default=[], choices=ApiScope.values)
        create.add_argument(
            "--days", type=int, default=tokens.DEFAULT_DAYS, help="durée de validité en jours"
        )
        listing = sub.add_parser("list", help="lister les jetons")
        add_format_option(listing)
        revoke = sub.add_parser("revoke", help="révoquer un jeton")
        revoke.add_argument("prefix")

    def handle(self, *args, **options):
        action = options.get("action") or options.get("subcommand")
        getattr(self, f"_{action}")(options)

    def _create(self, options):
        user = User.objects.filter(email__iexact=options["user"].strip(), is_active=True).first()
        if user is None:
            raise Erreur(f"Aucun compte actif pour l'adresse {options['user']!r}.")
        try:
            _, raw = tokens.create_token(
                user=user, name=options["name"], scopes=options["scope"], days=options["days"]
            )
        except tokens.TokenError as exc:
            raise Erreur(str(exc)) from None
        self.stdout.write(raw)

    def _list(self, options):
        rows = [
            {
                "prefix": t.prefix,
                "name": t.name,
                "user": t.user.email,
                "scopes": t.scopes,
                "expires_at": t.expires_at.isoformat(),
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
                "active": t.is_active,
            }
            for t in ApiToken.objects.select_related("user")
        ]
        self.write_rows(
            options["format"],
            "tokens",
            rows,
            lambda r: (
                f"{r['prefix']}  {'actif' if r['active'] else 'inactif'}  {r['name']}  {r['user']}  "
                f"{','.join(r['scopes'])}  {r['expires_at'][:10]}"
            ),
        )

    def _revoke(self, options):
        token = ApiToken.objects.filter(prefix=options["prefix"].strip()).first()
        if token is None:
            raise Erreur(f"Aucun jeton de préfixe {options['prefix']!r}.")
        tokens.revoke_token(token=token)
        self.stdout.write(f"Jeton {token.prefix} révoqué.")
