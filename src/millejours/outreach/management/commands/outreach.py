"""``millejours outreach plan | send [--once] | recover``: the "aller vers" outbox.

- ``plan``: queue the messages whose pathway stage is reached (run it daily);
- ``send``: the worker (claim → send → mark sent); ``--once`` for one pass (cron);
- ``recover``: resolve messages claimed by a worker that died (see ``sending``);
- ``status [--format json]``: ``{"queued", "sent", "failed", "to_check"}`` message counts
  (``selectors.outbox_status``, the same figures as the outreach page).
"""

from __future__ import annotations

from millejours.lib.cli import FrenchCommand, add_format_option, add_once_option, french_subparsers
from millejours.outreach import planner, sending
from millejours.outreach.selectors import STATUS_LABELS, outbox_status


class Command(FrenchCommand):
    help = "Aller vers : planification et envoi des messages (SMS, courriel)."

    def add_arguments(self, parser):
        sub = french_subparsers(parser)
        sub.add_parser("plan", help="mettre en file les messages dus")
        send = sub.add_parser("send", help="envoyer les messages en file (worker)")
        add_once_option(send)
        send.add_argument("--batch", type=int, default=50, help="messages réservés à la fois")
        sub.add_parser("recover", help="traiter les messages d'un worker interrompu")
        status = sub.add_parser("status", help="nombre de messages par état")
        add_format_option(status, "texte", "json")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "status":
            return self.status(options["format"])
        if action == "plan":
            self.write_json({"queued": planner.plan_messages()})
        elif action == "recover":
            self.write_json(sending.recover_stale())
        else:

            def log(stats):
                self.stderr.write(
                    f"envoyés {stats.sent}, nouvel essai {stats.retried}, échecs {stats.failed}"
                )

            total = sending.run_worker(once=options["once"], batch=options["batch"], log=log)
            self.write_json(
                {
                    "sent": total.sent,
                    "retried": total.retried,
                    "failed": total.failed,
                    "cancelled": total.cancelled,
                    "deferred": total.deferred,
                }
            )

    def status(self, fmt: str) -> None:
        counts = outbox_status()
        if fmt == "json":
            self.write_json(counts)
            return
        for key, value in counts.items():
            self.stdout.write(f"{STATUS_LABELS[key]} : {value}")
