"""``millejours jobs list [--format json]`` and ``millejours jobs run NAME``.

``list`` prints ``{"jobs": [{"name", "schedule", "last_run", "last_status"}]}`` (schedule as
a cron expression in local time, last_run ISO 8601 or null, last_status ``success``,
``failed``, ``running`` or null). ``run`` runs one job now and records the run: exit 0
when it succeeded, 1 when it failed, 2 for an unknown name.
"""

from __future__ import annotations

from millejours.lib.cli import Erreur, FrenchCommand, add_format_option, french_subparsers
from millejours.ops.jobs import BY_NAME
from millejours.ops.models import RunStatus
from millejours.ops.selectors import jobs_overview
from millejours.ops.services import run_now

CONTRACT_KEYS = ("name", "schedule", "last_run", "last_status")


class Command(FrenchCommand):
    help = "Tâches planifiées : liste, exécution immédiate."

    def add_arguments(self, parser):
        sub = french_subparsers(parser)
        listing = sub.add_parser(
            "list", help="les tâches, leur planification et leur dernière exécution"
        )
        add_format_option(listing, "texte", "json")
        run = sub.add_parser("run", help="exécuter une tâche maintenant")
        run.add_argument("name", metavar="NOM", help="nom de la tâche (voir « jobs list »)")

    def handle(self, *args, **options):
        if options["action"] == "list":
            rows = jobs_overview()
            if options["format"] == "json":
                self.write_json({"jobs": [{k: r[k] for k in CONTRACT_KEYS} for r in rows]})
                return
            for r in rows:
                last = (
                    f"{r['last_run'][:16]} {r['last_status']}"
                    if r["last_run"]
                    else "jamais exécutée"
                )
                self.stdout.write(
                    f"{r['name']:<24} {r['schedule_text']:<36} {last}\n    {r['description']}"
                )
            return
        self.run_job(options["name"])

    def run_job(self, name: str):
        job = BY_NAME.get(name)
        if job is None:
            raise Erreur(f"Tâche inconnue : « {name} ». Tâches existantes : {', '.join(BY_NAME)}.")
        run = run_now(job)
        self.write_json({"name": job.name, "status": run.status, "result": run.result})
        if run.status == RunStatus.FAILED:
            first_line = run.error.splitlines()[0] if run.error else ""
            raise Erreur(f"La tâche « {name} » a échoué : {first_line}", returncode=1)
