"""Hostile JSON nesting gives a French error, never a RecursionError."""

import json

import pytest

from millejours.lib import safejson
from millejours.lib.errors import InvalidInput


def test_nesting_beyond_the_recursion_limit_is_a_french_error():
    with pytest.raises(InvalidInput, match="trop profondément imbriqué"):
        safejson.loads("[" * 100_000 + "]" * 100_000)


def test_nesting_beyond_the_depth_limit_is_refused():
    with pytest.raises(InvalidInput):
        safejson.loads(json.dumps({"a": [[[[1]]]]}), max_depth=3)
    assert safejson.loads(json.dumps({"a": [[1]]}), max_depth=3) == {"a": [[1]]}


def test_syntax_errors_are_left_to_the_caller():
    with pytest.raises(json.JSONDecodeError):
        safejson.loads("{pas du json")
