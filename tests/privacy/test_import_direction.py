"""The privacy pages sit on top: no other app imports them (the RGPD rights services of
``privacy.rgpd`` are imported by outreach and maintenance, the pages never), and the ground
floor (audit) imports nothing of the domains. The layers of every app are checked by the
import contract (``lint-imports``, pyproject ``[tool.importlinter]``)."""

import ast
from pathlib import Path

import millejours

SRC = Path(millejours.__file__).parent


def imports_of(app: str) -> dict[str, set[str]]:
    """File (relative) → every ``millejours.…`` module it imports, at any depth."""
    found = {}
    for path in (SRC / app).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[str(path.relative_to(SRC))] = {n for n in names if n.startswith("millejours.")}
    return found


PRIVACY_PAGES = tuple(
    f"millejours.privacy.{name}" for name in ("views", "urls", "forms", "templatetags")
)


def test_no_app_imports_the_privacy_pages():
    apps = [
        p.name for p in SRC.iterdir() if p.is_dir() and p.name not in {"privacy", "__pycache__"}
    ]
    offenders = {
        file: sorted(n for n in names if n.startswith(PRIVACY_PAGES))
        for app in apps
        for file, names in imports_of(app).items()
        if any(n.startswith(PRIVACY_PAGES) for n in names)
    }
    assert not offenders, offenders


GROUND_FLOOR = ("millejours.audit", "millejours.lib", "millejours.accounts")


def test_the_ground_floor_imports_nothing_of_the_domains():
    """audit stays below every domain: the RGPD walk over the family's rows is privacy's."""
    offenders = {
        file: sorted(n for n in names if not n.startswith(GROUND_FLOOR))
        for file, names in imports_of("audit").items()
    }
    assert not {f: n for f, n in offenders.items() if n}, offenders


def test_pathway_imports_no_page_code_of_trust():
    offenders = {
        file: sorted(
            n for n in names if n.startswith(("millejours.privacy", "millejours.audit.views"))
        )
        for file, names in imports_of("pathway").items()
    }
    assert not {f: n for f, n in offenders.items() if n}, offenders
