"""Screenshots of the built portal for the user guide, taken in Debian's headless Chromium.

    python tools/screenshots.py          builds the sample portal and refreshes site_src/huong-dan/anh/

The browser tests call ``take_screenshots`` on their own build, so the pictures in the guide
come from the same code path that the tests check.
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: (file name, page, viewport width, height): each page type on a desktop and on a phone (390 x 844)
SHOTS = [
    ("trang-chu.png", "", 1280, 800),
    ("trang-chu-dien-thoai.png", "", 390, 844),
    ("the-le.png", "2024-vinh-linh/the-le/", 1280, 900),
    ("the-le-dien-thoai.png", "2024-vinh-linh/the-le/#giai-thuong", 390, 844),
    ("tac-pham-dien-thoai.png", "2024-vinh-linh/bai-du-thi/", 390, 844),
    ("trang-tac-pham.png", "2024-vinh-linh/bai-du-thi/vl-02/", 1280, 900),
    ("trang-tac-pham-dien-thoai.png", "2024-vinh-linh/bai-du-thi/vl-02/", 390, 844),
    ("ket-qua.png", "2024-vinh-linh/ket-qua/", 1280, 900),
    ("ket-qua-dien-thoai.png", "2024-vinh-linh/ket-qua/", 390, 844),
    ("ma-loi.png", "ma-loi/", 1280, 800),
]
PHONE_WIDTH = 480  # a viewport this narrow is taken as a phone's (touch, mobile layout)


def take_screenshots(site: Path, out_dir: Path, browser) -> list[Path]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    try:
        for name, path, width, height in SHOTS:
            phone = width <= PHONE_WIDTH
            context = browser.new_context(
                viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone, device_scale_factor=1
            )
            page = context.new_page()
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out_dir / name))
            context.close()
            made.append(out_dir / name)
    finally:
        server.shutdown()
        server.server_close()
    return made


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    import build as cli

    site = Path(tempfile.mkdtemp()) / "site"
    if cli.main(["build", "--site-dir", str(site), "--today", "2024-09-20"]) != 0:
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for path in take_screenshots(site, ROOT / "site_src" / "huong-dan" / "anh", browser):
            print(path)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
