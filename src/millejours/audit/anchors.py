"""Anchors of the access log: its signed head, kept OUTSIDE the database.

``anchor_access_log()`` (``millejours accesslog anchor``, run daily by the scheduler)
verifies the chain, then records what it verified — entry count, last entry id and hash,
time — signed with the access-log key, in the anchor stores of
``MILLEJOURS_ACCESSLOG_ANCHOR_STORES``:

- ``file`` (default): one new read-only JSON file per anchor in
  ``MILLEJOURS_ACCESSLOG_ANCHOR_DIR`` (default ``MILLEJOURS_DATA_DIR/anchors/``), created
  with ``O_EXCL`` and never rewritten (put the directory on another disk, an append-only or
  WORM mount, or copy it off the machine);
- ``email``: the same document e-mailed to ``MILLEJOURS_DPO_EMAILS`` (Django mail); the DPO
  can check the log against it with ``accesslog verify --anchor FILE``.

``verify_chain`` then fails when the log is behind any anchor: fewer entries than anchored,
an anchored entry missing or with another hash (the tail deleted and the head rewritten, or
the whole log deleted).
"""

from __future__ import annotations

import hmac
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .chain import ChainReport, mac_document, signing_key, verify_chain

ANCHOR_VERSION = 1
STORES = ("file", "email")


class AnchorError(Exception):
    """An anchor could not be taken or read (French message)."""


