"""Pre-aggregated figures: the raw counts of the 1000-days indicators for one year,
computed at night by the scheduler (job ``indicators_snapshot``) so that the dashboard reads
one row instead of running some 26 aggregate queries. Raw counts stay on the platform:
every page and report publishes them through the small-cell suppression."""

from django.db import models


class IndicatorSnapshot(models.Model):
    year = models.PositiveSmallIntegerField("année", unique=True)
    computed_at = models.DateTimeField("calculé le")
    figures = models.JSONField("comptes bruts")

    class Meta:
        verbose_name = "comptes pré-agrégés des indicateurs"

    def __str__(self) -> str:
        return f"Indicateurs {self.year} (calculés le {self.computed_at:%d/%m/%Y %H:%M})"


class StepsSnapshot(models.Model):
    """The « Petits pas grands pas » counts of one year, computed at night with the
    1000-days ones (job ``indicators_snapshot``) so that the dashboard ``/indicateurs/``
    reads three rows instead of counting milestones and recontacts live."""

    year = models.PositiveSmallIntegerField("année", unique=True)
    computed_at = models.DateTimeField("calculé le")
    counts = models.JSONField("comptes")  # {code: [total, of which first children or null]}

    class Meta:
        verbose_name = "comptes pré-agrégés « Petits pas grands pas »"

    def __str__(self) -> str:
        return f"Petits pas grands pas {self.year} (calculés le {self.computed_at:%d/%m/%Y %H:%M})"
