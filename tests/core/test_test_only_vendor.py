"""axe-core is for the browser tests only: listed with its hashes in
tests/browser/vendor/VENDORED.yaml, and never among the files the app serves."""

import hashlib
from pathlib import Path

import yaml
from django.contrib.staticfiles import finders

VENDOR = Path(__file__).resolve().parents[1] / "browser" / "vendor"
SRC = Path(__file__).resolve().parents[2] / "src"


def test_every_test_vendor_file_is_listed_with_its_hash():
    (entry,) = yaml.safe_load((VENDOR / "VENDORED.yaml").read_text(encoding="utf-8"))
    listed = entry["files"]
    assert set(listed) == {p.name for p in VENDOR.iterdir() if p.name != "VENDORED.yaml"}
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_axe_is_never_served_by_the_app():
    assert finders.find("axe-4.14.1.min.js") is None
    assert not list(SRC.rglob("axe*.js"))
