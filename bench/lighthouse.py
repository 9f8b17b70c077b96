#!/usr/bin/env python3
"""Lighthouse (mobile) on the sample portal's key pages, served as real hosts serve it (brotli, gzip).

    python3 bench/lighthouse.py                     home, gallery, an entry, rules, results (vi, site root)
    python3 bench/lighthouse.py --lang en           the same pages of the English sub-site (en/)
    python3 bench/lighthouse.py --sub-path          the site served under /cuoc-thi/ (a district portal's folder)
    python3 bench/lighthouse.py --site DIR          an already built site instead of a fresh build
    python3 bench/lighthouse.py --synthetic 5000    the gallery and an entry of bench.py's synthetic portal
                                                    of 5,000 entries over 10 editions (built first)

Lighthouse is npm's ``lighthouse`` 12.2.3, pinned in bench/lighthouse/package-lock.json and
installed there by ``npm ci`` (.ci/run does it; Node 20). It drives Debian's Chromium
(CHROME_PATH=/usr/bin/chromium, headless, no sandbox) in its default mobile configuration: a
mid-range phone on a slow 4G link, simulated. The site is built with ``--today 2024-09-20``
and served by a small local server as nginx with ``brotli_static`` and ``gzip_static`` serves it:
the build's precompressed ``.br``/``.gz`` copies of the text files (the sample's mkdocs.yml sets
``precompress: true``), else gzip on the fly.

Prints one line per page: the Performance, Accessibility, Best Practices and SEO scores (0-100),
the cumulative layout shift, the largest contentful paint and the total blocking time. Exits 1 when
a score is below ``--min-score`` (90: the targets are 95, the margin keeps machine noise from
failing CI) or a layout shift is above ``--max-cls`` (0.1; target 0.05).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FIXED_TODAY = "2024-09-20"

#: (name, path under the site root) of the measured pages
PAGES = [
    ("home", ""),
    ("gallery", "2024-vinh-linh/bai-du-thi/"),
    ("entry", "2024-vinh-linh/bai-du-thi/vl-01/"),
    ("rules", "2024-vinh-linh/the-le/"),
    ("results", "2024-vinh-linh/ket-qua/"),
]
#: the pages measured on bench.py's synthetic portal (--synthetic): the last edition's gallery (a tenth of
#: the entries) and one of its entries
SYNTHETIC_PAGES = [("gallery", "2024-thi-9/bai-du-thi/"), ("entry", "2024-thi-9/bai-du-thi/e-0000/")]
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".vtt", ".txt", ".ics"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder as nginx with ``brotli_static``/``gzip_static`` does: a text file's ``.br``
    or ``.gz`` copy written by the build (``precompress``) when the browser accepts it, else the
    file gzip-compressed on the fly (as hosts do)."""

    prefix = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_head(self):
        address = self.path.split("?", 1)[0]
        path = Path(self.translate_path(address))
        if path.is_dir():
            if not address.endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        if path.suffix not in COMPRESSED or not path.is_file() or not accepted & {"br", "gzip"}:
            return super().send_head()
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            copy = path.with_name(path.name + suffix)
            if encoding in accepted and copy.is_file():
                body = copy.read_bytes()
                break
        else:
            if "gzip" not in accepted:
                return super().send_head()
            encoding, body = "gzip", gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Bytes(body)


class _Bytes:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve(site: Path, prefix: str = "/") -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving ``site`` at http://127.0.0.1:<port><prefix>; returns the server and that base."""
    handler = type("Handler", (GzipHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def build_sample(site: Path) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "plugins"))
    import build as cli

    if cli.main(["build", "--site-dir", str(site), "--today", FIXED_TODAY]) != 0:
        raise SystemExit("the sample portal did not build")


def build_synthetic(folder: Path, entries: int) -> Path:
    """bench.py's synthetic portal of ``entries`` entries (10 editions, one language), built; its site."""
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "plugins"))
    import bench
    import build as cli
    from tools.videogen import make_video

    base = make_video(folder / "base.mp4", duration_s=2, width=320, height=180, lines=["bench"])
    config = bench.make_portal(folder / "portal", entries, base)
    site = folder / "portal" / "site"
    if cli.main(["build", "-f", str(config), "-d", str(site)]) != 0:
        raise SystemExit("the synthetic portal did not build")
    return site


