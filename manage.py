#!/usr/bin/env python
"""Development shortcut; the installed entry point is the ``millejours`` command."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from millejours.__main__ import main  # noqa: E402

if __name__ == "__main__":
    main()
