"""The ``millejours`` console command: Django's management commands behind one name.

``millejours calendar --lmp 2026-03-01``, ``millejours demo load``, ``millejours migrate``…
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "millejours.settings")
    # Django is imported once the settings module is named (settings are read lazily).
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings, which refuse unfit secrets
    except ImproperlyConfigured as error:
        sys.stderr.write(f"Erreur : {error}\n")
        raise SystemExit(2) from None
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "millejours"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
