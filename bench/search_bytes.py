#!/usr/bin/env python3
"""The bytes a visitor's browser fetches for the site search, on synthetic portals of growing size.

    python3 bench/search_bytes.py                    sizes 100, 1000, 5000 entries over 10 editions
    python3 bench/search_bytes.py --sizes 100        a quicker run

Each portal (bench/bench.py's make_portal, in Vietnamese and English) is built, served on
127.0.0.1 and opened in Debian's Chromium (Playwright). It prints, per size and language: the
bytes fetched for the search when an entry page loads (the search box's script and style), the
bytes of the first query (Pagefind's script, its WebAssembly, the index chunks and the results'
fragments), a second query's, and the index's size on disk. Bytes are the response bodies as
served, uncompressed (a host serving gzip sends fewer). Targets: page load <= 20 KB at any size;
first query <= 300 KB.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import make_portal  # noqa: E402  (bench/bench.py)
from tools.videogen import make_video  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGE_LOAD_LIMIT = 20_000
FIRST_QUERY_LIMIT = 300_000
QUERIES = {"vi": ("tac pham 3", "cuoc thi thu"), "en": ("tac pham 3", "entries")}


def _is_search(url: str) -> bool:
    return "/pagefind/" in url or "site-search." in url


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def measure_site(site: Path, browser, entry_path: str) -> dict[str, dict[str, int]]:
    """Search bytes on ``entry_path`` of the built ``site`` (and its en/ counterpart), per language."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    figures = {}
    try:
        for lang, prefix in (("vi", ""), ("en", "en/")):
            if not (site / prefix / entry_path / "index.html").is_file():
                continue
            page = browser.new_page()
            fetched: list[tuple[str, int]] = []
            page.on(
                "requestfinished",
                lambda request, into=fetched: into.append((request.url, request.sizes()["responseBodySize"])),
            )
            page.goto(base + prefix + entry_path)
            page.wait_for_load_state("networkidle")
            load = sum(size for url, size in fetched if _is_search(url))
            counts = {"page load B": load}
            for step, query in zip(("first query B", "second query B"), QUERIES[lang]):
                before = len(fetched)
                if page.locator(".cp-search__panel").is_hidden():
                    page.click(".cp-search__open")
                page.fill(".cp-search__input", query)
                page.wait_for_function(
                    "q => document.querySelector('.cp-search__results').dataset.query === q", arg=query, timeout=30_000
                )
                page.wait_for_load_state("networkidle")
                counts[step] = sum(size for url, size in fetched[before:] if _is_search(url))
            figures[lang] = counts
            page.close()
    finally:
        server.shutdown()
        server.server_close()
    return figures


def bundle_bytes(site: Path) -> int:
    return sum(path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file())


def main(argv: list[str] | None = None, browser=None) -> int:
    """Measure and print; 1 if a target is missed. ``browser``: a Playwright Chromium already started
    (the tests'), else one is started here."""
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="entries per portal, comma-separated")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if browser is not None:
        return _measure_all(sizes, browser)
    with sync_playwright() as playwright:
        started = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        try:
            return _measure_all(sizes, started)
        finally:
            started.close()


def _measure_all(sizes: list[int], browser) -> int:
    import build as cli

    work = Path(tempfile.mkdtemp(prefix="contest-search-bytes-"))
    failed = False
    try:
        base = make_video(work / "base.mp4", duration_s=2, width=320, height=180, lines=["bench"])
        print(
            f"{'entries':>7} {'lang':>4} {'page load B':>11} {'first query B':>13} {'second query B':>14} "
            f"{'index B':>10}",
            flush=True,
        )
        for size in sizes:
            folder = work / f"portal-{size}"
            config = make_portal(folder, size, base)
            with config.open("a", encoding="utf-8") as options:  # two languages: vi at the root, en/
                options.write("      languages: [vi, en]\n")
            if cli.main(["build", "-f", str(config), "-d", str(folder / "site")]) != 0:
                raise SystemExit(f"the portal of {size} entries did not build")
            site = folder / "site"
            for lang, row in measure_site(site, browser, "2015-thi-0/bai-du-thi/e-0000/").items():
                print(
                    f"{size:>7} {lang:>4} {row['page load B']:>11} {row['first query B']:>13} "
                    f"{row['second query B']:>14} {bundle_bytes(site):>10}",
                    flush=True,
                )
                failed |= row["page load B"] > PAGE_LOAD_LIMIT or row["first query B"] > FIRST_QUERY_LIMIT
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"targets: page load <= {PAGE_LOAD_LIMIT} B, first query <= {FIRST_QUERY_LIMIT} B: "
        + ("missed" if failed else "met")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
