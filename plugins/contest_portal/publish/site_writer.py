"""Stage 9, write the site: one writer that owns every file of the built site.

The writer claims each site path once (``SitePaths``: a second file at one path is SIT001,
whichever two kinds of file collide), makes the plan's in-memory outputs (``outputs``), starts
the publishing process that writes the embeddable views and puts the media in while MkDocs
renders the pages (``background``, through the cache's store: ``media_store``), and, once every
page is written, marks the folder as a site of this tool and writes what is made from the
written pages: the security headers (``headers``), the search bundle (``site_search``, run by
the caller's ``index``) and the compressed copies (``precompress``).  The built folder is then
swapped into place by ``staging`` (the command line's ``build``).

MkDocs writes the pages and the files it knows itself; the plugin's events drive the writer
(``plan`` and ``start`` in on_files, ``published``, ``mark`` and ``finish`` in on_post_build).
"""

from __future__ import annotations

from collections.abc import Callable, Container
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contest_portal.publish.background import BackgroundPublish
from contest_portal.publish.headers import PageScripts, write_header_files
from contest_portal.publish.media_store import MediaStats
from contest_portal.publish.outputs import output_bytes
from contest_portal.publish.precompress import PrecompressStats, precompress_site
from contest_portal.publish.site_paths import SitePaths
from contest_portal.publish.staging import MARKER

if TYPE_CHECKING:
    from contest_portal.site.pages import MediaSpec, OutputSpec, SitePlan


class SiteWriter:
    """Every file of the site built into ``site_dir``, each path once.

    ``taken``: the site paths of files the site engine found itself (MkDocs' files of site_src/
    and the theme). Raises ``site_paths.DuplicateOutput`` (SIT001) from ``claim`` and ``plan``.
    """

    def __init__(self, site_dir: Path, taken: Container[str] = ()):
        self.site_dir = site_dir
        self.paths = SitePaths(taken)
        self.outputs: list[tuple[OutputSpec, bytes]] = []  # the plan's outputs with their bytes, in order
        self.media: list[MediaSpec] = []  # the media this build publishes into its site
        self._job: BackgroundPublish | None = None

    def claim(self, path: str) -> str:
        """Reserve the site path ``path`` for one file (SIT001 when taken); returns it."""
        return self.paths.claim(path)

    def plan(self, plan: SitePlan, *, media: bool = True) -> None:
        """Claim the paths of ``plan``'s pages, outputs and (``media``: this build publishes them;
        a language sub-site links to the root's) media, in that order; make the outputs' bytes."""
        for uri in plan.pages:
            self.claim(uri)
        for spec in plan.outputs:
            self.claim(spec.src_uri)
            self.outputs.append((spec, output_bytes(spec)))
        if media:
            for item in plan.media.values():
                self.claim(item.src_uri)
                self.media.append(item)

    def start(self, store: Path | None, live: Path | None) -> None:
        """Start the publishing process: the embeddable views (outputs of kind html) written and the
        media put into the site while MkDocs renders the pages (``store``: the cache's store of
        copies, None for fresh copies; ``live``: the live site this build replaces)."""
        self._job = BackgroundPublish(
            self.site_dir,
            [(item.source, item.src_uri) for item in self.media],
            writes=[(spec.src_uri, content) for spec, content in self.outputs if spec.kind == "html"],
            store=store,
            live=live,
        )

    def published(self) -> MediaStats:
        """Wait for the publishing process; the store's copies the build did not publish are removed.
        Raises the OSError it met."""
        assert self._job is not None, "start() first"
        return self._job.sweep()

    def cancel(self) -> None:
        """Stop the publishing process (a failed or interrupted build); nothing if none runs."""
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def mark(self) -> None:
        """Mark the folder as a site of this tool: the command line replaces only marked folders."""
        (self.site_dir / MARKER).write_text("built by contest-portal\n", encoding="utf-8")

    def finish(
        self,
        *,
        seen: PageScripts,
        embed_origins: tuple[str, ...],
        base_path: str,
        index: Callable[[], dict[str, Any]] | None,
        precompress: bool,
    ) -> tuple[dict[str, Any], PrecompressStats | None]:
        """The files made from the written pages of every language: the search bundle (``index``, run
        in a thread while the security headers are written from ``seen``), then the compressed copies
        (``precompress``: last, every file is written). Returns ``(index's stats or {}, precompress's
        stats or None)``. Raises headers.UnexpectedScript and what ``index`` raises."""
        with ThreadPoolExecutor(1) as pool:
            indexed = pool.submit(index) if index is not None else None
            write_header_files(self.site_dir, embed_origins=embed_origins, seen=seen, base_path=base_path)
            stats = indexed.result() if indexed is not None else {}
        return stats, precompress_site(self.site_dir) if precompress else None
