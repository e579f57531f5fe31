"""``millejours enrolment_link EMAIL [--send]``: a one-time second-factor enrolment link.

Contract:
- prints the link (valid once, ``MILLEJOURS_ENROLMENT_LINK_HOURS`` hours) on stdout, exit 0,
  for an administrator to hand over; with ``--send`` e-mails it to the account's address
  instead and prints « Lien d'inscription envoyé à EMAIL. »;
- unknown or inactive account, invalid arguments: French message, exit 2.
Earlier unused links of the person are revoked.
"""

from __future__ import annotations

from millejours.accounts.enrolment import issue_link, send_link
from millejours.accounts.models import User
from millejours.lib.cli import Erreur, FrenchCommand


class Command(FrenchCommand):
    help = "Lien d'inscription à usage unique pour la double authentification."

    def add_arguments(self, parser):
        parser.add_argument("email", help="adresse du compte")
        parser.add_argument(
            "--send", action="store_true", help="envoyer le lien par courriel à la personne"
        )

    def handle(self, *args, **options):
        user = User.objects.filter(email__iexact=options["email"].strip(), is_active=True).first()
        if user is None:
            raise Erreur(f"Aucun compte actif pour l'adresse {options['email']!r}.")
        if options["send"]:
            send_link(user)
            self.stdout.write(f"Lien d'inscription envoyé à {user.email}.")
            return
        _, url = issue_link(user)
        self.stdout.write(url)
