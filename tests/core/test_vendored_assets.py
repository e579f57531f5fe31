"""Every third-party file under a static ``vendor`` folder is in the manifest
(``core/static/millejours/vendor/VENDORED.yaml``) with its version, licence, source and
SHA-256, so that an audit sees exactly what is shipped."""

import hashlib
import re
from pathlib import Path

import yaml

import millejours

SRC = Path(millejours.__file__).resolve().parent
VENDOR = SRC / "core" / "static" / "millejours" / "vendor"
MANIFEST = VENDOR / "VENDORED.yaml"
SPDX = {"0BSD", "BSD-2-Clause", "BSD-3-Clause", "MIT", "ISC", "Apache-2.0", "OFL-1.1"}


def _manifest() -> list[dict]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["packages"]


def _vendored_files() -> set[Path]:
    found = set()
    for folder in SRC.glob("*/static/**/vendor"):
        found.update(p for p in folder.rglob("*") if p.is_file() and p != MANIFEST)
    return found


def test_every_vendored_file_is_listed_once_with_its_hash():
    listed: dict[Path, str] = {}
    for package in _manifest():
        for name, digest in package["files"].items():
            path = VENDOR / name
            assert path not in listed, f"{name} listé deux fois"
            listed[path] = digest
    assert _vendored_files() == set(listed), "fichiers tiers non listés ou disparus"
    for path, digest in listed.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{path.name} modifié"


def test_each_package_says_version_licence_and_source():
    for package in _manifest():
        assert re.fullmatch(r"\d+\.\d+\.\d+", package["version"]), package["name"]
        assert package["licence"] in SPDX, package["name"]
        assert package["licence_file"] in package["files"], package["name"]
        assert package["source"].startswith("https://"), package["name"]
        assert package["version"] in package["source"], package["name"]
        code = [VENDOR / n for n in package["files"] if n.endswith(".js")]
        assert any(package["version"] in p.read_text(encoding="utf-8")[:200_000] for p in code), (
            package["name"]
        )
