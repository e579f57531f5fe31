from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Ground floor of trust: access log, audit events, field encryption, consent checks.

    Every domain may import it; it imports no domain page code. The label stays
    ``trust`` so that the tables and migrations written before the split keep their names.
    """

    name = "millejours.audit"
    label = "trust"
    verbose_name = "Journal et confiance"
