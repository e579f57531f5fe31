"""The access-log chain: keyed links (HMAC-SHA256), a signed head, and its verification.

Every entry stores ``entry_hash = HMAC(key, prev_hash + canonical content)`` and the id of
the key that signed it (``key_id``). The keys live outside the database, in
``MILLEJOURS_ACCESSLOG_KEYS`` (comma-separated, the FIRST signs, ALL verify), so that a
person who can write to the database but does not hold the key cannot forge a link nor
re-sign the head after deleting the last entries. Rotation: put a new key first, keep the
old ones as long as entries signed with them must verify (old entries keep their key id).

The head (``AccessLogHead``, one row) is signed the same way; it is created only for an
empty log and is never rebuilt from the rows (``record_access`` refuses to write when it is
missing or its signature is wrong). What the head cannot tell (the whole log and the head
deleted together) the anchors of ``audit.anchors`` tell.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

GENESIS_HASH = "0" * 64

FIELDS = (
    "id",
    "at",
    "user_id",
    "actor_label",
    "actor_profession",
    "actor_organisation",
    "family_id_ref",
    "page",
    "path",
    "break_glass",
    "prev_hash",
    "entry_hash",
    "key_id",
)


class AccessLogTampered(RuntimeError):
    """The chain head is missing or forged: no entry may be written until it is repaired."""


# --- Keys ---------------------------------------------------------------------------------


def derived_dev_key() -> str:
    """The key of demo and test runs (derived from SECRET_KEY; refused in production)."""
    return hashlib.sha256(("millejours-accesslog-key:" + settings.SECRET_KEY).encode()).hexdigest()


def key_id_of(key: str) -> str:
    """A short public fingerprint of a key, stored with every entry it signs."""
    return hashlib.sha256(("millejours-accesslog-key-id:" + key).encode()).hexdigest()[:12]


def accesslog_keys() -> dict[str, bytes]:
    """Key id → key, the signing key first (dicts keep their order)."""
    keys = [k for k in getattr(settings, "MILLEJOURS_ACCESSLOG_KEYS", []) if k]
    if not keys:
        if not (getattr(settings, "DEMO_MODE", False) or getattr(settings, "TESTING", False)):
            raise ImproperlyConfigured(
                "MILLEJOURS_ACCESSLOG_KEYS n'est pas défini : le journal des accès ne peut pas être signé."
            )
        keys = [derived_dev_key()]
    return {key_id_of(k): k.encode() for k in keys}


def signing_key() -> tuple[str, bytes]:
    return next(iter(accesslog_keys().items()))


def _mac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


# --- Links and head -------------------------------------------------------------------------


def canonical_content(entry) -> str:
    """The signed content of an entry (an ``AccessLog`` or a dict of its fields)."""
    get: Any = entry.get if isinstance(entry, dict) else (lambda name: getattr(entry, name))
    return json.dumps(
        {
            "at": get("at").isoformat(),
            "user": get("user_id"),
            "actor": get("actor_label"),
            "profession": get("actor_profession"),
            "organisation": get("actor_organisation"),
            "family": get("family_id_ref"),
            "page": get("page"),
            "path": get("path"),
            "break_glass": get("break_glass"),
        },
        sort_keys=True,
        ensure_ascii=False,
    )


def link_hash(key: bytes, prev_hash: str, entry) -> str:
    return _mac(key, prev_hash + canonical_content(entry))


def compute_hash(prev_hash: str, entry) -> str:
    """The link of ``entry`` with the key named by its ``key_id`` (the signing key if none)."""
    get = entry.get if isinstance(entry, dict) else (lambda name: getattr(entry, name, ""))
    keys = accesslog_keys()
    key = keys.get(get("key_id") or "") or signing_key()[1]
    return link_hash(key, prev_hash, entry)


def head_message(last_id: int, last_hash: str, count: int) -> str:
    return f"head|{last_id}|{last_hash}|{count}"


def sign_head(head) -> None:
    """Sign ``head`` (an ``AccessLogHead``) with the current signing key (not saved)."""
    key_id, key = signing_key()
    head.key_id = key_id
    head.mac = _mac(key, head_message(head.last_id, head.last_hash, head.count))


def head_is_authentic(head) -> bool:
    key = accesslog_keys().get(head.key_id or "")
    if key is None:
        return False
    expected = _mac(key, head_message(head.last_id, head.last_hash, head.count))
    return hmac.compare_digest(expected, head.mac or "")


def mac_document(doc: dict, key_id: str | None = None) -> str | None:
    """The signature of an anchor document (every key but ``mac``); None for an unknown key."""
    keys = accesslog_keys()
    key = keys.get(key_id) if key_id else signing_key()[1]
    if key is None:
        return None
    body = json.dumps({k: v for k, v in doc.items() if k != "mac"}, sort_keys=True)
    return _mac(key, body)


# --- Verification ----------------------------------------------------------------------------


@dataclass
class ChainReport:
    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str = ""
    last_id: int = 0
    last_hash: str = GENESIS_HASH
    anchors: int = field(default=0)

    @property
    def message(self) -> str:
        if self.ok:
            text = f"Journal des accès intact : {self.checked} entrée(s) vérifiée(s)."
            if self.anchors:
                text += f" Conforme à {self.anchors} ancre(s)."
            return text
        if self.broken_id is None:
            return f"Journal des accès altéré : {self.problem}"
        return f"Journal des accès altéré : première entrée en défaut n° {self.broken_id} — {self.problem}"


def _check_row(row, prev_hash: str, prev_id: int, keys: dict[str, bytes]) -> str:
    """The problem of one row, or an empty string."""
    if row["prev_hash"] != prev_hash:
        where = f"après l'entrée n° {prev_id}" if prev_id else "au début du journal"
        return f"son empreinte précédente ne correspond pas : une entrée a été supprimée ou insérée {where}."
    key = keys.get(row["key_id"] or "")
    if key is None:
        return f"elle est signée par une clé inconnue (« {row['key_id'] or 'aucune'} ») : clé retirée de MILLEJOURS_ACCESSLOG_KEYS ou entrée forgée."
    if not hmac.compare_digest(link_hash(key, row["prev_hash"], row), row["entry_hash"]):
        return "son contenu a été modifié ou sa signature forgée (l'empreinte ne correspond plus)."
    return ""


class _Walk:
    """The state of one walk along the chain (last link, count, anchored hashes seen)."""

    def __init__(self, anchored_ids):
        self.keys = accesslog_keys()
        self.anchored_ids = anchored_ids
        self.seen: dict[int, str] = {}
        self.prev_hash, self.prev_id, self.checked = GENESIS_HASH, 0, 0

    def feed(self, rows) -> ChainReport | None:
        for row in rows:
            problem = _check_row(row, self.prev_hash, self.prev_id, self.keys)
            if problem:
                return ChainReport(False, self.checked, row["id"], problem)
            if row["id"] in self.anchored_ids:
                self.seen[row["id"]] = row["entry_hash"]
            self.prev_hash, self.prev_id = row["entry_hash"], row["id"]
            self.checked += 1
        return None


def _check_head(walk: _Walk, chunk_size: int) -> ChainReport | None:
    """Compare the walk with the signed head, read after the walk.

    Entries written while the walk ran are committed with the head: when the head is ahead,
    the rows up to its last entry are read and checked too before concluding a truncation.
    """
    from .models import AccessLog, AccessLogHead

    head = AccessLogHead.objects.filter(pk=1).first()
    if head is None:
        if walk.checked:
            return ChainReport(
                False, walk.checked, walk.prev_id, "la tête du journal est absente (supprimée)."
            )
        return None
    if not head_is_authentic(head):
        return ChainReport(
            False,
            walk.checked,
            head.last_id or None,
            "la tête du journal a été modifiée (sa signature ne correspond pas) : des entrées ont pu être supprimées.",
        )
    if (
        head.last_hash != walk.prev_hash
        and head.count > walk.checked
        and head.last_id > walk.prev_id
    ):
        later = AccessLog.objects.filter(id__gt=walk.prev_id, id__lte=head.last_id).order_by("id")
        report = walk.feed(later.values(*FIELDS).iterator(chunk_size=chunk_size))
        if report is not None:
            return report
    if head.last_hash != walk.prev_hash:
        if head.count > walk.checked:
            return ChainReport(
                False,
                walk.checked,
                head.last_id,
                f"la ou les dernières entrées ont été supprimées (attendu {head.count}, trouvé {walk.checked}).",
            )
        return ChainReport(
            False,
            walk.checked,
            walk.prev_id,
            "une entrée a été ajoutée en fin de journal sans passer par l'enregistrement normal.",
        )
    return None


def verify_chain(*, chunk_size: int = 5000, anchors=None, extra_anchors=()) -> ChainReport:
    """Walk the log in id order and check every link, the signed head, then the anchors.

    Detects an edited or forged row (its HMAC no longer matches), a deleted or inserted row
    (the next row's ``prev_hash`` no longer matches), deleted rows at the end (the signed
    head no longer matches) and a log behind an anchor (``anchors``: a list of
    ``audit.anchors.Anchor``; by default the anchors of the configured store, plus
    ``extra_anchors``; an unreadable anchor file of the store is a failure). Safe while
    entries are being written (they are checked up to the head read after the walk).
    """
    from .anchors import AnchorError, check_against_anchors, load_anchors
    from .models import AccessLog

    if anchors is None:
        try:
            anchors = load_anchors()
        except AnchorError as exc:
            return ChainReport(False, 0, None, f"{exc} Le magasin d'ancres a été altéré.")
    anchors = [*anchors, *extra_anchors]
    bad_anchor = next((a for a in anchors if not a.authentic), None)
    if bad_anchor is not None:
        return ChainReport(
            False,
            0,
            None,
            f"l'ancre {bad_anchor.source} n'a pas une signature valide (ancre falsifiée ou clé retirée).",
        )
    walk = _Walk({a.last_id for a in anchors if a.last_id})
    report = (
        walk.feed(AccessLog.objects.order_by("id").values(*FIELDS).iterator(chunk_size=chunk_size))
        or _check_head(walk, chunk_size)
        or check_against_anchors(anchors, walk.seen, walk.checked)
    )
    if report is not None:
        return report
    return ChainReport(
        True, walk.checked, last_id=walk.prev_id, last_hash=walk.prev_hash, anchors=len(anchors)
    )
