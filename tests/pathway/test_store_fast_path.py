"""The calendar store keeps its fast insert path (COPY / executemany) when the milestone
model gains columns: every column must be known to ``calendar.store``."""

from millejours.pathway.calendar import store


def test_the_fast_insert_path_knows_every_milestone_column():
    assert store._fast_path_ok()
