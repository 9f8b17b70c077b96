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

Cheap on a rebuild: while MkDocs renders, each searchable page's index input (its language, title and
marked article: what Pagefind reads of it, a few KB) is kept in the cache, written only when it changed
(``IndexInputs``). The bundle is made from those inputs, not from the whole pages, and kept in the cache
too: a build whose inputs are all unchanged copies the kept bundle into the site instead of indexing
again (``index_pages``); any change indexes every input again (Pagefind has no incremental index),
which reads the small inputs only. Every file of the kept bundle is sealed (core/seals.py) and
checked before it is used again, and a kept input is compared with the page's: a damaged cache
file is made again, never published. The site gets clones or copies of the bundle's files, never
links to the cache (a cache file damaged in place must not change a live site).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from contest_portal.core.seals import WHOLE_MAX, bytes_digest, content_digest, seal_of

#: Where the search bundle is written, under the site's root folder.
BUNDLE_DIR = "pagefind"
#: Files of Pagefind's own ready-made interfaces: the portal has its own small one
#: (``assets/site-search.js``), so these are not published.
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
#: Parts of an indexed article that are no text of it: the theme's heading anchors ("¶"), and the hidden
#: folded keywords kept for the offline build's search (they would show in excerpts; the search box
#: finds words typed without diacritics and "d" for "đ" by itself, see assets/site-search.js).
EXCLUDED = ".headerlink, .cp-keywords"
_INDEXED = re.compile(r"Indexed (\d+) pages?")
#: The start of the article Pagefind indexes (see site/search_box.py: mark_searchable).
BODY_MARK = " data-pagefind-body>"
_HTML_LANG = re.compile(r"<html\b[^>]*?\slang=\"([^\"]*)\"")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_ARTICLE_TAG = re.compile(r"<(/?)article\b")
#: Under the cache folder: the pages' inputs (``pages/``, as the site lays them out), their manifests,
#: and the last bundle made from them with what it was made from (``bundle/``, ``bundle.json``).
PAGES_DIR = "pages"
KEPT_BUNDLE = "bundle"
KEPT_STATE = "bundle.json"


