"""The bytes of the files a site plan makes in memory (exports, calendars, news feeds, embeddable views).

Planning (``site.pages``) returns ``OutputSpec``s: a site path, a kind and the data to put
there.  ``output_bytes`` turns each into its bytes with the kind's serialiser; where they go,
and that no path gets two files, is the site writer's (``publish.site_paths``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from contest_portal.site.exports import to_compact_json, to_csv, to_json, to_xlsx
from contest_portal.site.feeds import feed_bytes
from contest_portal.site.ics import calendar_bytes
from contest_portal.site.showcase import view_bytes

if TYPE_CHECKING:
    from contest_portal.site.pages import OutputSpec

SERIALISERS: dict[str, Callable[[Any], bytes]] = {
    "csv": to_csv,  # data: exports.Table
    "xlsx": to_xlsx,  # data: exports.Table
    "json": to_json,  # data: plain JSON data
    "feed": to_compact_json,  # data: a JSON Feed document (site/showcase.py)
    "ics": calendar_bytes,  # data: ics.ContestCalendar
    "atom": feed_bytes,  # data: feeds.Feed
    "rss": lambda feed: feed_bytes(feed, rss=True),  # data: feeds.Feed
    "html": view_bytes,  # data: showcase.View (an embeddable view)
}


def output_bytes(spec: OutputSpec) -> bytes:
    """The bytes of ``spec``'s file (its kind's serialiser applied to its data).

    Raises ValueError for a kind without a serialiser (a programming error, not bad data).
    """
    try:
        serialise = SERIALISERS[spec.kind]
    except KeyError:
        raise ValueError(f"no serialiser for output kind {spec.kind!r} ({spec.src_uri})") from None
    return serialise(spec.data)
