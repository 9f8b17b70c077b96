"""The preview server (``serve``): whether its address can be opened, byte ranges, and the
serving loop (``serve_site``: MkDocs' own, with the configs its caller loads).

``address_problem`` tries the address before anything is built: a port another program holds is
SRV001, an address this machine does not have (or may not open) SRV002, instead of MkDocs'
traceback after the whole build.

The preview answers byte ranges as a web host does: Safari and every iPhone play a video
only from a server that answers ``Range: bytes=0-1`` with ``206 Partial Content``.

MkDocs' preview server (``mkdocs.livereload.LiveReloadServer``, MkDocs 1.6) answers every request
with ``200`` and the whole file, and takes a file's type from ``mimetypes``, which on Windows reads
the registry (where other programs may have written any type for ``.mp4``).  ``with_ranges`` wraps
its WSGI application (the plugin's ``on_serve``, MkDocs' hook for changing the server) so that:

* every file answers ``Accept-Ranges: bytes``;
* one byte range (``bytes=0-1``, open-ended ``bytes=100-``, suffix ``bytes=-500``) is answered with
  ``206``, ``Content-Range: bytes first-last/size`` and only those bytes (RFC 9110 §14);
* a range that starts past the end, or ``bytes=-0``, is ``416`` with ``Content-Range: bytes */size``
  (§14.1.1, §15.5.17);
* a malformed header, another unit, several ranges or an ``If-Range`` (the preview gives no
  validators it could match) is answered with the whole file, as §14.2 allows;
* the media types of ``MEDIA_TYPES`` are the ones browsers expect, whatever the machine's registry.

MkDocs logs every answer but ``200`` as a warning (``_Handler.log_request``), so each range a
video player asks for would print "MkDocs warning: … code 206"; ``NormalAnswers`` leaves out the
lines of a working preview's answers (``206``, ``304``, ``416``), as MkDocs leaves out ``200``.

Ranges are parsed by Werkzeug's ``parse_range_header``; the bytes they name are worked out by
``_span`` (Werkzeug's ``range_for_length`` refuses a suffix longer than the file).
"""

from __future__ import annotations

import errno
import logging
import re
import shutil
import socket
import tempfile
import wsgiref.util
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from werkzeug.http import parse_range_header

from contest_portal.core.errors import Location, Problem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

#: the type of each file kind a page plays or shows, as browsers expect it (not the machine's registry)
MEDIA_TYPES = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".m4a": "audio/mp4",
    ".mov": "video/quicktime",
    ".webm": "video/webm",
    ".vtt": "text/vtt; charset=utf-8",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
CHUNK = 64 * 1024  # bytes read at a time from the file
EMPTY_SUFFIX = re.compile(r"\s*bytes\s*=\s*-0+\s*", re.IGNORECASE)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
DEFAULT_ADDRESS = "127.0.0.1:8000"  # MkDocs' dev_addr
_serve_log = logging.getLogger("mkdocs.commands.serve")  # serve_site's lines, as MkDocs' serve says them


def address_problem(dev_addr: str | None) -> Problem | None:
    """SRV001 when another program listens on ``dev_addr`` ("host:port", default ``DEFAULT_ADDRESS``),
    SRV002 when this machine cannot open it (not one of its addresses, a port it may not use); None
    when the preview can listen there, or when the address is no host:port (MkDocs says so itself).

    The socket is opened as MkDocs' server opens it (``SO_REUSEADDR``: a port a stopped preview
    left in TIME_WAIT is free), then closed at once."""
    address = dev_addr or DEFAULT_ADDRESS
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit():
        return None
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, int(port)))
    except (OSError, OverflowError) as exc:
        code = "SRV001" if isinstance(exc, OSError) and exc.errno == errno.EADDRINUSE else "SRV002"
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Problem(code, Location(field="dev_addr"), {"address": address, "detail": detail})
    return None


def _send(file: Any, first: int, count: int) -> Iterator[bytes]:
    """``count`` bytes of ``file`` from byte ``first``, in chunks; the file is closed at the end."""
    try:
        file.seek(first)
        while count > 0:
            chunk = file.read(min(CHUNK, count))
            if not chunk:
                break
            count -= len(chunk)
            yield chunk
    finally:
        file.close()


