"""The progress bar shows on a terminal only, and only for real work."""

from __future__ import annotations

import io

import pytest

from contest_portal.core.progress import Progress


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
    assert text.startswith("\rĐọc thông tin video [") and text.rstrip().endswith("40/40")
    assert text.endswith("\n")  # the next line of output starts on its own line


def test_a_pipe_or_file_gets_nothing():
    stream = io.StringIO()  # isatty() is False, like CI logs and pipes
    _run(stream, 40)
    assert stream.getvalue() == ""


def test_little_work_draws_nothing_even_on_a_terminal():
    stream = FakeTerminal()
    _run(stream, 3)
    assert stream.getvalue() == ""


def test_labels_speak_the_chosen_language():
    for lang, label in (("en", "Reading video facts ["), ("vi", "Đọc thông tin video [")):
        stream = FakeTerminal()
        _run(stream, 40, lang=lang)
        assert label in stream.getvalue()
    for work in ("probe", "poster", "thumbnail"):  # every bar the tool draws has a label in both languages
        for lang in ("vi", "en"):
            assert not Progress(work, 0, lang=lang).label.startswith("progress.")


@pytest.mark.parametrize("lang, label", [(None, "Đọc thông tin video"), ("en", "Reading video facts")])
def test_the_command_line_draws_the_bar_on_a_terminal_in_its_language(tree, tmp_path, lang, label):
    import os
    import pty
    import subprocess
    import sys

    from .conftest import ROOT, write_mkdocs_yml

    tree.contest()
    for number in range(25):
        tree.entry(slug=f"e-{number:02d}")
    config = write_mkdocs_yml(tmp_path)
    controller, opened = pty.openpty()
    terminal: int | None = opened
    try:
        command = [sys.executable, str(ROOT / "build.py"), "validate", "-f", str(config)] + (
            ["--lang", lang] if lang else []
        )
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=opened, cwd=tmp_path, timeout=120)
        os.close(opened)
        terminal = None
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal is closed: all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
        if terminal is not None:
            os.close(terminal)
    text = shown.decode("utf-8", errors="replace")
    assert f"{label} [" in text and "25/25" in text


def test_long_work_shows_the_time_left_at_the_rate_so_far(monkeypatch):
    """10 of 40 done after 30 s: 30 left at 3 s each, about 1:30."""
    import time

    clock = iter([0.0])  # started at 0 s; drawn at 30 s
    monkeypatch.setattr(time, "monotonic", lambda: next(clock, 30.0))  # the clock progress.py reads
    stream = FakeTerminal()
    bar = Progress("rendition", 40, stream=stream)
    bar.advance(10)
    assert stream.getvalue().endswith("10/40 ~1:30")
