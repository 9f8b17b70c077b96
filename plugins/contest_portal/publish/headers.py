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

from contest_portal.publish.staging import MARKER
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


class _Malformed(Exception):
    """A script element that is not well formed on its own (its first 80 characters)."""


def _scripts_of(data: bytes, parsed: dict[bytes, list[str]]) -> list[str]:
    """The inline scripts of a page's bytes (``parsed`` remembers each script element already seen).

    Raises _Malformed for a script element that is not well formed on its own (one that never
    ends, or whose start tag swallows another): the theme writes none, and a browser could read
    such markup as a script the check did not see.
    """
    # Only the script elements go through the HTML parser: the same result, ~15x faster on big sites
    # (a "<script" inside a comment is parsed too, which can only make the check stricter).  The
    # page is searched as bytes (no decoding of the whole page), and the theme repeats the same
    # few elements on every page, so each distinct element is parsed once.
    found = list(_SCRIPT_ELEMENT.finditer(data))
    starts = {match.start() for match in found}
    for start in (match.start() for match in _SCRIPT_START.finditer(data)):
        if start not in starts:  # a "<script" that never ends, or one inside another element
            raise _Malformed(data[start : start + 80].decode("utf-8", errors="replace"))
    scripts = []
    for element in (match.group() for match in found):
        if element not in parsed:
            text = element.decode("utf-8", errors="replace")
            parser = _InlineScripts()
            parser.feed(text)
            parser.close()
            if parser.tags != 2:
                raise _Malformed(text)
            # as a browser reads the page: CR LF and lone CR become LF before the script is hashed
            parsed[element] = [script.replace("\r\n", "\n").replace("\r", "\n") for script in parser.scripts]
        scripts += parsed[element]
    return scripts


def _scripts(page: Path, parsed: dict[bytes, list[str]] | None = None) -> list[str]:
    """The inline scripts of the page file ``page``; UnexpectedScript if one is not well formed."""
    try:
        return _scripts_of(page.read_bytes(), {} if parsed is None else parsed)
    except _Malformed as exc:
        raise UnexpectedScript(page, str(exc)) from None


class PageScripts:
    """The inline scripts of the pages a build writes, taken from memory as each page is made.

    The build hands over each page it writes (``add``), so the security headers need not read
    ten thousand pages back from the disk; ``inline_script_hashes`` reads only the HTML files
    it was not handed (the theme's 404 page, HTML files copied from the docs folder) and does
    not walk ``skip_dirs``, the site folders that hold no page (published media, the search
    bundle).  Paths are site paths: ``2025-cchc/bai-du-thi/e-01/index.html``.
    """

    def __init__(self) -> None:
        self.scripts: dict[str, str] = {}  # each distinct inline script: the first page that holds it
        self.pages: set[str] = set()
        self.skip_dirs: set[str] = set()
        self.malformed: tuple[str, str] | None = None  # (page, start of the element): the first one seen
        self._parsed: dict[bytes, list[str]] = {}

    def add(self, path: str, page: str | bytes) -> None:
        """Take the page written at site path ``path`` (its text or its bytes)."""
        try:
            scripts = _scripts_of(page.encode("utf-8") if isinstance(page, str) else page, self._parsed)
        except _Malformed as exc:
            self.malformed = self.malformed or (path, str(exc))
            scripts = []
        for script in scripts:
            self.scripts.setdefault(script, path)
        self.pages.add(path)

    def merge(self, other: PageScripts, prefix: str) -> None:
        """Take the pages of a sub-site written under ``prefix`` (``en/``)."""
        for script, path in other.scripts.items():
            self.scripts.setdefault(script, prefix + path)
        self.pages.update(prefix + path for path in other.pages)
        self.skip_dirs.update(prefix + path for path in other.skip_dirs)
        if other.malformed and not self.malformed:
            self.malformed = (prefix + other.malformed[0], other.malformed[1])


def _shape(script: str) -> str:
    """The theme's scripts differ between pages only by the relative URL of the site root."""
    return re.sub(r'new URL\("[^"]*"', 'new URL("…"', script)


