"""The progress bar shows on a terminal only, and only for real work."""

from __future__ import annotations

import io

from contest_portal.progress import Progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(stream, total: int, **kwargs) -> None:
    with Progress("probe", total, stream=stream, **kwargs) as bar:
        for _ in range(total):
            bar.advance()


def test_a_terminal_shows_the_bar_up_to_the_total():
    stream = FakeTerminal()
    _run(stream, 40)
    text = stream.getvalue()
    assert "probe [" in text and text.rstrip().endswith("40/40")
    assert text.endswith("\n")  # the next line of output starts on its own line


def test_a_pipe_or_file_gets_nothing():
    stream = io.StringIO()  # isatty() is False, like CI logs and pipes
    _run(stream, 40)
    assert stream.getvalue() == ""


def test_little_work_draws_nothing_even_on_a_terminal():
    stream = FakeTerminal()
    _run(stream, 3)
    assert stream.getvalue() == ""

