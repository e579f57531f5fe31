"""Builders of declaration files for the outreach tests (synthetic people only)."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

from django.core.management import call_command

HEADER = [
    "nom",
    "prenom",
    "date_naissance",
    "nir",
    "telephone",
    "email",
    "code_insee",
    "code_postal",
    "commune",
    "ddr",
    "dpa",
    "date_declaration",
    "primipare",
    "source",
]


def days_ago(n: int) -> str:
    return f"{date.today() - timedelta(days=n):%d/%m/%Y}"


def row(**values) -> dict:
    base = {
        "nom": "Lefèvre",
        "prenom": "Élodie",
        "date_naissance": "14/02/1993",
        "nir": "",
        "telephone": "06 12 34 56 78",
        "email": "",
        "code_insee": "31113",
        "code_postal": "",
        "commune": "",
        "ddr": days_ago(70),
        "dpa": "",
        "date_declaration": days_ago(20),
        "primipare": "oui",
        "source": "CPAM",
    }
    base.update(values)
    return base


def people(n: int, start: int = 0) -> list[dict]:
    """``n`` distinct valid rows."""
    return [
        row(
            nom=f"Martin{chr(65 + (i % 26))}{i}",
            prenom="Julie",
            telephone=f"06{(10000000 + i):08d}",
            date_naissance=f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1985 + i % 15}",
        )
        for i in range(start, start + n)
    ]


def csv_bytes(rows: list[dict], *, delimiter=";", encoding="utf-8", header=HEADER) -> bytes:
    lines = [delimiter.join(header)]
    for item in rows:
        lines.append(delimiter.join(str(item.get(col, "")) for col in header))
    return ("\n".join(lines) + "\n").encode(encoding)


def write(tmp_path, rows, name="declarations.csv", **kwargs):
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows, **kwargs))
    return path


def run_command(path, *args) -> dict:
    out = io.StringIO()
    call_command(
        "declarations",
        "import",
        str(path),
        "--format",
        "json",
        *args,
        stdout=out,
        stderr=io.StringIO(),
    )
    return json.loads(out.getvalue())


def nir(body: str = "2930231113045") -> str:
    """A NIR with a correct key (synthetic)."""
    return f"{body}{97 - int(body) % 97:02d}"