def inline_script_hashes(site_dir: Path, seen: PageScripts | None = None) -> set[str]:
    """CSP source expressions ('sha256-…') of the theme's inline scripts on every page.

    The theme's own scripts are those of its 404 page, which holds no contest data.  Any other
    inline script (for instance one typed into a hand-written page, or one an injection bug
    would produce) raises UnexpectedScript instead of being allowed.  ``seen``: the pages the
    build handed over as it wrote them (not read again).
    """
    seen = seen or PageScripts()
    if seen.malformed:
        raise UnexpectedScript(site_dir / seen.malformed[0], seen.malformed[1])
    theme_page = site_dir / "404.html"
    allowed = {_shape(script) for script in _scripts(theme_page)} if theme_page.is_file() else set()
    found: dict[str, Path] = {script: site_dir / path for script, path in seen.scripts.items()}
    parsed: dict = {}
    for page in _html_files(site_dir, seen.skip_dirs, seen.pages):
        for script in _scripts(page, parsed):
            found.setdefault(script, page)
    hashes: set[str] = set()
    for script, page in found.items():
        if _shape(script) not in allowed:
            raise UnexpectedScript(page, script)
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        hashes.add(f"'sha256-{digest}'")
    return hashes


def _html_files(
    site_dir: Path, skip_dirs: set[str] | frozenset = frozenset(), known: set[str] | frozenset = frozenset()
):
    """Every .html file under ``site_dir`` but those of ``known`` and of ``skip_dirs`` (site paths)
    (os.walk: several times quicker than Path.rglob)."""
    top = len(str(site_dir)) + 1
    for folder, dirs, names in os.walk(site_dir):
        here = folder[top:].replace(os.sep, "/")
        here = here + "/" if here else ""
        if skip_dirs:
            dirs[:] = [name for name in dirs if here + name not in skip_dirs]
        for name in names:
            if name.endswith(".html") and here + name not in known:
                yield Path(folder, name)


def content_security_policy(hashes: set[str], frame_ancestors: tuple[str, ...] = ()) -> str:
    """The site's policy; ``frame_ancestors``: origins besides the site's own that may frame the
    page (the embeddable views' policy), none for every other page."""
    # 'wasm-unsafe-eval': the site search (Pagefind) compiles its WebAssembly; it allows no JavaScript eval
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(hashes)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "media-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            f"frame-src 'self' {' '.join(FRAME_SOURCES)}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            " ".join(["frame-ancestors 'self'", *frame_ancestors]),
        ]
    )


def security_headers(csp: str, *, framed: bool = False) -> dict[str, str]:
    """The headers of every page; ``framed``: a page other origins may frame, whose policy lists
    them (``X-Frame-Options`` cannot list several origins: left off, as browsers prefer
    ``frame-ancestors``)."""
    headers = {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "SAMEORIGIN",
    }
    if framed:
        del headers["X-Frame-Options"]
    return headers


#: The embeddable views: ``<contest>/nhung/`` of the root site or of a language sub-site (en/).
EMBED_PATTERN = "([a-z]{2}/)?[^/]+/nhung/"
FEED_NAME = "feed.json"
#: files the build writes at the site's top for the web server or for itself, not for visitors
NOT_SERVED = ("_headers", ".htaccess", "nginx-security-headers.conf", MARKER)


