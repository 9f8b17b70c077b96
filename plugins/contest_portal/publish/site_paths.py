"""The one check that no site path gets two files (SIT001), the way Pelican's writer refuses
to write one path twice.

Every file the build puts into the site is claimed here first: MkDocs' files (hand-written
pages and assets of site_src/), the generated pages, the in-memory outputs (exports, calendars,
feeds, embeddable views), the plugin's assets and the published media.  The first claim of a
path wins; a second one is refused, whichever two kinds of file collide.
"""

from __future__ import annotations

from collections.abc import Container

from contest_portal.core.errors import Problem


class DuplicateOutput(Exception):
    """A second file at one site path; ``problem`` is the SIT001 problem naming the path."""

    def __init__(self, path: str):
        super().__init__(f"two files at {path}")
        self.path = path
        self.problem = Problem("SIT001", values={"path": path})


class SitePaths:
    """The site paths claimed so far (site-relative POSIX paths, e.g. ``2025-c/lich-cuoc-thi.ics``).

    ``taken`` holds paths already in use by files the site engine found itself (e.g. MkDocs'
    ``files.src_uris``; consulted at each claim, so a live mapping stays current).
    """

    def __init__(self, taken: Container[str] = ()):
        self.taken = taken
        self.claimed: list[str] = []  # in claim order
        self._seen: set[str] = set()

    def claim(self, path: str) -> str:
        """Reserve ``path`` for one file and return it.

        Raises DuplicateOutput (SIT001) when ``path`` is taken or was claimed before.
        """
        if path in self._seen or path in self.taken:
            raise DuplicateOutput(path)
        self._seen.add(path)
        self.claimed.append(path)
        return path
