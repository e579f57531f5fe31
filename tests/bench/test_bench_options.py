"""The benches take the number of families N (region scale: 165 000) and several accounts.
Only the command lines are checked here: no bench runs in the test suite."""

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _module(name: str):
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_calendar_bench_takes_n_and_accounts_for_a_reused_database():
    args = (
        _module("calendar_bench")
        .build_parser()
        .parse_args(
            [
                "--n",
                "165000",
                "--reuse",
                "--user",
                "a@x.test",
                "--user",
                "b@x.test",
                "--sample",
                "0",
            ]
        )
    )
    assert (args.n, args.reuse, args.user, args.sample) == (
        165000,
        True,
        ["a@x.test", "b@x.test"],
        0,
    )


def test_pages_bench_takes_the_number_of_families_and_several_accounts():
    args = (
        _module("pages_bench")
        .build_parser()
        .parse_args(
            ["--families", "165000", "--n", "10", "--user", "a@x.test", "--user", "b@x.test"]
        )
    )
    assert (args.families, args.n, args.user) == (165000, 10, ["a@x.test", "b@x.test"])
    assert _module("pages_bench").build_parser().parse_args([]).families == 0


def test_indicators_bench_takes_the_number_of_families_and_the_live_runs():
    args = (
        _module("indicators_dashboard_bench")
        .build_parser()
        .parse_args(["--families", "165000", "--live-n", "2", "--formats", "json,pdf"])
    )
    assert (args.families, args.live_n, args.formats) == (165000, 2, "json,pdf")


def test_a_bad_number_of_families_is_refused():
    with pytest.raises(SystemExit):
        _module("pages_bench").build_parser().parse_args(["--families", "beaucoup"])
