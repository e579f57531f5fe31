"""Demo accounts never reach production (issue 11 item 5).

``millejours demo load`` refuses to run outside demo mode, and ``check --deploy`` fails
while demo accounts (public password) exist.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.checks import registry
from django.core.management import call_command
from django.core.management.base import CommandError

from millejours.accounts.checks import check_no_demo_accounts
from millejours.accounts.models import Role, User
from tests import factories

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_demo_load_refuses_to_run_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError) as exc:
        call_command("demo", "load", "--families", "1")
    assert exc.value.returncode == 2
    assert "mode démonstration (MILLEJOURS_DEMO=1)" in str(exc.value)
    assert not User.objects.exists()


def test_demo_load_refuses_on_the_command_line_with_exit_2(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "MILLEJOURS_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "millejours.settings",
        "PYTHONPATH": str(ROOT / "src"),
        "SECRET_KEY": "s" * 50,
        "MILLEJOURS_FIELD_KEYS": Fernet.generate_key().decode(),
        "MILLEJOURS_ACCESSLOG_KEYS": "k" * 40,
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "demo", "load"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "mode démonstration" in result.stderr


def test_deploy_check_fails_while_demo_accounts_exist(db):
    assert check_no_demo_accounts() == []
    factories.user(Role.PROFESSIONAL, email="sagefemme@demo.millejours.fr")
    errors = check_no_demo_accounts()
    assert [e.id for e in errors] == ["millejours.E005"]
    assert "sagefemme@demo.millejours.fr" in errors[0].msg


def test_the_demo_account_check_runs_with_deploy_only():
    assert check_no_demo_accounts in registry.registry.get_checks(include_deployment_checks=True)
    assert check_no_demo_accounts not in registry.registry.get_checks(
        include_deployment_checks=False
    )
