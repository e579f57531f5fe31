"""Security headers, deploy checks with production settings, demo never in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_pages_carry_a_csp_without_inline_scripts_and_deny_framing(client):
    response = client.get("/comptes/connexion/")
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def run_check(tmp_path, **env_overrides):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "MILLEJOURS_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "k" * 10 + "Zx9-q_w8E7r6T5y4U3i2O1p0A-s_d8F7g6H5j4K3l2",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "millejours.example.fr",
        "MILLEJOURS_HTTPS": "1",
        "MILLEJOURS_FIELD_KEYS": Fernet.generate_key().decode(),
        "MILLEJOURS_ACCESSLOG_KEYS": "journal-" + "x7Q2" * 10,
        **env_overrides,
    }
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "millejours.settings",
            "PYTHONPATH": str(ROOT / "src"),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_checks_are_clean_with_production_settings(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_relaxed_mfa_is_refused_with_production_settings(tmp_path):
    result = run_check(tmp_path, MILLEJOURS_MFA_REQUIRED="0")
    assert result.returncode != 0
    assert "millejours.E001" in result.stderr + result.stdout


def test_demo_mode_is_refused_by_the_deploy_checks(tmp_path):
    result = run_check(tmp_path, MILLEJOURS_DEMO="1")
    assert "millejours.E002" in result.stderr + result.stdout


def test_missing_secret_key_and_field_keys_are_refused(tmp_path):
    """Outside demo mode and tests the platform does not even start (issue 11 item 6)."""
    result = run_check(tmp_path, SECRET_KEY=None, MILLEJOURS_FIELD_KEYS=None)
    assert result.returncode != 0
    assert "refuse de démarrer" in result.stderr
    assert (
        "SECRET_KEY n'est pas défini" in result.stderr
        and "MILLEJOURS_FIELD_KEYS n'est pas défini" in result.stderr
    )


def test_the_deploy_checks_still_refuse_the_demo_fallbacks(tmp_path):
    result = run_check(tmp_path, MILLEJOURS_DEMO="1", SECRET_KEY=None, MILLEJOURS_FIELD_KEYS=None)
    output = result.stderr + result.stdout
    assert "millejours.E003" in output
