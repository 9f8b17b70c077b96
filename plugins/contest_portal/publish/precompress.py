"""Precompressed copies of the site's text files, for hosts that serve them as they are.

nginx (``gzip_static on;``, ``brotli_static on;`` with the brotli module), Apache (mod_rewrite
rules, or mod_brotli/mod_deflate's precompressed-file recipes) and Caddy (``file_server {
precompressed br gzip }``) send ``page.html.br`` or ``page.html.gz`` in place of ``page.html``
to a browser that accepts it, with no compression work per request: the text of a page crosses a
phone's slow link in a fifth of its size. The build writes them beside each text file (the
``precompress`` option); a host that does not look for them serves the plain files, unharmed.

The copies are reproducible: gzip without a timestamp or a file name (``mtime=0``), brotli at a
fixed quality, so the same site gives the same bytes and an rsync deploy sends only what changed.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import brotli

#: what is compressed: the text files of a site (pages, styles, scripts, data, pictures in SVG, feeds)
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml"})
#: below this many bytes a compressed copy saves less than a network packet: not written
MIN_BYTES = 512
#: gzip's best; brotli's 11 (its best) is 20-30 times slower than 5 for a few per cent less (a
#: 46 KB rules page: 8.4 KB at 11, 9.3 KB at 5, gzip 9.7 KB), too slow for thousands of pages
GZIP_LEVEL = 9
BROTLI_QUALITY = 5


@dataclass
class PrecompressStats:
    files: int = 0  # text files given copies
    plain_bytes: int = 0  # their size
    gzip_bytes: int = 0  # the .gz copies' size
    brotli_bytes: int = 0  # the .br copies' size


def text_files(site_dir: Path) -> Iterable[Path]:
    """The files of ``site_dir`` worth compressing, in a stable order."""
    for path in sorted(site_dir.rglob("*")):
        if path.suffix.lower() in TEXT_SUFFIXES and path.is_file() and not path.is_symlink():
            yield path


def precompress_site(site_dir: Path) -> PrecompressStats:
    """Write ``<file>.gz`` and ``<file>.br`` beside each text file of ``site_dir`` of at least
    ``MIN_BYTES`` (a copy no smaller than its file is not written). Returns what was written.
    Raises OSError when a file cannot be read or written."""
    stats = PrecompressStats()
    for path in text_files(site_dir):
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        written = False
        for suffix, packed in (
            (".gz", gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)),
            (".br", brotli.compress(data, quality=BROTLI_QUALITY)),
        ):
            if len(packed) >= len(data):
                continue
            path.with_name(path.name + suffix).write_bytes(packed)
            written = True
            if suffix == ".gz":
                stats.gzip_bytes += len(packed)
            else:
                stats.brotli_bytes += len(packed)
        if written:
            stats.files += 1
            stats.plain_bytes += len(data)
    return stats