def _span(wanted: tuple[int, int | None], size: int) -> tuple[int, int] | None:
    """``[first, end)`` of the file's bytes that one parsed range names (Werkzeug's form: ``(first,
    end)``, ``(first, None)`` open-ended, ``(-n, None)`` the last n bytes); None when no byte of
    the file is in it.  A suffix longer than the file is the whole file (RFC 9110 §14.1.2), which
    Werkzeug's own ``range_for_length`` refuses."""
    first, end = wanted
    if end is None:
        first, end = (max(size + first, 0) if first < 0 else first), size
    end = min(end, size)
    return (first, end) if first < end else None


class NormalAnswers(logging.Filter):
    """On MkDocs' ``mkdocs.livereload`` logger: its line for a normal answer of the preview (a
    range ``206``, ``416``, a ``304``) is left out, like its ``200``; others (404, 500) are kept."""

    NORMAL = re.compile(r'" code (?:206|304|416)$')

    def filter(self, record: logging.LogRecord) -> bool:
        return not self.NORMAL.search(record.getMessage())


def with_ranges(app: WsgiApp) -> WsgiApp:
    """``app`` (MkDocs' preview application) answering byte ranges and giving media their types;
    their answers are logged as normal ones (``NormalAnswers``)."""
    logger = logging.getLogger("mkdocs.livereload")
    if not any(isinstance(f, NormalAnswers) for f in logger.filters):
        logger.addFilter(NormalAnswers())

    def ranged(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        answer: dict[str, Any] = {}

        def keep(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            answer.update(status=status, headers=headers)
            return lambda data: None  # (MkDocs returns its body; it never writes through this)

        body = app(environ, keep)
        status, headers = answer["status"], answer["headers"]
        if not status.startswith("200 ") or not isinstance(body, wsgiref.util.FileWrapper):
            start_response(status, headers)
            return body
        kind = MEDIA_TYPES.get(PurePosixPath(environ.get("PATH_INFO", "")).suffix.lower())
        headers = [(name, kind if kind and name.lower() == "content-type" else value) for name, value in headers]
        headers.append(("Accept-Ranges", "bytes"))
        size = int(dict((name.lower(), value) for name, value in headers)["content-length"])
        asked = environ.get("HTTP_RANGE") or ""
        # "bytes=-0", the last 0 bytes, names none (RFC 9110 §14.1.2): said here, whatever Werkzeug
        # makes of it (3.1.8 reads "bytes=0-", 3.1.9 nothing)
        empty = EMPTY_SUFFIX.fullmatch(asked) is not None
        wanted = parse_range_header(asked) if asked and not empty else None
        usable = wanted is not None and wanted.units == "bytes" and len(wanted.ranges) == 1
        if not (empty or usable) or "HTTP_IF_RANGE" in environ:
            start_response(status, headers)
            return body
        span = None if empty or wanted is None else _span(wanted.ranges[0], size)
        kept = [(name, value) for name, value in headers if name.lower() != "content-length"]
        if span is None:
            body.close()
            start_response(
                "416 Range Not Satisfiable", [*kept, ("Content-Range", f"bytes */{size}"), ("Content-Length", "0")]
            )
            return []
        first, end = span
        start_response(
            "206 Partial Content",
            [*kept, ("Content-Range", f"bytes {first}-{end - 1}/{size}"), ("Content-Length", str(end - first))],
        )
        return _send(body.filelike, first, end - first)

    return ranged


def serve_site(make_config: Callable[[str], MkDocsConfig]) -> None:
    """Build the site into a temporary folder, serve it with MkDocs' live-reload server and rebuild on
    every change, as MkDocs 1.6's ``serve`` does (``mkdocs/commands/serve.py``, with livereload and its
    default build), but with the configs ``make_config(site_dir)`` loads: MkDocs' own loads mkdocs.yml
    again at each rebuild, leaving its caller no plugin instance to hand values to (``plugin.Handoff``).
    Returns on Ctrl+C; the temporary folder is removed."""
    from mkdocs.commands.build import build
    from mkdocs.livereload import LiveReloadServer, _serve_url

    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    config = make_config(site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)

    def builder(config: MkDocsConfig | None = None) -> None:
        _serve_log.info("Building documentation...")
        if config is None:
            config = make_config(site_dir)
            config.site_url = serve_url
        build(config, serve_url=serve_url)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)
    server.error_handler = lambda code: _error_page(site_dir, code)
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            _serve_log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _error_page(site_dir: str, code: int) -> bytes | None:
    """The site's own 404.html / 500.html for those answers (as MkDocs' serve), else None."""
    page = Path(site_dir) / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
