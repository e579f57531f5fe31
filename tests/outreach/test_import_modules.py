"""The import modules flow one way (issue 17): reading → deduplication → writing, no task
launched from them (``outreach.tasks`` launches outreach's tasks, pathway queues the
calendar with its own task), no pathway row written by outreach itself."""

import ast
from pathlib import Path

import pytest

import millejours.outreach as outreach
from millejours.outreach import tasks

IMPORT_MODULES = ("importer", "import_reading", "import_dedup", "import_writing", "imports")


def _imports(name: str) -> list[tuple[str, set[str]]]:
    tree = ast.parse((Path(outreach.__file__).parent / f"{name}.py").read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            found.append((module, {alias.name for alias in node.names}))
    return found


@pytest.mark.parametrize("name", IMPORT_MODULES)
def test_the_import_modules_launch_no_task(name):
    for module, names in _imports(name):
        assert not module.endswith("tasks") and "tasks" not in names, (name, module)


def test_outreach_writes_no_pathway_row_itself():
    """The writing module creates families through pathway's services, not its models."""
    modules = {module for module, _ in _imports("import_writing")}
    assert "millejours.pathway.models" not in modules
    assert "millejours.pathway.services" in modules


def test_outreach_has_no_calendar_task_of_its_own():
    assert not hasattr(tasks, "materialise_pregnancies")
