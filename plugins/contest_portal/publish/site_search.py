"""The portal's site search: a Pagefind index of the built pages, loaded only when a visitor searches.

The theme's own search (lunr) fetches the whole index on every page view, so its cost grows with
the archive and is paid by every phone whether it searches or not. Pagefind splits the index into
small chunks fetched by the query's words, after the visitor opens the search box.

One index for the whole site: Pagefind reads each page's ``<html lang>`` and makes one index per
language (the root site's Vietnamese pages, the ``en/`` sub-site's English ones); a page searches
the index of its own language. Only the content marked ``data-pagefind-body`` (the article of the
public pages, see ``site/search_box.py``) is indexed.

The ``pagefind`` binary comes with the ``pagefind[bin]`` package from PyPI: nothing is downloaded
when the site is built. Pagefind cannot run from ``file://`` (browsers refuse to load its
WebAssembly and index chunks there), so the offline build keeps the theme's search instead.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

#: Where the search bundle is written, under the site's root folder.
BUNDLE_DIR = "pagefind"
#: Files of Pagefind's own ready-made interfaces: the portal has its own small one
#: (``assets/site-search.js``), so these are not published.
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
           "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
#: Parts of an indexed article that are no text of it: the theme's heading anchors ("¶"), and the hidden
#: folded keywords kept for the offline build's search (they would show in excerpts; the search box
#: finds words typed without diacritics and "d" for "đ" by itself, see assets/site-search.js).
EXCLUDED = ".headerlink, .cp-keywords"
_INDEXED = re.compile(r"Indexed (\d+) pages?")


class SearchIndexFailed(Exception):
    """The pagefind binary is missing or stopped with an error; ``detail`` is its last output."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class SearchIndexStats:
    pages: int  # pages indexed, every language together
    seconds: float  # wall time of the indexing run
    bundle_bytes: int  # size of the written bundle (index chunks, fragments, scripts, WebAssembly)


def pagefind_executable() -> Path:
    """The pagefind binary shipped by the ``pagefind_bin`` package. Raises SearchIndexFailed without it."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexFailed("pagefind_bin is not installed (pip install 'pagefind[bin]')") from None
    try:
        return Path(get_executable())
    except FileNotFoundError as exc:
        raise SearchIndexFailed(str(exc)) from None


def index_site(site_dir: Path, *, timeout: float = 600.0) -> SearchIndexStats:
    """Index every page of the built site at ``site_dir`` into ``site_dir/pagefind/``.

    Runs ``pagefind --site`` (no network; ``timeout`` in seconds). Raises SearchIndexFailed when
    the binary is missing, fails or runs out of time; the bundle of an earlier build is replaced.
    """
    executable = pagefind_executable()
    bundle = site_dir / BUNDLE_DIR
    if bundle.is_dir():  # (a rebuild in place, as `serve` does: chunks of the last index are not kept)
        shutil.rmtree(bundle)
    started = time.perf_counter()
    try:
        run = subprocess.run([str(executable), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
                              "--exclude-selectors", EXCLUDED],
                             capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(str(exc)) from None
    if run.returncode != 0:
        said = (run.stderr or run.stdout).strip().splitlines()
        raise SearchIndexFailed(" ".join(dict.fromkeys(line.strip() for line in said if line.strip()))[-400:])
    seconds = time.perf_counter() - started
    for name in _UNUSED:
        (bundle / name).unlink(missing_ok=True)
    found = _INDEXED.search(run.stdout)
    size = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file())
    return SearchIndexStats(pages=int(found[1]) if found else 0, seconds=seconds, bundle_bytes=size)
