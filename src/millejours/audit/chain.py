"""Verification of the access-log hash chain, streamed (constant memory, any size)."""

from __future__ import annotations

from dataclasses import dataclass

from .models import AccessLog, AccessLogHead
from .services import GENESIS_HASH, compute_hash

FIELDS = (
    "id", "at", "user_id", "actor_label", "actor_profession", "actor_organisation",
    "family_id_ref", "page", "path", "break_glass", "prev_hash", "entry_hash",
)


@dataclass
class ChainReport:
    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str = ""

    @property
    def message(self) -> str:
        if self.ok:
            return f"Journal des accès intact : {self.checked} entrée(s) vérifiée(s)."
        return f"Journal des accès altéré : première entrée en défaut n° {self.broken_id} — {self.problem}"


def verify_chain(*, chunk_size: int = 5000) -> ChainReport:
    """Walk the log in id order and recompute every hash.

    Detects an edited row (its hash no longer matches its content), a deleted or inserted
    row (the next row's ``prev_hash`` no longer matches), and deleted or appended rows at
    the end (the chain head kept by ``record_access`` no longer matches).
    """
    prev_hash = GENESIS_HASH
    prev_id = 0
    checked = 0
    rows = AccessLog.objects.order_by("id").values(*FIELDS).iterator(chunk_size=chunk_size)
    for row in rows:
        if row["prev_hash"] != prev_hash:
            where = f"après l'entrée n° {prev_id}" if prev_id else "au début du journal"
            return ChainReport(
                False, checked, row["id"],
                f"son empreinte précédente ne correspond pas : une entrée a été supprimée ou insérée {where}.",
            )
        if compute_hash(row["prev_hash"], row) != row["entry_hash"]:
            return ChainReport(
                False, checked, row["id"], "son contenu a été modifié (l'empreinte ne correspond plus)."
            )
        prev_hash, prev_id = row["entry_hash"], row["id"]
        checked += 1
    head = AccessLogHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev_hash:
        if head.count > checked:
            return ChainReport(
                False, checked, head.last_id,
                f"la ou les dernières entrées ont été supprimées (attendu {head.count}, trouvé {checked}).",
            )
        return ChainReport(
            False, checked, prev_id,
            "une entrée a été ajoutée en fin de journal sans passer par l'enregistrement normal.",
        )
    if head is None and checked:
        return ChainReport(False, checked, prev_id, "la tête du journal est absente.")
    return ChainReport(True, checked)
