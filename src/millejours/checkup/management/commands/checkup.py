"""``millejours checkup domains [--format json|text]`` — the check-up's domains.

Command contract (issue 15, keep it stable)::

    {"domains": [{"code": str, "label": str, "questions": int}, …]}

the six domains in the order of the data file. Bad usage: a French message, exit code 2.
"""

from __future__ import annotations

from millejours.checkup import questionnaire
from millejours.lib.cli import FrenchCommand, add_format_option, french_subparsers


class Command(FrenchCommand):
    help = "Décrit le bilan prévention (domaines et nombre de questions)."

    def add_arguments(self, parser):
        sub = french_subparsers(parser, title="actions")
        domains = sub.add_parser("domains", help="Les six domaines du bilan, dans l'ordre")
        add_format_option(domains)

    def handle(self, *args, **options):
        q = questionnaire.get()
        rows = [
            {"code": d.code, "label": d.label, "questions": len(d.questions)} for d in q.domains
        ]
        self.write_rows(
            options["format"],
            "domains",
            rows,
            lambda row: f"{row['code']:<15} {row['label']} ({row['questions']} questions)",
        )
