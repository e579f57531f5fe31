"""The ``millejours`` console command: Django's management commands behind one name.

``millejours calendar --lmp 2026-03-01``, ``millejours demo load``, ``millejours migrate``…
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "millejours.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "millejours"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
