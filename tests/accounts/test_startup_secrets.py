"""Outside demo mode and tests, the platform refuses to start with missing or invalid secrets.

Issue 11 item 6: each case starts ``python -m django check`` in a clean environment (no
MILLEJOURS_TESTING, no MILLEJOURS_DEMO unless stated).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "SECRET_KEY": "Zx9-q_w8E7r6T5y4U3i2O1p0A-s_d8F7g6H5j4K3l2kkkkkkkkkk",
    "MILLEJOURS_FIELD_KEYS": Fernet.generate_key().decode(),
    "MILLEJOURS_ACCESSLOG_KEYS": "journal-" + "x7Q2" * 10,
}


def start(tmp_path, **overrides):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "MILLEJOURS_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "millejours.settings",
        "PYTHONPATH": str(ROOT / "src"),
        **GOOD,
        **overrides,
    }
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-m", "django", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_start(tmp_path):
    result = start(tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "MILLEJOURS_FIELD_KEYS", "MILLEJOURS_ACCESSLOG_KEYS"]
)
def test_a_missing_secret_stops_the_start(tmp_path, missing):
    result = start(tmp_path, **{missing: None})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} n'est pas défini" in result.stderr


def test_an_invalid_field_key_stops_the_start_not_the_first_read(tmp_path):
    result = start(
        tmp_path, MILLEJOURS_FIELD_KEYS=f"{Fernet.generate_key().decode()},pas-une-cle-fernet"
    )
    assert result.returncode != 0
    assert "MILLEJOURS_FIELD_KEYS contient une clé invalide (position 2)" in result.stderr
    assert "pas-une-cle-fernet" not in result.stderr  # no secret in the message


def test_an_invalid_field_key_is_refused_even_in_demo_mode(tmp_path):
    result = start(tmp_path, MILLEJOURS_DEMO="1", MILLEJOURS_FIELD_KEYS="trop-courte")
    assert result.returncode != 0
    assert "clé invalide" in result.stderr


def test_demo_mode_starts_with_its_derived_keys(tmp_path):
    result = start(
        tmp_path,
        MILLEJOURS_DEMO="1",
        SECRET_KEY=None,
        MILLEJOURS_FIELD_KEYS=None,
        MILLEJOURS_ACCESSLOG_KEYS=None,
    )
    assert result.returncode == 0, result.stderr
