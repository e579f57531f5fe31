"""Domain hooks ``millejours.<app>.demo.load(ctx)``: missing ones are skipped, errors are loud."""

import random
import sys
import types
from datetime import date

import pytest

from millejours.core.demo import DemoContext, run_hooks


@pytest.fixture
def ctx():
    return DemoContext(today=date(2026, 3, 15), rng=random.Random(1), territory=None)


@pytest.fixture
def fake_app(monkeypatch):
    def _install(name, load):
        package = types.ModuleType(f"millejours.{name}")
        package.__path__ = []
        module = types.ModuleType(f"millejours.{name}.demo")
        module.load = load
        monkeypatch.setitem(sys.modules, f"millejours.{name}", package)
        monkeypatch.setitem(sys.modules, f"millejours.{name}.demo", module)

    return _install


@pytest.mark.django_db
def test_hooks_run_in_order_and_receive_the_context(ctx, fake_app):
    calls = []
    fake_app("fakeone", lambda c: calls.append(("one", c)))
    fake_app("faketwo", lambda c: calls.append(("two", c)))
    assert run_hooks(ctx, ["fakeone", "faketwo"]) == ["fakeone", "faketwo"]
    assert calls == [("one", ctx), ("two", ctx)]


@pytest.mark.django_db
def test_an_app_without_demo_module_is_skipped_silently(ctx):
    skipped = []
    assert run_hooks(ctx, ["territory", "appquinexistepas"], on_skip=skipped.append) == []
    assert skipped == ["territory", "appquinexistepas"]


@pytest.mark.django_db
def test_an_error_inside_a_hook_is_raised(ctx, fake_app):
    def broken(c):
        raise RuntimeError("boom")

    fake_app("fakebroken", broken)
    with pytest.raises(RuntimeError, match="boom"):
        run_hooks(ctx, ["fakebroken"])


@pytest.mark.django_db
def test_an_import_error_inside_a_demo_module_is_raised(ctx, monkeypatch):
    package = types.ModuleType("millejours.fakeimport")
    package.__path__ = []
    monkeypatch.setitem(sys.modules, "millejours.fakeimport", package)

    import importlib

    real = importlib.import_module

    def fake_import(name, *args):
        if name == "millejours.fakeimport.demo":
            raise ModuleNotFoundError("No module named 'paquet_absent'", name="paquet_absent")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", fake_import)
    with pytest.raises(ModuleNotFoundError):
        run_hooks(ctx, ["fakeimport"])
