"""``deploy/check`` validates every deployment file, and notices a broken one."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_check(deploy_dir: Path):
    loader = importlib.machinery.SourceFileLoader("deploy_check", str(ROOT / "deploy" / "check"))
    module = importlib.util.module_from_spec(
        importlib.util.spec_from_loader("deploy_check", loader)
    )
    loader.exec_module(module)
    module.DEPLOY = deploy_dir
    module.errors.clear()
    return module


@pytest.fixture
def deploy_copy(tmp_path):
    copy = tmp_path / "deploy"
    shutil.copytree(ROOT / "deploy", copy)
    return copy


def test_the_deploy_directory_is_valid():
    result = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "check")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "deploy/ : tout est valide" in result.stdout


def test_a_compose_file_without_the_scheduler_is_refused(deploy_copy):
    path = deploy_copy / "compose.yaml"
    path.write_text(path.read_text().replace("  scheduler:\n", "  planificateur:\n"))
    check = load_check(deploy_copy)
    check.check_compose()
    assert check.errors == [
        "compose.yaml : service « scheduler » manquant",
        "compose.yaml : scheduler sans image ni build",
        "compose.yaml : scheduler doit lancer « scheduler »",
        "compose.yaml : scheduler sans DATABASE_URL",
    ]


def test_an_unreadable_compose_file_is_refused(deploy_copy):
    (deploy_copy / "compose.yaml").write_text("services: [\n")
    check = load_check(deploy_copy)
    check.check_compose()
    assert check.errors[0].startswith("compose.yaml illisible")


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze absent")
def test_a_unit_with_a_typo_is_refused(deploy_copy):
    unit = deploy_copy / "systemd" / "millejours-worker.service"
    unit.write_text(unit.read_text().replace("Restart=on-failure", "Restrat=on-failure"))
    check = load_check(deploy_copy)
    check.check_units()
    assert len(check.errors) == 1 and "Restrat" in check.errors[0]


def test_an_env_example_variable_nobody_reads_is_refused(deploy_copy):
    with (deploy_copy / "millejours.env.example").open("a") as handle:
        handle.write("MILLEJOURS_INEXISTANTE=1\n")
    check = load_check(deploy_copy)
    check.check_env_example()
    assert check.errors == [
        "millejours.env.example : MILLEJOURS_INEXISTANTE n'est lu nulle part dans settings.py"
    ]
