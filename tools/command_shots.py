#!/usr/bin/env python3
"""Pictures of what the clerk's commands print, for the organizers' guide (vi and en).

    python tools/command_shots.py [--lang vi|en] [--keep FOLDER]

Walks the clerk's path of tools/clerk_path.py in a temporary folder (a new contest, an Excel
register, a folder of received videos with two broken ones, validate, the build stopped by the
authors' files, the committee refusing those two, the preview, the build, the jury's sheets, the
results published, the documents), running each command as the clerk types it (``build.py`` in a
process of its own, in the project folder) and keeping everything it printed, stdout and stderr in
the order they came. Each command and its output is drawn as a Windows Terminal window (clerks
work on Windows) (120 columns, its default size) and photographed in Debian's headless Chromium, cropped to the window and reduced
to a few colours: ``site_src/huong-dan/anh/lenh-*.png`` (Vietnamese) and
``site_src/huong-dan/images/command-*.png`` (``--lang en``).

The window's font is Cascadia Mono where it is installed (Windows Terminal's), else JetBrains Mono
(Debian: ``apt-get install fonts-jetbrains-mono``; .ci/run installs it): DejaVu Sans Mono lacks
letters such as "ề" and "ổ", drawn then with their marks beside them.

The output is shown as printed, with two changes: the temporary folder is shown as the clerk's
(``D:\\cuoc-thi``, its paths with Windows separators) and the preview's port as the default 8000.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from tools.clerk_path import ClerkPath  # noqa: E402
from tools.screenshots import ARGS, CHROMIUM  # noqa: E402

#: where each language's pictures go (the guide's own folder for each language)
OUT_DIRS = {"vi": ROOT / "site_src" / "huong-dan" / "anh", "en": ROOT / "site_src" / "huong-dan" / "images"}
#: the clerk's folder as the pictures show it (the temporary folder's place)
SHOWN_FOLDER = "D:\\cuoc-thi"
PREVIEW_PORT = 8000
COLOURS = 24  # the palette of a picture: text on a dark window needs few


@dataclass
class Shot:
    """One command as typed and what it printed."""

    names: dict[str, str]  # the picture's file name per language
    command: list[str]  # the words after ``contest-portal``
    output: str  # stdout and stderr as they came, the folder shown as the clerk's
    status: int  # the exit status

    def name(self, lang: str) -> str:
        return self.names[lang]


class Session:
    """The clerk's project in ``folder`` (see ``ClerkPath``) and the commands run in it, in ``lang``."""

    def __init__(self, folder: Path, lang: str):
        self.path = ClerkPath(folder)
        self.folder = folder.resolve()
        self.lang = lang
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "plugins"), os.environ.get("PYTHONPATH", "")]),
            "PYTHONUNBUFFERED": "1",
        }  # (stdout and stderr then keep their order in one pipe)

    def _argv(self, args: tuple[str, ...]) -> list[str]:
        language = ["--lang", "en"] if self.lang == "en" else []
        return [sys.executable, str(ROOT / "build.py"), *args, *language, "-f", "mkdocs.yml"]

    def _shot(self, vi: str, en: str, args: tuple[str, ...], output: str, status: int) -> Shot:
        shown = [*args, *(["--lang", "en"] if self.lang == "en" else [])]
        return Shot({"vi": vi, "en": en}, [self.show(arg) for arg in shown], self.show(output), status)

    def run(self, vi: str, en: str, *args: str) -> Shot:
        """Run ``contest-portal ARGS`` in the project folder; the picture's names are ``vi`` and ``en``."""
        done = subprocess.run(
            self._argv(args),
            cwd=self.path.project,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            timeout=600,
        )
        return self._shot(vi, en, args, done.stdout, done.returncode)

    def preview(self, vi: str, en: str) -> Shot:
        """``serve`` until the preview answers, then Ctrl+C, as the clerk stops it."""
        port = _free_port()
        process = subprocess.Popen(
            self._argv(("serve", "-a", f"127.0.0.1:{port}")),
            cwd=self.path.project,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        try:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline and process.poll() is None:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.3)
            process.send_signal(signal.SIGINT)
            output, _ = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        return self._shot(
            vi, en, ("serve",), output.replace(f"127.0.0.1:{port}", f"127.0.0.1:{PREVIEW_PORT}"), process.returncode
        )

    def show(self, text: str) -> str:
        """``text`` with the temporary folder shown as the clerk's Windows folder."""
        folder = re.escape(str(self.folder))
        text = re.sub(
            f"file://{folder}([^\\s#]*)", lambda m: "file:///" + SHOWN_FOLDER.replace("\\", "/") + m.group(1), text
        )
        return re.sub(f"{folder}([^\\s:;,'\"()]*)", lambda m: SHOWN_FOLDER + m.group(1).replace("/", "\\"), text)

    def shots(self) -> Iterator[Shot]:
        """The path, one command at a time (the steps between are the clerk's edits)."""
        path = self.path
        yield self.run(
            "lenh-tao-cuoc-thi.png",
            "command-new-contest.png",
            "new-contest",
            "--year",
            "2024",
            "--slug",
            "thu",
            "--title",
            "Cuộc thi thử",
            "--organizer",
            "UBND huyện Thử",
        )
        path.write_plan()
        yield self.run(
            "lenh-nhap-so-dang-ky.png",
            "command-import-register.png",
            "import-register",
            str(path.register()),
            "--contest",
            "2024-thu",
        )
        yield self.run(
            "lenh-nhan-video.png", "command-intake.png", "intake", str(path.receive_videos()), "--contest", "2024-thu"
        )
        yield self.run("lenh-kiem-tra.png", "command-validate.png", "validate")
        yield self.run("lenh-xay-dung-bi-dung.png", "command-build-stopped.png", "build")
        path.refuse("duong-day-nong", "thanh-toan-khong-tien-mat")
        yield self.preview("lenh-xem-truoc.png", "command-serve.png")
        yield self.run("lenh-xay-dung.png", "command-build.png", "build")
        yield self.run("lenh-phieu-cham.png", "command-jury-sheets.png", "jury-sheets")
        path.fill_sheets(path.project / "reports" / "phieu-cham")
        path.write_plan(published=True)
        yield self.run("lenh-cong-bo-ket-qua.png", "command-results.png", "build")
        yield self.run("lenh-van-ban.png", "command-documents.png", "documents")
        yield self.from_plan()

    def from_plan(self) -> Shot:
        """Next year's contest drafted from its plan, the Word file the office received."""
        return self.run(
            "lenh-tao-tu-ke-hoach.png",
            "command-new-contest-from-plan.png",
            "new-contest",
            "--from-plan",
            str(self.path.signed_plan()),
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><style>
body {{ margin: 0; padding: 8px; background: #fff; }}
.window {{ display: inline-block; width: 120ch; background: #0c0c0c; color: #cccccc; border: 1px solid #3a3a3a;
  font: 14px/1.35 "Cascadia Mono", Consolas, "JetBrains Mono", monospace;
  font-variant-ligatures: none; font-feature-settings: "liga" 0, "calt" 0; }}
.bar {{ background: #202020; color: #ffffff; font: 13px "Segoe UI", "DejaVu Sans", sans-serif; padding: 7px 12px; }}
.bar span {{ background: #0c0c0c; padding: 7px 14px; }}
pre {{ margin: 0; padding: 10px 12px 12px; font: inherit; white-space: pre-wrap; overflow-wrap: anywhere; }}
.cmd {{ color: #f9f1a5; }} .opt {{ color: #8a8a8a; }} .arg {{ color: #61d6d6; }}
</style></head><body><div class="window"><div class="bar"><span>Windows PowerShell</span></div>
<pre>{prompt} <span class="cmd">contest-portal</span> {command}
{output}{prompt} </pre></div></body></html>
"""


def render_html(shot: Shot, lang: str) -> str:
    """The terminal window with the command (coloured as PowerShell colours it) and its output."""
    words = []
    for word in shot.command:
        quoted = f'"{word}"' if " " in word else word
        kind = "opt" if word.startswith("-") else "arg"
        words.append(f'<span class="{kind}">{escape(quoted)}</span>')
    prompt = escape(f"(.venv) PS {SHOWN_FOLDER}\\cong>")
    output = shot.output if shot.output.endswith("\n") or not shot.output else shot.output + "\n"
    return PAGE.format(lang=lang, prompt=prompt, command=" ".join(words), output=escape(output))


def take(shots: list[Shot], lang: str, out_dir: Path, browser) -> list[Path]:
    """Photograph each shot's window into ``out_dir`` (cropped, few colours); the files written."""
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 600}, device_scale_factor=1)
    made = []
    try:
        for shot in shots:
            page.set_content(render_html(shot, lang))
            picture = Image.open(io.BytesIO(page.locator(".window").screenshot()))
            target = out_dir / shot.name(lang)
            picture.convert("RGB").quantize(COLOURS, dither=Image.Dither.NONE).save(target, optimize=True)
            made.append(target)
    finally:
        page.close()
    return made


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=sorted(OUT_DIRS), action="append", help="(default: both)")
    parser.add_argument("--keep", type=Path, help="run in this (new) folder and leave it there")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for lang in args.lang or sorted(OUT_DIRS, reverse=True):
            with tempfile.TemporaryDirectory(prefix="command-shots-") as temporary:
                folder = (args.keep / lang) if args.keep else Path(temporary)
                folder.mkdir(parents=True, exist_ok=True)
                shots = []
                for shot in Session(folder, lang).shots():
                    print(f"contest-portal {' '.join(shot.command)}   → {shot.status}", flush=True)
                    shots.append(shot)
                for picture in take(shots, lang, OUT_DIRS[lang], browser):
                    print(f"  {picture.relative_to(ROOT)} ({picture.stat().st_size // 1024} KB)")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
