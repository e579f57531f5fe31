"""``millejours demo`` refuses invalid input with a French message and exit code 2."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], "arguments obligatoires manquants"),
        (["load", "--families", "0"], "au moins 1"),
        (["load", "--families", "beaucoup"], "nombre entier attendu"),
        (["charger"], "choix invalide"),
    ],
)
def test_invalid_arguments_raise_a_french_error_with_code_2(args, expected):
    with pytest.raises(CommandError) as excinfo:
        call_command("demo", *args)
    assert expected in str(excinfo.value)
    assert excinfo.value.returncode == 2
