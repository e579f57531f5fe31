"""Deploy checks of the trust settings (``millejours check --deploy``)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

# Every demo account lives under this domain (core.demo, orientations.demo).
DEMO_EMAIL_DOMAIN = "demo.millejours.fr"


def _production() -> bool:
    return not settings.DEBUG and not getattr(settings, "DEMO_MODE", False)


@register(Tags.security, deploy=True)
def check_trust_settings(app_configs=None, **kwargs):
    production = _production()
    demo = getattr(settings, "DEMO_MODE", False)
    problems = [
        (
            production and not settings.MILLEJOURS_MFA_REQUIRED,
            "La double authentification est désactivée (MILLEJOURS_MFA_REQUIRED=0) avec des réglages de production.",
            "Supprimez MILLEJOURS_MFA_REQUIRED : seule la démonstration peut l'assouplir.",
            "millejours.E001",
        ),
        (
            demo,
            "Le mode démonstration (MILLEJOURS_DEMO=1) est actif : il ne doit jamais l'être en production.",
            "Retirez MILLEJOURS_DEMO de l'environnement de production.",
            "millejours.E002",
        ),
        (
            "insecure" in settings.SECRET_KEY,
            "SECRET_KEY n'est pas défini.",
            "Définissez SECRET_KEY (50 caractères aléatoires).",
            "millejours.E003",
        ),
        (
            production and not settings.MILLEJOURS_FIELD_KEYS,
            "Aucune clé de chiffrement des champs sensibles (MILLEJOURS_FIELD_KEYS).",
            "Générez une clé : millejours rotate_field_keys --generate-key",
            "millejours.E004",
        ),
    ]
    return [Error(message, hint=hint, id=id_) for failed, message, hint, id_ in problems if failed]


@register(Tags.security, deploy=True)
def check_no_demo_accounts(app_configs=None, **kwargs):
    """``check --deploy`` fails while demo accounts (public password) exist in the database."""
    # This module is imported by AccountsConfig.ready() and by the settings checks.
    from .models import User

    try:
        emails = list(
            User.objects.filter(email__iendswith="@" + DEMO_EMAIL_DOMAIN).values_list(
                "email", flat=True
            )[:5]
        )
    except DatabaseError:  # database not reachable or not migrated yet: nothing to check
        return []
    if not emails:
        return []
    return [
        Error(
            f"Des comptes de démonstration existent dans la base ({', '.join(emails)}…) :"
            " leur mot de passe est public.",
            hint="Supprimez-les (administration, ou base neuve sans « millejours demo load »).",
            id="millejours.E005",
        )
    ]
