from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Pages of trust for families and the DPO: consents, access history, break the glass,
    RGPD export and erasure, and the consents panel of the family record.

    Page code only: the records and rules live in the ground floor (``millejours.audit``),
    the care team in ``millejours.pathway.careteam``. No other app imports this one (its
    panel is included by a template tag), so that imports flow one way.
    """

    name = "millejours.privacy"
    label = "privacy"
    verbose_name = "Données personnelles"
