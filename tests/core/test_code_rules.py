"""Rules of the code base that no linter checks (issue 17, docs/architecture.md).

An import inside a function hides a dependency from the reader: it stays only with a
comment that says why (``ready()``, a heavy library loaded for one export, a real loop).
Every app is always installed, so no code guards an import of one with ``ImportError``.
"""

import ast
from pathlib import Path

from django.template import engines
from django.template.defaulttags import CommentNode, LoadNode
from django.template.loader_tags import BlockNode, ExtendsNode

import millejours

SRC = Path(millejours.__file__).parent


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path.relative_to(SRC), path.read_text(encoding="utf-8")


def test_every_import_inside_a_function_says_why():
    silent = []
    for name, source in _modules():
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            imports = [n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)]
            if imports:
                end = max(n.end_lineno or n.lineno for n in imports)
                if not any("#" in line for line in lines[node.lineno - 1 : end]):
                    silent.append(f"{name}:{imports[0].lineno} ({node.name})")
    assert not silent, silent


def test_no_import_of_the_project_is_guarded_by_import_error():
    guarded = []
    for name, source in _modules():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Try) and any(
                h.type is not None and "ImportError" in ast.unparse(h.type) for h in node.handlers
            ):
                modules = {
                    n.module or "" for n in ast.walk(node) if isinstance(n, ast.ImportFrom)
                } | {a.name for n in ast.walk(node) if isinstance(n, ast.Import) for a in n.names}
                if any(m.startswith("millejours") or not m for m in modules):
                    guarded.append(f"{name}:{node.lineno}")
    assert not guarded, guarded


def test_commands_write_json_one_way():
    """``FrenchCommand.write_json``: the same encoder as the web app, accents unescaped."""
    by_hand = [
        f"{name}:{node.lineno}"
        for name, source in _modules()
        if "commands" in name.parts
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and ast.unparse(node.func) == "self.stdout.write"
        and "json.dumps" in ast.unparse(node)
    ]
    assert not by_hand, by_hand


def test_a_child_template_writes_nothing_outside_its_blocks():
    """Django drops whatever a template that ``{% extends %}`` another writes outside its
    ``{% block %}`` tags, silently: a tag there never runs (« Mes données » once showed its
    « values stay in French » note to French readers because of it)."""
    engine = engines["django"].engine
    lost, children = [], 0
    for path in sorted(SRC.rglob("templates/**/*.html")):
        parts = path.relative_to(SRC).parts
        name = "/".join(parts[parts.index("templates") + 1 :])
        nodes = engine.get_template(name).nodelist
        extends = [n for n in nodes if isinstance(n, ExtendsNode)]
        if not extends:
            continue
        children += 1
        for node in extends[0].nodelist:
            if isinstance(node, BlockNode | LoadNode | CommentNode):
                continue
            if getattr(node, "s", "x").strip() == "":  # white space between blocks
                continue
            lost.append(f"{name}: {node!r}")
    assert children > 100  # the walk reaches the page templates
    assert not lost, lost
