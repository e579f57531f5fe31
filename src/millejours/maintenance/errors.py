"""The one error type of the maintenance commands: a French message, exit code 2."""


class MaintenanceError(Exception):
    """Printed as ``Erreur: <message>`` by the commands, which then exit with code 2."""
