"""A one-line progress bar for long work (probing videos, decoding posters).

It draws on stderr only when stderr is a terminal, and only when there is real
work (at least ``min_total`` items); otherwise it writes nothing at all, so CI
logs and pipes stay clean.  Redraws are throttled so a fast loop costs next to
nothing.

    with Progress("probe", total=len(todo), lang="en") as bar:   # label: "progress.probe" in the locales
        for item in todo:
            ...
            bar.advance()
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from contest_portal.core.i18n import DEFAULT_LANGUAGE, Translator

MIN_TOTAL = 20  # below this the work is over before a bar would help
WIDTH = 30
INTERVAL = 0.1  # seconds between redraws


class Progress:
    """Counts finished items and draws ``label [#####     ] 12/40`` on a terminal.

    ``work`` names the work ("probe", "poster", "thumbnail"); the label is its translation in
    ``lang`` (the build's language: build.py's --lang or the site's; Vietnamese by default).
    """

    def __init__(
        self,
        work: str,
        total: int,
        *,
        lang: str = DEFAULT_LANGUAGE,
        stream: TextIO | None = None,
        min_total: int = MIN_TOTAL,
    ):
        self.label = Translator(lang)(f"progress.{work}")
        self.total = total
        self.done = 0
        self.stream = sys.stderr if stream is None else stream
        self.enabled = total >= min_total and _is_terminal(self.stream)
        self._last_draw = 0.0
        self._started = time.monotonic()

    def __enter__(self) -> Progress:
        self._draw(force=True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        self._draw(force=self.done == self.total)

    def close(self) -> None:
        if self.enabled:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
            self.enabled = False

    def _draw(self, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last_draw < INTERVAL:
            return
        self._last_draw = now
        filled = WIDTH * self.done // max(1, self.total)
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{' ' * (WIDTH - filled)}] {self.done}/{self.total}"
            f"{_eta(now - self._started, self.done, self.total)}"
        )
        self.stream.flush()


def _eta(elapsed: float, done: int, total: int) -> str:
    """`` ~m:ss`` left at the rate so far, once there is a rate to go by (2 s and one item done)."""
    if done <= 0 or done >= total or elapsed < 2:
        return ""
    left = round(elapsed * (total - done) / done)
    return f" ~{left // 60}:{left % 60:02d}"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
