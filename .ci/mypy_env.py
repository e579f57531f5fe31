"""mypy plugin that lets the django-stubs plugin load ``millejours.settings``.

The settings refuse to start without production secrets unless one of the relaxed modes is
set (see ``audit.startup``). Type checking reads no data and needs no secret, so this
plugin, listed before ``mypy_django_plugin.main`` in pyproject.toml, sets the tests'
default ``MILLEJOURS_TESTING=1`` (an explicit value in the environment wins) before
django-stubs imports the settings. It adds no type-checking hook.
"""

from __future__ import annotations

import os

from mypy.plugin import Plugin

os.environ.setdefault("MILLEJOURS_TESTING", "1")


def plugin(version: str) -> type[Plugin]:
    return Plugin
