"""A positive item 10 is never below ``eleve`` (issue 10): correct stored EPDS levels.

Under the v1 rules an item-10 answer worth 1 or 2 points kept the level of the total
(``bas`` or ``vigilance``), and that level reached the family's data export (JSON, PDF).
The answers, the version and the signature stay as they were; only the derived level of
these responses is raised to ``eleve``. Not reversible on purpose.
"""

from django.db import migrations


def raise_item10_levels(apps, schema_editor):
    Response = apps.get_model("screening", "Response")
    Response.objects.filter(questionnaire="epds", alert=True).exclude(level="eleve").update(
        level="eleve"
    )


class Migration(migrations.Migration):
    dependencies = [("screening", "0002_epds_alert_reasons")]

    operations = [migrations.RunPython(raise_item10_levels, migrations.RunPython.noop)]
