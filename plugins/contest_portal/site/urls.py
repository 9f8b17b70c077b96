"""Where things are on the site: source URIs of generated pages and media, and URLs between them.

A page's ``src_uri`` is named the way MkDocs names a Markdown file (``2024-vinh-linh/the-le.md``);
``page_url`` turns it into the URL MkDocs serves it at.  Nothing here imports MkDocs.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import quote

from contest_portal.model import ContestRecord, EntryRecord

RULES = "the-le"
GALLERY = "bai-du-thi"
RESULTS = "ket-qua"
CERTIFICATES = "giay-chung-nhan"
MEDIA = "media"
COVER = "anh-bia"  # a contest's cover picture: <contest>/media/anh-bia.jpg (and .webp)
DOCUMENTS = "van-ban"
ARCHIVE_URI = "luu-tru.md"
CODES_URI = "ma-loi.md"
CALENDAR = "lich-cuoc-thi.ics"
NEWS = "tin-tuc"
HOME_URI = "index.md"


def contest_uri(contest: ContestRecord, page: str = "index") -> str:
    return f"{contest.slug}/{page}.md"


def entry_uri(contest_slug: str, entry_slug: str) -> str:
    return f"{contest_slug}/{GALLERY}/{entry_slug}.md"


def news_uri(contest_slug: str, post_slug: str) -> str:
    return f"{contest_slug}/{NEWS}/{post_slug}.md"


def media_uri(entry: EntryRecord, path: Path) -> str:
    """Where an entry's file is published: ``<contest>/media/<entry>/<file name>``."""
    return f"{entry.contest_slug}/{MEDIA}/{entry.slug}/{path.name}"


#: The types a <source> may say: only those every browser answers for (MDN's "Media container
#: formats").  ``video/quicktime`` is left unsaid: Chrome and Firefox skip a source of that type
#: although they play an H.264 .mov they are given without one (they read its first bytes).
VIDEO_TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}


def video_type(uri: str | None) -> str | None:
    """The MIME type a page says for the published video at ``uri`` (by its suffix), or None:
    the browser then reads the file's first bytes."""
    return VIDEO_TYPES.get(posixpath.splitext((uri or "").split("?", 1)[0])[1].lower())


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site URL of a page, the way MkDocs computes it."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) == "index":
        base = posixpath.dirname(stem)
        if use_directory_urls:
            return f"{base}/" if base else ""
        return f"{base}/index.html" if base else "index.html"
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def absolute_url(site_url: str | None, site_path: str) -> str | None:
    """The address of a site path on the published site; None without a site_url.
    An address that is already absolute (a video hosted elsewhere) is kept as it is."""
    if site_path.startswith(("https://", "http://")):
        return site_path
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + quote(site_path, safe="/")


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at ``from_url`` to the site path ``target`` (both relative to the site root).

    Computed on path segments (``posixpath.relpath`` asks the OS for the working folder at every call,
    which thousands of pages feel).
    """
    return quote(relative_path(target, from_url), safe="/.-_~")


def relative_path(target: str, from_url: str) -> str:
    """relative_url's path before percent-encoding: as ``posixpath.relpath`` from ``from_url``'s folder
    (a trailing "/" kept), on segments."""
    base = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url)
    base_parts = [part for part in base.split("/") if part]
    target_parts = [part for part in target.split("/") if part]
    common = 0
    for mine, theirs in zip(base_parts, target_parts):
        if mine != theirs:
            break
        common += 1
    rel = "/".join([".."] * (len(base_parts) - common) + target_parts[common:])
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/"
    if rel in ("./", "/"):
        rel = "./"
    elif rel == "":
        rel = "."
    return rel
