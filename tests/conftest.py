"""Shared fixtures: contest trees in temporary folders with real tiny videos."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import shutil
import tempfile
import textwrap
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # annotations only: conftest imports nothing of the package before the tests do
    from PIL import Image

    from contest_portal.core.errors import Problem
    from contest_portal.media.probe import VideoInfo
    from contest_portal.model import EntryRecord

ROOT = Path(__file__).resolve().parent.parent
FIXED_TODAY = "2024-09-20"


def bench_script(name: str) -> ModuleType:
    """``bench/<name>.py`` loaded as a module: bench/ is a folder of scripts, not a package."""
    path = ROOT / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"contest_bench_{name}", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def file_name(problem: Problem) -> str:
    """The name of the file ``problem`` is about; "" when it names no file."""
    return problem.where.file.name if problem.where.file else ""


def video_of(entry: EntryRecord) -> VideoInfo:
    """What the probe found in ``entry``'s video (the entry must have one)."""
    assert entry.video_info is not None, f"{entry.slug}: no video probed"
    return entry.video_info


def pixel(image: Image.Image, xy: tuple[int, int]) -> tuple[int, ...]:
    """The colour at ``xy`` (x, y in pixels) as channel values 0-255: RGB, RGBA or L as a 1-tuple."""
    value = image.getpixel(xy)
    return value if isinstance(value, tuple) else (int(value or 0),)


#: For page.evaluate / frame.evaluate: the first <video>'s duration once its metadata is in (seconds).
VIDEO_DURATION_JS = """(selector) => new Promise((resolve, reject) => {
    const video = document.querySelector(selector || 'video');
    if (video.readyState >= 1) resolve(video.duration);
    video.addEventListener('loadedmetadata', () => resolve(video.duration));
    video.addEventListener('error', () => reject('video error'));
})"""

MINIMAL_CONTEST = """\
year: 2025
title: Cuộc thi thử nghiệm
organizer:
  name: UBND huyện Thử Nghiệm
entry_kinds: [video]
unit_categories:
  - {id: xa, name: UBND các xã, max_entries: 2}
units:
  - {id: xa-a, name: UBND xã A, category: xa}
  - {id: xa-b, name: UBND xã B, category: xa}
timeline:
  - {kind: submission, start: 2025-05-01, end: "2025-05-31 17:00"}
prizes:
  tiers:
    - {id: nhat, name: Giải Nhất, count: 1, amount: 10000000}
    - {id: nhi, name: Giải Nhì, count: 2, amount: "7.000.000 đ"}
"""

MINIMAL_ENTRY = """\
title: Tác phẩm số {n}
authors:
  - name: Nguyễn Văn {n}
unit: xa-a
video: video.mp4
consent: {{publication: true}}
"""


@pytest.fixture(scope="session")
def tiny_video(tmp_path_factory) -> Path:
    """One real 2-second H.264/AAC mp4, made once per test session."""
    from tools.videogen import make_video

    path = tmp_path_factory.mktemp("media") / "tiny.mp4"
    make_video(path, duration_s=2, width=160, height=90, lines=["test"])
    return path


class ContestTree:
    """Builds an entries/ folder with contests and entries for a test."""

    def __init__(self, root: Path, video: Path):
        self.root = root
        self.video = video
        root.mkdir(parents=True, exist_ok=True)

    def contest(self, slug: str = "2025-thu-nghiem", text: str = MINIMAL_CONTEST) -> Path:
        folder = self.root / slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "contest.yml").write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    def entry(
        self,
        contest: str = "2025-thu-nghiem",
        slug: str = "e-01",
        text: str | None = None,
        video: bool = True,
        private: str | None = None,
    ) -> Path:
        folder = self.root / contest / slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "entry.yml").write_text(textwrap.dedent(text or MINIMAL_ENTRY.format(n=slug)), encoding="utf-8")
        if video:  # a distinct real video per entry (the same file twice is a duplicate)
            from tools.videogen import make_video

            make_video(folder / "video.mp4", duration_s=2, width=160, height=90, lines=[contest, slug])
        if private is not None:
            (folder / "private.yml").write_text(textwrap.dedent(private), encoding="utf-8")
        return folder


@pytest.fixture
def tree(tmp_path, tiny_video) -> ContestTree:
    return ContestTree(tmp_path / "entries", tiny_video)


