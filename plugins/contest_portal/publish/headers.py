"""Security headers for the built site: a Content-Security-Policy the pages satisfy.

The theme needs a few small inline scripts; instead of allowing every inline
script ('unsafe-inline'), their SHA-256 hashes are collected from the built
pages, so only those exact scripts may run.  The headers are written as
``_headers`` (Netlify, Cloudflare Pages), ``.htaccess`` (Apache) and
``nginx-security-headers.conf`` (to ``include`` in an nginx ``server`` block).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from contest_portal.site.embeds import FRAME_SOURCES

_NOT_JS = {"application/json", "application/ld+json", "text/template", "text/x-template"}


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.tags = 0  # script start and end tags seen: a well-formed element has exactly one of each
        self._inside = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.tags += 1
            attrs = dict(attrs)
            self._inside = "src" not in attrs and (attrs.get("type") or "text/javascript").lower() not in _NOT_JS
            self._buffer = []

    def handle_data(self, data):
        if self._inside:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self.tags += 1
        if tag == "script" and self._inside:
            self.scripts.append("".join(self._buffer))
            self._inside = False


class UnexpectedScript(Exception):
    """A page holds an inline script that is not one of the theme's own."""

    def __init__(self, page: Path, script: str):
        super().__init__(f"{page}: {script[:80]}")
        self.page = page
        self.script = script


_SCRIPT_ELEMENT = re.compile(rb"<script\b.*?</script\s*>", re.S | re.I)
_SCRIPT_START = re.compile(rb"<script\b", re.I)


def _scripts(page: Path, parsed: dict[bytes, list[str]] | None = None) -> list[str]:
    """The inline scripts of a page (``parsed`` remembers each script element already seen).

    Raises UnexpectedScript for a script element that is not well formed on its own (one that
    never ends, or whose start tag swallows another): the theme writes none, and a browser
    could read such markup as a script the check did not see.
    """
    # Only the script elements go through the HTML parser: the same result, ~15x faster on big sites
    # (a "<script" inside a comment is parsed too, which can only make the check stricter).  The
    # page is searched as bytes (no decoding of the whole page), and the theme repeats the same
    # few elements on every page, so each distinct element is parsed once.
    parsed = {} if parsed is None else parsed
    data = page.read_bytes()
    found = list(_SCRIPT_ELEMENT.finditer(data))
    starts = {match.start() for match in found}
    for start in (match.start() for match in _SCRIPT_START.finditer(data)):
        if start not in starts:  # a "<script" that never ends, or one inside another element
            raise UnexpectedScript(page, data[start:start + 80].decode("utf-8", errors="replace"))
    scripts = []
    for element in (match.group() for match in found):
        if element not in parsed:
            text = element.decode("utf-8", errors="replace")
            parser = _InlineScripts()
            parser.feed(text)
            parser.close()
            if parser.tags != 2:
                raise UnexpectedScript(page, text)
            # as a browser reads the page: CR LF and lone CR become LF before the script is hashed
            parsed[element] = [script.replace("\r\n", "\n").replace("\r", "\n") for script in parser.scripts]
        scripts += parsed[element]
    return scripts


def _shape(script: str) -> str:
    """The theme's scripts differ between pages only by the relative URL of the site root."""
    return re.sub(r'new URL\("[^"]*"', 'new URL("…"', script)


def inline_script_hashes(site_dir: Path) -> set[str]:
    """CSP source expressions ('sha256-…') of the theme's inline scripts on every page.

    The theme's own scripts are those of its 404 page, which holds no contest data.  Any other
    inline script (for instance one typed into a hand-written page, or one an injection bug
    would produce) raises UnexpectedScript instead of being allowed.
    """
    theme_page = site_dir / "404.html"
    allowed = {_shape(script) for script in _scripts(theme_page)} if theme_page.is_file() else set()
    hashes: set[str] = set()
    parsed: dict = {}
    seen: set = set()
    for page in _html_files(site_dir):
        for script in _scripts(page, parsed):
            if script in seen:
                continue
            if _shape(script) not in allowed:
                raise UnexpectedScript(page, script)
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
            seen.add(script)
    return hashes


def _html_files(site_dir: Path):
    """Every .html file under ``site_dir`` (os.walk: several times quicker than Path.rglob)."""
    for folder, _, names in os.walk(site_dir):
        for name in names:
            if name.endswith(".html"):
                yield Path(folder, name)


def content_security_policy(hashes: set[str]) -> str:
    scripts = " ".join(["'self'", *sorted(hashes)])
    return "; ".join([
        "default-src 'self'", f"script-src {scripts}", "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:", "media-src 'self'", "font-src 'self'", "connect-src 'self'",
        "worker-src 'self' blob:", f"frame-src 'self' {' '.join(FRAME_SOURCES)}", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
        "frame-ancestors 'self'",
    ])


def security_headers(csp: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "SAMEORIGIN",
    }


def write_header_files(site_dir: Path) -> dict[str, str]:
    """Write _headers, .htaccess and nginx-security-headers.conf; return the headers."""
    headers = security_headers(content_security_policy(inline_script_hashes(site_dir)))
    (site_dir / "_headers").write_text(
        "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items()), encoding="utf-8")
    (site_dir / ".htaccess").write_text(
        "<IfModule mod_headers.c>\n" + "".join(f'  Header always set {name} "{value}"\n'
                                               for name, value in headers.items()) + "</IfModule>\n"
        "<FilesMatch \"^(_headers|nginx-security-headers\\.conf|\\.contest-portal-site)$\">\n"
        "  Require all denied\n</FilesMatch>\n", encoding="utf-8")
    (site_dir / "nginx-security-headers.conf").write_text(
        "# include this file inside the nginx server { } block that serves the portal\n"
        + "".join(f'add_header {name} "{value}" always;\n' for name, value in headers.items()), encoding="utf-8")
    return headers


def read_headers_file(path: Path) -> dict[str, str]:
    """The headers of a ``_headers`` file (for tests and local previews)."""
    headers = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s+([A-Za-z-]+):\s*(.+)$", line)
        if match:
            headers[match[1]] = match[2]
    return headers