@dataclass(frozen=True)
class Anchor:
    at: str
    count: int
    last_id: int
    last_hash: str
    key_id: str
    mac: str
    source: str = ""

    def document(self) -> dict:
        return {
            "version": ANCHOR_VERSION,
            "at": self.at,
            "count": self.count,
            "last_id": self.last_id,
            "last_hash": self.last_hash,
            "key_id": self.key_id,
            "mac": self.mac,
        }

    @property
    def authentic(self) -> bool:
        expected = mac_document(self.document(), self.key_id)
        return expected is not None and hmac.compare_digest(expected, self.mac)

    @property
    def when(self) -> str:
        try:
            return timezone.localtime(datetime.fromisoformat(self.at)).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            return self.at

    @classmethod
    def from_document(cls, doc: dict, source: str) -> Anchor:
        try:
            return cls(
                at=str(doc["at"]),
                count=int(doc["count"]),
                last_id=int(doc["last_id"]),
                last_hash=str(doc["last_hash"]),
                key_id=str(doc["key_id"]),
                mac=str(doc["mac"]),
                source=source,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise AnchorError(
                f"ancre {source} illisible (champ manquant ou invalide : {exc})."
            ) from None


def anchor_dir() -> Path:
    return Path(
        getattr(settings, "MILLEJOURS_ACCESSLOG_ANCHOR_DIR", "")
        or Path(settings.DATA_DIR) / "anchors"
    )


def anchor_stores() -> list[str]:
    stores = list(getattr(settings, "MILLEJOURS_ACCESSLOG_ANCHOR_STORES", ["file"]) or ["file"])
    unknown = [s for s in stores if s not in STORES]
    if unknown:
        raise AnchorError(
            f"MILLEJOURS_ACCESSLOG_ANCHOR_STORES : magasin d'ancres inconnu {', '.join(unknown)} (choix : file, email)."
        )
    return stores


def check_anchor_config() -> list[str]:
    """The configured stores; ``AnchorError`` when the configuration cannot work."""
    stores = anchor_stores()
    if "email" in stores and not getattr(settings, "MILLEJOURS_DPO_EMAILS", []):
        raise AnchorError("ancre par courriel demandée mais MILLEJOURS_DPO_EMAILS est vide.")
    return stores


def read_anchor_file(path: Path) -> Anchor:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AnchorError(f"ancre {path} illisible : {exc}") from None
    if not isinstance(doc, dict):
        raise AnchorError(f"ancre {path} illisible : un objet JSON est attendu.")
    return Anchor.from_document(doc, str(path))


def load_anchors() -> list[Anchor]:
    """Every anchor of the file store (oldest first); none when the directory is absent."""
    directory = anchor_dir()
    if "file" not in anchor_stores() or not directory.is_dir():
        return []
    anchors = [read_anchor_file(p) for p in sorted(directory.glob("ancre-*.json"))]
    return sorted(anchors, key=lambda a: (a.count, a.at))


def check_against_anchors(anchors: list[Anchor], seen: dict[int, str], checked: int):
    """The first way the log is behind an anchor, as a ``ChainReport``; None when it is not."""
    for anchor in sorted(anchors, key=lambda a: (a.count, a.at), reverse=True):
        if checked < anchor.count:
            return ChainReport(
                False,
                checked,
                anchor.last_id or None,
                f"le journal est en retard sur l'ancre du {anchor.when} : {anchor.count} entrée(s) ancrée(s),"
                f" {checked} trouvée(s) — des entrées ont été supprimées{' (journal vidé)' if not checked else ''}.",
            )
        if anchor.last_id and anchor.last_id not in seen:
            return ChainReport(
                False,
                checked,
                anchor.last_id,
                f"cette entrée, ancrée le {anchor.when}, est absente du journal (entrées supprimées puis journal réécrit).",
            )
        if anchor.last_id and seen[anchor.last_id] != anchor.last_hash:
            return ChainReport(
                False,
                checked,
                anchor.last_id,
                f"son empreinte ne correspond plus à celle ancrée le {anchor.when} (journal réécrit).",
            )
    return None


def _write_file(anchor: Anchor) -> Path:
    directory = anchor_dir()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.fromisoformat(anchor.at).strftime("%Y%m%dT%H%M%S%fZ")
    path = directory / f"ancre-{stamp}-{anchor.count:012d}.json"
    data = json.dumps(anchor.document(), sort_keys=True, indent=2).encode() + b"\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o440)  # never overwrite an anchor
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    return path


def _send_email(anchor: Anchor) -> str:
    recipients = list(getattr(settings, "MILLEJOURS_DPO_EMAILS", []))
    if not recipients:
        raise AnchorError("ancre par courriel demandée mais MILLEJOURS_DPO_EMAILS est vide.")
    body = (
        "Ancre du journal des accès de Mille Jours.\n\n"
        f"Entrées : {anchor.count}, dernière entrée n° {anchor.last_id}, le {anchor.when}.\n"
        "Conservez ce courriel. Pour vérifier le journal contre cette ancre, enregistrez le document"
        " ci-dessous dans un fichier puis lancez : millejours accesslog verify --anchor FICHIER\n\n"
        + json.dumps(anchor.document(), sort_keys=True, indent=2)
        + "\n"
    )
    send_mail(
        f"[Mille Jours] Ancre du journal des accès ({anchor.count} entrées)", body, None, recipients
    )
    return ", ".join(recipients)


def anchor_access_log() -> tuple[Anchor, list[str]]:
    """Verify the log, then record its signed head in every configured store.

    The plain function of the daily scheduler job. Raises ``AnchorError`` (French message)
    when the log is not intact (nothing is anchored then) or a store fails.
    """
    stores = check_anchor_config()
    report = verify_chain()
    if not report.ok:
        raise AnchorError(f"ancrage refusé, le journal n'est pas intact. {report.message}")
    key_id, _ = signing_key()
    doc = {
        "version": ANCHOR_VERSION,
        "at": timezone.now().isoformat(),
        "count": report.checked,
        "last_id": report.last_id,
        "last_hash": report.last_hash,
        "key_id": key_id,
    }
    anchor = Anchor.from_document({**doc, "mac": mac_document(doc)}, "")
    written = []
    if "file" in stores:
        written.append(str(_write_file(anchor)))
    if "email" in stores:
        written.append(f"courriel à {_send_email(anchor)}")
    return anchor, written
