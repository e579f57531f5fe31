"""The one error type of the maintenance commands: a French message, exit code 2."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from millejours.lib.cli import Erreur


class MaintenanceError(Exception):
    """Printed as ``Erreur: <message>`` by the commands, which then exit with code 2."""


@contextmanager
def command_errors(action: str | None = None) -> Iterator[None]:
    """Turn a maintenance or file error into ``Erreur: [<action> impossible : ]<message>``."""
    try:
        yield
    except (MaintenanceError, OSError) as exc:
        raise Erreur(f"{action} impossible : {exc}" if action else str(exc)) from exc
