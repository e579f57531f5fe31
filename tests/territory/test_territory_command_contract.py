"""The ``territory`` command refuses invalid input with a French message and exit code 2."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from millejours.lib.cli import to_french


@pytest.mark.parametrize(
    "args, expected",
    [
        (["load"], "une des options --all --demo est obligatoire"),
        (["load", "--all", "--demo"], "incompatible"),
        (["load", "--demo", "--format", "xml"], "choix invalide"),
        ([], "arguments obligatoires manquants"),
    ],
)
def test_invalid_arguments_raise_a_french_error_with_code_2(args, expected):
    with pytest.raises(CommandError) as excinfo:
        call_command("territory", *args)
    assert expected in str(excinfo.value)
    assert excinfo.value.returncode == 2


def test_the_console_command_exits_with_code_2_and_a_french_message(tmp_path):
    millejours = Path(sys.executable).parent / "millejours"
    env = {**os.environ, "MILLEJOURS_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [str(millejours), "territory", "load"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 2
    assert "une des options --all --demo est obligatoire" in result.stderr


def test_unknown_argparse_messages_are_passed_through_unchanged():
    assert to_french("something else") == "something else"
    assert to_french("unrecognized arguments: --x") == "arguments non reconnus : --x"
