"""``millejours accesslog verify|anchor``: check the access-log chain, anchor its head.

Contract::

    millejours accesslog verify [--chunk-size N] [--anchor FICHIER]
    millejours accesslog anchor

``verify``:
- exit 0 and « Journal des accès intact : N entrée(s) vérifiée(s). » on stdout when the
  chain, its signed head and every anchor agree;
- exit 1 and « Journal des accès altéré : première entrée en défaut n° ID — raison » on
  stderr when a row was edited, forged, deleted or inserted, the head was rewritten, or
  the log is behind an anchor (fewer entries, anchored entry missing or changed, log
  deleted); ``--anchor`` checks against one anchor file (e.g. received by e-mail) in
  addition to the anchor store.

``anchor`` (daily, from the scheduler: ``call_command("accesslog", "anchor")``):
- verifies the log, then records its signed head (count, last entry, time) in the anchor
  stores (``MILLEJOURS_ACCESSLOG_ANCHOR_STORES``); exit 0 and « Ancre enregistrée … »;
- exit 1 (``CommandError``) when the log is not intact: nothing is anchored.

Invalid arguments or configuration: French message, exit 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

from millejours.audit.anchors import (
    AnchorError,
    anchor_access_log,
    check_anchor_config,
    read_anchor_file,
)
from millejours.audit.chain import verify_chain
from millejours.lib.cli import Erreur, FrenchCommand, french_subparsers


class Command(FrenchCommand):
    help = "Journal des accès : vérification de la chaîne d'empreintes, ancrage de sa tête."

    def add_arguments(self, parser):
        sub = french_subparsers(parser)
        verify = sub.add_parser("verify", help="vérifier que la chaîne est intacte")
        verify.add_argument("--chunk-size", type=int, default=5000, help="entrées lues par lot")
        verify.add_argument("--anchor", type=Path, help="vérifier aussi contre ce fichier d'ancre")
        sub.add_parser("anchor", help="ancrer la tête du journal hors de la base")

    def handle(self, *args, **options):
        if options["action"] == "anchor":
            self._anchor()
            return
        extra = []
        if options.get("anchor"):
            try:
                extra.append(read_anchor_file(options["anchor"]))
            except AnchorError as exc:
                raise Erreur(str(exc)) from None
        report = verify_chain(chunk_size=max(1, options["chunk_size"]), extra_anchors=extra)
        if report.ok:
            self.stdout.write(report.message)
            return
        self.stderr.write(report.message)
        sys.exit(1)

    def _anchor(self):
        try:
            check_anchor_config()
        except AnchorError as exc:
            raise Erreur(f"Ancrage impossible : {exc}") from None
        try:
            anchor, written = anchor_access_log()
        except AnchorError as exc:
            raise Erreur(f"Ancrage impossible : {exc}", returncode=1) from None
        self.stdout.write(
            f"Ancre enregistrée : {anchor.count} entrée(s), dernière n° {anchor.last_id}, le {anchor.when}"
            f" → {'; '.join(written)}."
        )
