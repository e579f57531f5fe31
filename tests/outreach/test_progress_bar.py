"""The command shows a progress bar on stderr, only when it is a terminal."""

import io

from millejours.outreach.cli import ProgressBar


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_gets_a_progress_bar_ending_at_100_percent():
    stream = Terminal()
    bar = ProgressBar(stream)
    for done in (0, 500, 1000):
        bar(done, 1000)
    out = stream.getvalue()
    assert "\rImport [" in out and " 50 % (500/1000)" in out and out.endswith("100 % (1000/1000)\n")


def test_a_pipe_or_file_gets_nothing():
    stream = io.StringIO()
    ProgressBar(stream)(500, 1000)
    assert stream.getvalue() == ""