def write_header_files(
    site_dir: Path, *, embed_origins: tuple[str, ...] = (), base_path: str = "/", seen: PageScripts | None = None
) -> dict[str, str]:
    """Write _headers, .htaccess and nginx-security-headers.conf; return the headers of a page.

    ``embed_origins``: origins (``https://vinhlinh.quangtri.gov.vn``) whose pages may frame the
    embeddable views; every other page keeps refusing frames.  The feed files (``feed.json``) may
    be read from any origin (``Access-Control-Allow-Origin: *``).  ``base_path``: where the site
    is served (the path of its site_url), for the path rules.  ``_headers`` follows Cloudflare
    Pages' rules (every matching section applies; ``! Name`` removes a header an earlier one set).
    ``seen``: the pages the build handed over as it wrote them (see PageScripts).
    """
    hashes = inline_script_hashes(site_dir, seen)
    headers = security_headers(content_security_policy(hashes))
    framed = security_headers(content_security_policy(hashes, tuple(embed_origins)), framed=True)
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    embed_dirs = sorted(
        {
            p.parent.relative_to(site_dir).as_posix()
            for pattern in ("*/nhung/index.html", "*/*/nhung/index.html")
            for p in site_dir.glob(pattern)
        }
    )
    feeds = sorted(
        p.relative_to(site_dir).as_posix()
        for pattern in (FEED_NAME, f"*/{FEED_NAME}", f"*/*/{FEED_NAME}")
        for p in site_dir.glob(pattern)
    )
    cors = {"Access-Control-Allow-Origin": "*"}
    sections = ["/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())]
    if embed_origins:
        sections += [
            f"{base}{folder}/*\n  ! Content-Security-Policy\n  ! X-Frame-Options\n"
            f"  Content-Security-Policy: {framed['Content-Security-Policy']}\n"
            for folder in embed_dirs
        ]
    sections += [f"{base}{feed}\n" + "".join(f"  {name}: {value}\n" for name, value in cors.items()) for feed in feeds]
    (site_dir / "_headers").write_text("".join(sections), encoding="utf-8")
    embed_regex = f"^{re.escape(base)}{EMBED_PATTERN}"
    (site_dir / ".htaccess").write_text(
        "<IfModule mod_headers.c>\n"
        + "".join(f'  Header always set {name} "{value}"\n' for name, value in headers.items())
        + (
            f'  <If "%{{REQUEST_URI}} =~ m#{embed_regex}#">\n'
            f'    Header always set Content-Security-Policy "{framed["Content-Security-Policy"]}"\n'
            "    Header always unset X-Frame-Options\n  </If>\n"
            if embed_origins
            else ""
        )
        + f'  <FilesMatch "^{re.escape(FEED_NAME)}$">\n    Header always set Access-Control-Allow-Origin "*"\n'
        "  </FilesMatch>\n</IfModule>\n"
        f'<FilesMatch "^({"|".join(re.escape(name) for name in NOT_SERVED)})$">\n'
        "  Require all denied\n</FilesMatch>\n",
        encoding="utf-8",
    )

    def nginx(values: dict[str, str], indent: str = "") -> str:
        return "".join(f'{indent}add_header {name} "{value}" always;\n' for name, value in values.items())

    (site_dir / "nginx-security-headers.conf").write_text(
        "# include this file inside the nginx server { } block that serves the portal\n"
        + nginx(headers)
        + "# the build's own files that are not part of the site: never served\n"
        f'location ~ "^{re.escape(base)}({"|".join(re.escape(name) for name in NOT_SERVED)})$" {{\n    deny all;\n}}\n'
        + (
            "# the embeddable views: framed by the origins of the embed_origins option\n"
            f'location ~ "{embed_regex}" {{\n' + nginx(framed, "    ") + "}\n"
            if embed_origins
            else ""
        )
        + "# the data feeds: readable from any origin\n"
        f'location ~ "/{re.escape(FEED_NAME)}$" {{\n' + nginx({**headers, **cors}, "    ") + "}\n",
        encoding="utf-8",
    )
    return headers


def read_headers_file(path: Path) -> dict[str, str]:
    """The headers a ``_headers`` file gives every page (its ``/*`` section; for tests and previews)."""
    return headers_for(header_rules(path), "/")


def header_rules(path: Path) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The sections of a ``_headers`` file: ``(path pattern, [(name, value, or None to remove)])``."""
    rules: list[tuple[str, list[tuple[str, str | None]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            rules.append((line.strip(), []))
        elif match := re.match(r"^\s+!\s*([A-Za-z-]+)\s*$", line):
            rules[-1][1].append((match[1], None))
        elif match := re.match(r"^\s+([A-Za-z-]+):\s*(.+)$", line):
            rules[-1][1].append((match[1], match[2]))
    return rules


def headers_for(rules: list[tuple[str, list[tuple[str, str | None]]]], url_path: str) -> dict[str, str]:
    """The headers a host following Cloudflare Pages' ``_headers`` rules sends for ``url_path``:
    every section whose pattern matches applies in order (``*`` matches anything)."""
    headers: dict[str, str] = {}
    for pattern, values in rules:
        if re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), url_path):
            for name, value in values:
                if value is None:
                    headers.pop(name, None)
                else:
                    headers[name] = value
    return headers