def measure(url: str, work: Path) -> dict:
    """One Lighthouse run (mobile) on ``url``: scores 0-100 per category, CLS, LCP ms, TBT ms."""
    report = work / "report.json"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    run = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
            "--max-wait-for-load=60000",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if run.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed on {url}: {run.stderr[-2000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    result: dict[str, Any] = {name: round(100 * (data["categories"][name]["score"] or 0)) for name in CATEGORIES}
    result["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    result["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
    result["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
    result["failed_audits"] = sorted(
        audit_id
        for name in CATEGORIES
        for ref in data["categories"][name]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"]) in audits
        and audits[audit_id]["score"] is not None
        and audits[audit_id]["score"] < 0.9
    )
    return result


def run_pages(
    base: str, lang: str = "vi", pages=PAGES, *, min_score: int = 90, max_cls: float = 0.1, tries: int = 3
) -> list[tuple[str, dict]]:
    """Each page measured once, and again (up to ``tries`` runs) while it misses a limit; its best run
    counts (by Performance), the other runs' Performance scores are kept in ``runs``. A machine
    shared with other work slows the simulated phone's CPU at random: a second look tells a slow
    page from a busy machine."""
    prefix = "" if lang == "vi" else f"{lang}/"
    results = []
    with tempfile.TemporaryDirectory() as work:
        for name, path in pages:
            runs = [measure(base + prefix + path, Path(work))]
            while len(runs) < tries and failures([(name, runs[-1])], min_score, max_cls):
                runs.append(measure(base + prefix + path, Path(work)))
            best = max(runs, key=lambda r: (r["performance"], -r["cls"]))
            best["runs"] = [r["performance"] for r in runs]
            results.append((f"{lang}:{name}", best))
    return results


def report_lines(results: list[tuple[str, dict]]) -> list[str]:
    lines = [
        f"{'page':<14}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}{'CLS':>8}{'LCP ms':>9}{'TBT ms':>8}"
        "  runs (perf)  audits below 0.9"
    ]
    for name, r in results:
        runs = ",".join(str(score) for score in r.get("runs", [r["performance"]]))
        lines.append(
            f"{name:<14}{r['performance']:>6}{r['accessibility']:>6}{r['best-practices']:>6}{r['seo']:>6}"
            f"{r['cls']:>8.3f}{r['lcp_ms']:>9.0f}{r['tbt_ms']:>8.0f}  {runs:<11}  {' '.join(r['failed_audits'])}"
        )
    return lines


def failures(results: list[tuple[str, dict]], min_score: int, max_cls: float) -> list[str]:
    found = []
    for name, r in results:
        found += [
            f"{name} {category} {r[category]} < {min_score}" for category in CATEGORIES if r[category] < min_score
        ]
        if r["cls"] > max_cls:
            found.append(f"{name} layout shift {r['cls']:.3f} > {max_cls}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the sample portal)")
    parser.add_argument(
        "--synthetic",
        type=int,
        metavar="ENTRIES",
        help="measure the gallery and an entry of bench.py's synthetic portal of ENTRIES entries",
    )
    parser.add_argument("--lang", default="vi", choices=("vi", "en"))
    parser.add_argument("--sub-path", action="store_true", help="serve the site under /cuoc-thi/")
    parser.add_argument("--min-score", type=int, default=90)
    parser.add_argument("--max-cls", type=float, default=0.1)
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        print(f"Lighthouse is not installed: run `npm ci --prefix {LIGHTHOUSE.parents[2]}`", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site, pages = args.site, SYNTHETIC_PAGES if args.synthetic else PAGES
        if site is None and args.synthetic:
            site = build_synthetic(Path(tmp), args.synthetic)
        elif site is None:
            site = Path(tmp) / "site"
            build_sample(site)
        server, base = serve(site, "/cuoc-thi/" if args.sub_path else "/")
        try:
            results = run_pages(base, args.lang, pages, min_score=args.min_score, max_cls=args.max_cls)
        finally:
            server.shutdown()
            server.server_close()
    print("\n".join(report_lines(results)))
    problems = failures(results, args.min_score, args.max_cls)
    for problem in problems:
        print("FAIL", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