def tree_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, to prove it was left unchanged."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_mkdocs_yml(project: Path, entries: str = "entries", extra: str = "") -> Path:
    """A minimal mkdocs.yml using the contest plugin, for fixture portals."""
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "index.md").write_text("# Trang chủ\n\n<!-- portal:current -->\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(f"""\
        site_name: Thử nghiệm
        docs_dir: docs
        theme:
          name: material
          language: vi
          font: false
        plugins:
          - contest:
              entries_dir: {entries}
              cache_dir: .cache
              today: "{FIXED_TODAY}"
        """)
        + extra,
        encoding="utf-8",
    )
    return config


# --- browser tests ------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. In CI a missing browser is a failure, not a skip."""
    import os

    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


class _QuietHandler:
    """http.server handler factory serving one folder, with optional extra headers."""

    @staticmethod
    def make(folder: Path, headers):
        """``headers``: a dict for every response, or a function of the URL path giving them."""
        import functools
        import http.server
        from urllib.parse import unquote, urlsplit

        class Handler(http.server.SimpleHTTPRequestHandler):
            def end_headers(self):
                path = unquote(urlsplit(self.path).path)
                for name, value in (headers(path) if callable(headers) else headers).items():
                    self.send_header(name, value)
                super().end_headers()

            def log_message(self, *args):
                pass

        return functools.partial(Handler, directory=str(folder))


@pytest.fixture
def serve_folder():
    """Serve a folder on 127.0.0.1 (a free port); returns the base URL."""
    import http.server
    import threading

    servers = []

    def start(folder: Path, headers=None, host: str = "127.0.0.1") -> str:
        server = http.server.ThreadingHTTPServer((host, 0), _QuietHandler.make(folder, headers or {}))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://{host}:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def run_serve(config: Path, cwd: Path, path: str = "") -> str:
    """Start `build.py serve`, fetch one page once it answers, stop it; return the page."""
    return serve_once(config, cwd, path)[0]


def serve_once(config: Path, cwd: Path, path: str = "") -> tuple[str, str, int]:
    """Start `build.py serve`, fetch one page once it answers, stop it as Ctrl+C does:
    (the page, everything the command printed, its port)."""
    with serving(config, cwd) as run:
        page = run["fetch"](path, lambda page: True)
    return page, run["output"], run["port"]


@contextlib.contextmanager
def serving(config: Path, cwd: Path):
    """`build.py serve` running on a free port, stopped as Ctrl+C does on leaving: yields a dict with
    ``fetch(path, ready)`` (the page at ``path`` once it answers and ``ready(page)`` holds, within 90 s)
    and ``port``; ``output`` (everything the command printed) is there once it has stopped."""
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )

    def fetch(path: str, ready) -> str:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
                    page = response.read().decode("utf-8")
                    if ready(page):
                        return page
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(proc.communicate()[0]) from None
            if time.monotonic() > deadline:
                raise AssertionError("serve did not answer in time") from None
            time.sleep(0.3)

    run = {"fetch": fetch, "port": port}
    try:
        yield run
        proc.send_signal(signal.SIGINT)
        run["output"] = proc.communicate(timeout=30)[0]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


#: The search index's files that Pagefind 1.5 does not write the same when it indexes the same pages
#: again (it writes filters and their values in hash-map order): the filter chunks, and the language files
#: and the entry file that name them by hash. Its word index and page fragments are reproducible. (A
#: rebuild whose pages are unchanged does not index again: it links the kept bundle, the same bytes.)
PAGEFIND_UNSTABLE = r"(en/)?pagefind/(filter/.*|pagefind\.[a-z]+_[0-9a-f]+\.pf_meta|pagefind-entry\.json(\.gz|\.br)?)"


# --- the record of the problem codes the suite raises ----------------------------------------------

CODE_RECORD_DIR = Path(__file__).resolve().parent / "code_record"
#: the test that compares the record with the table of codes: run last, and only on a whole run
LAST_TEST = "test_every_error_code_is_raised_by_the_suite"
_RUN = {"deselected": 0, "items": 0, "finished": 0}
_RECORD = pytest.StashKey[Path]()


def pytest_configure(config):
    """Record every problem code made in this session, here and in the processes the tests start
    (code_record/sitecustomize.py: the record file is named by an environment variable)."""
    from contest_portal.core.errors import Problem

    from .code_record.sitecustomize import RECORD_ENV, record_problems

    folder = Path(tempfile.mkdtemp(prefix="contest-portal-codes-"))
    folder.chmod(0o755)
    record = folder / "codes.txt"
    record.touch()
    record.chmod(0o666)  # (a test runs the command line as an unprivileged user)
    config.stash[_RECORD] = record
    os.environ[RECORD_ENV] = str(record)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(CODE_RECORD_DIR), *filter(None, [os.environ.get("PYTHONPATH")])])
    record_problems(Problem, str(record))


def pytest_unconfigure(config):
    record = config.stash.get(_RECORD, None)
    if record is not None:
        shutil.rmtree(record.parent, ignore_errors=True)


def pytest_deselected(items):
    _RUN["deselected"] += len(items)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    last = [item for item in items if item.name == LAST_TEST]
    items[:] = [item for item in items if item.name != LAST_TEST] + last
    _RUN["items"] = len(items)


def pytest_runtest_logreport(report):
    if report.when == "teardown":
        _RUN["finished"] += 1


def recorded_codes(config) -> set[str]:
    """The codes of every problem made so far in the session, in any of its processes."""
    return set(config.stash[_RECORD].read_text(encoding="utf-8").split())


def whole_suite_ran(config) -> bool:
    """True when this session runs every test of the suite (no file, -k, -m or --deselect chosen)
    and every test before the last one has finished."""
    tests = Path(__file__).resolve().parent
    chosen = [Path(arg.split("::")[0]).resolve() for arg in config.option.file_or_dir or []]
    return (
        all(path in (tests, tests.parent) for path in chosen)
        and _RUN["deselected"] == 0
        and not config.option.keyword
        and not config.option.markexpr
        and _RUN["finished"] == _RUN["items"] - 1
    )
