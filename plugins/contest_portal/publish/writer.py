"""The one writer of the files a site plan makes in memory (exports, calendars, news feeds).

Planning (``site.pages``) returns ``OutputSpec``s: a site path, a kind and the data to put
there.  The writer turns each into its bytes with the kind's serialiser, and refuses a path
that is already taken — by a file of the site or by an earlier output — with SIT001, the way
Pelican's writer refuses to write one path twice.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import TYPE_CHECKING, Any

from contest_portal.core.errors import Problem
from contest_portal.site.exports import to_compact_json, to_csv, to_json, to_xlsx
from contest_portal.site.feeds import feed_bytes
from contest_portal.site.ics import calendar_bytes
from contest_portal.site.showcase import view_bytes

if TYPE_CHECKING:
    from contest_portal.site.pages import OutputSpec

SERIALISERS: dict[str, Callable[[Any], bytes]] = {
    "csv": to_csv,                                   # data: exports.Table
    "xlsx": to_xlsx,                                 # data: exports.Table
    "json": to_json,                                 # data: plain JSON data
    "feed": to_compact_json,                         # data: a JSON Feed document (site/showcase.py)
    "ics": calendar_bytes,                           # data: ics.ContestCalendar
    "atom": feed_bytes,                              # data: feeds.Feed
    "rss": lambda feed: feed_bytes(feed, rss=True),  # data: feeds.Feed
    "html": view_bytes,                              # data: showcase.View (an embeddable view)
}


class DuplicateOutput(Exception):
    """A second file at one site path; ``problem`` is the SIT001 problem naming the path."""

    def __init__(self, path: str):
        super().__init__(f"two files at {path}")
        self.path = path
        self.problem = Problem("SIT001", values={"path": path})


class OutputWriter:
    """Turns output specs into bytes, each site path at most once.

    ``taken`` holds the site paths already in use by other files (e.g. MkDocs' ``files.src_uris``;
    it is consulted at each call, so a live mapping stays current).
    """

    def __init__(self, taken: Container[str] = ()):
        self.taken = taken
        self.written: list[str] = []
        self._seen: set[str] = set()

    def render(self, spec: OutputSpec) -> bytes:
        """The bytes of ``spec``'s file.

        Raises DuplicateOutput (SIT001) when its path is taken or was rendered before, and
        ValueError for a kind without a serialiser.
        """
        if spec.src_uri in self._seen or spec.src_uri in self.taken:
            raise DuplicateOutput(spec.src_uri)
        try:
            serialise = SERIALISERS[spec.kind]
        except KeyError:
            raise ValueError(f"no serialiser for output kind {spec.kind!r} ({spec.src_uri})") from None
        content = serialise(spec.data)
        self._seen.add(spec.src_uri)
        self.written.append(spec.src_uri)
        return content