class SearchIndexFailed(Exception):
    """The pagefind binary is missing or stopped with an error; ``detail`` is its last output."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class SearchIndexStats:
    pages: int  # pages indexed, every language together
    seconds: float  # wall time of the indexing step (reused: the time to link the kept bundle)
    bundle_bytes: int  # size of the written bundle (index chunks, fragments, scripts, WebAssembly)
    reused: bool = False  # every page's input was unchanged: the bundle of an earlier build was copied
    damaged: tuple[str, ...] = ()  # files of the kept bundle no longer as made (the bundle was made again)


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


def index_input(output: str) -> str | None:
    """What Pagefind reads of a built page, as a small HTML document; None for a page it does not index.

    ``output``: the page's HTML after mark_searchable. Kept: the ``<html lang>`` (which language's index),
    the ``<title>`` and the article marked ``data-pagefind-body`` (its text, headings, and the
    ``data-pagefind-meta``/``-filter`` elements the templates put inside it); the header, navigation
    and footer are never indexed. Pagefind takes a page's default title and image from the first
    ``<h1>`` and the first ``<img>`` after it, both inside the article on every page of the portal.
    """
    mark = output.find(BODY_MARK)
    start = output.rfind("<article", 0, mark) if mark >= 0 else -1
    if start < 0:
        return None
    depth, end = 0, -1
    for tag in _ARTICLE_TAG.finditer(output, start):  # entry cards inside the article are articles too
        depth += -1 if tag[1] else 1
        if depth == 0:
            end = output.index(">", tag.end()) + 1
            break
    if end < 0:
        return None
    lang = _HTML_LANG.search(output, 0, start)
    title = _TITLE.search(output, 0, start)
    return (
        f'<!DOCTYPE html><html lang="{lang[1] if lang else ""}"><head><meta charset="utf-8">'
        f"<title>{title[1] if title else ''}</title></head><body>{output[start:end]}</body></html>"
    )


class IndexInputs:
    """The index inputs of one site's pages (the root site or a language sub-site), kept between builds.

    ``folder``: the search's cache folder; ``prefix``: where the site sits in the whole site ("" for the
    root, "en/" for English). ``add`` is called with each built page; a page's input is written under
    ``folder/pages/`` only when it differs from the last build's. ``close`` removes the inputs of pages
    no longer built and saves the manifest (page path → SHA-1 of its input). The manifest is taken
    away while pages are added, so a build that stops half-way leaves none: the next one writes
    every input again.
    """

    def __init__(self, folder: Path, prefix: str = ""):
        self.pages = folder / PAGES_DIR
        self.prefix = prefix
        self.manifest = manifest_path(folder, prefix)
        self.previous = _read_json(self.manifest)
        self.manifest.unlink(missing_ok=True)
        self.current: dict[str, str] = {}
        self.written = 0
        self.damaged: list[Path] = []  # kept inputs that no longer held their page's input (written again)

    def add(self, path: str, output: str) -> None:
        """Keep the input of the built page at ``path`` (the site-relative file, "a/b/index.html")."""
        document = index_input(output)
        if document is None:
            return
        name = self.prefix + path
        digest = hashlib.sha1(document.encode("utf-8")).hexdigest()
        self.current[name] = digest
        target = self.pages / name
        if self.previous.get(name) != digest or not _holds(target, document, self.damaged):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document, encoding="utf-8")
            self.written += 1

    def close(self) -> None:
        for name in self.previous.keys() - self.current.keys():
            (self.pages / name).unlink(missing_ok=True)
        _write_json(self.manifest, self.current)


def _holds(path: Path, document: str, damaged: list[Path]) -> bool:
    """Whether the kept input ``path`` is ``document`` (a few KB, read and compared); a file that
    differs is added to ``damaged``."""
    try:
        if path.read_text(encoding="utf-8") == document:
            return True
    except FileNotFoundError:
        return False
    except (OSError, UnicodeDecodeError):
        pass
    damaged.append(path)
    return False


def manifest_path(folder: Path, prefix: str) -> Path:
    return folder / f"manifest-{prefix.strip('/') or 'root'}.json"


def index_pages(folder: Path, site_dir: Path, prefixes: list[str], *, timeout: float = 600.0) -> SearchIndexStats:
    """Put the search bundle of the kept inputs of ``prefixes``' sites into ``site_dir/pagefind/``.

    ``folder``: the search's cache folder (see IndexInputs); ``prefixes``: the sites of this build
    ("" and each language's "en/"); inputs of any other site are removed first. When the inputs and
    the Pagefind version are those of the kept bundle, it is copied into the site, each file checked
    against its seal on the way (a damaged one: the bundle is made again); otherwise ``pagefind --site`` indexes every input again (no network;
    ``timeout`` in seconds) into a new kept bundle. Raises SearchIndexFailed when the binary is
    missing, fails or runs out of time.
    """
    started = time.perf_counter()
    manifests = {prefix: _read_json(manifest_path(folder, prefix)) for prefix in prefixes}
    for stale in folder.glob("manifest-*.json"):  # a language no longer built: its pages leave the index
        if stale not in {manifest_path(folder, prefix) for prefix in prefixes}:
            for name in _read_json(stale):
                (folder / PAGES_DIR / name).unlink(missing_ok=True)
            stale.unlink()
    inputs = {name: digest for manifest in manifests.values() for name, digest in manifest.items()}
    digest = hashlib.sha256(json.dumps([_pagefind_version(), EXCLUDED, sorted(inputs.items())]).encode()).hexdigest()
    kept, state = folder / KEPT_BUNDLE, _read_json(folder / KEPT_STATE)
    bundle = site_dir / BUNDLE_DIR
    if bundle.is_dir():  # (a rebuild in place, as `serve` does: chunks of the last index are not kept)
        shutil.rmtree(bundle)
    damaged: list[str] = []
    seals = state.get("files")  # (none: a bundle of an older version, made again without a word)
    if state.get("digest") == digest and isinstance(seals, dict) and (kept / "pagefind-entry.json").is_file():
        size, damaged = _copy_checked(kept, bundle, seals)
        if not damaged:
            return SearchIndexStats(
                pages=int(state.get("pages", 0)), seconds=time.perf_counter() - started, bundle_bytes=size, reused=True
            )
        shutil.rmtree(bundle)
    (folder / KEPT_STATE).unlink(missing_ok=True)
    pages = _run_pagefind(folder / PAGES_DIR, folder, timeout)
    _write_json(folder / KEPT_STATE, {"digest": digest, "pages": pages, "files": _seals(kept)})
    size = _copy_tree(kept, bundle)
    return SearchIndexStats(
        pages=pages, seconds=time.perf_counter() - started, bundle_bytes=size, reused=False, damaged=tuple(damaged)
    )


def _files(folder: Path) -> list[str]:
    return sorted(
        Path(root, name).relative_to(folder).as_posix() for root, _dirs, names in os.walk(folder) for name in names
    )


def _seals(kept: Path) -> dict[str, dict]:
    """The seal of every file of the kept bundle, by its path in it."""
    return {name: seal_of(kept / name) for name in _files(kept)}


def _copy_checked(kept: Path, bundle: Path, seals: dict) -> tuple[int, list[str]]:
    """Copy the kept bundle into ``bundle``, each file read once and checked against its seal on the
    way; ``(bytes copied, the kept files that are not as sealed, or not sealed, or missing)``."""
    names = _files(kept)
    damaged = [str(kept / name) for name in sorted(set(names) ^ set(seals))]
    size = 0
    for name in names:
        seal, path = seals.get(name), kept / name
        if not isinstance(seal, dict):
            continue
        try:
            data, mtime = path.read_bytes(), os.stat(path).st_mtime_ns
            digest = bytes_digest(data) if len(data) <= WHOLE_MAX else content_digest(path, len(data))
        except OSError:
            damaged.append(str(path))
            continue
        if (len(data), mtime, digest) != (seal.get("size"), seal.get("mtime_ns"), seal.get("digest")):
            damaged.append(str(path))
        elif not damaged:  # (once one is damaged the bundle is made again: the rest is only checked)
            (bundle / name).parent.mkdir(parents=True, exist_ok=True)
            (bundle / name).write_bytes(data)
            size += len(data)
    return size, damaged


def _run_pagefind(pages: Path, folder: Path, timeout: float) -> int:
    """Index every input under ``pages`` into ``folder/bundle`` (replaced whole); the pages indexed."""
    executable = pagefind_executable()
    made = folder / (KEPT_BUNDLE + ".new")
    if made.exists():
        shutil.rmtree(made)
    pages.mkdir(parents=True, exist_ok=True)
    try:
        run = subprocess.run(
            [str(executable), "--site", str(pages), "--output-path", str(made), "--exclude-selectors", EXCLUDED],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(str(exc)) from None
    if run.returncode != 0:
        said = (run.stderr or run.stdout).strip().splitlines()
        raise SearchIndexFailed(" ".join(dict.fromkeys(line.strip() for line in said if line.strip()))[-400:])
    for name in _UNUSED:
        (made / name).unlink(missing_ok=True)
    kept = folder / KEPT_BUNDLE
    if kept.exists():
        shutil.rmtree(kept)
    made.rename(kept)
    found = _INDEXED.search(run.stdout)
    return int(found[1]) if found else 0


def _copy_tree(source: Path, target: Path) -> int:
    """Copy every file of ``source`` into ``target`` (``shutil.copyfile``: a copy made by the kernel,
    a few MB for thousands of pages); bytes copied."""
    size = 0
    for folder, _dirs, files in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in files:
            shutil.copyfile(Path(folder) / name, into / name)
            size += (into / name).stat().st_size
    return size


def _pagefind_version() -> str:
    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "unknown"


def _read_json(path: Path) -> dict:
    """A JSON object kept in the cache; empty when missing or damaged (the work is done again)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    partial.replace(path)
