"""Check every link of a built site: ``python3 tools/link_check.py site/ [--site-url URL] [--allow HOST ...]``.

Every ``href``, ``src``, ``poster`` and ``srcset`` of every HTML file (both languages, the embeddable
views, the offline build's ``.html`` pages) and of its sharing preview (``og:image``...), every address of the JSON feeds (``feed.json``: JSON
Feed 1.1's ``home_page_url``, ``feed_url``, each item's ``url`` and ``image``, and the extension's
``video_url``), of the XML files (the sitemaps' ``<loc>``, the news feeds' Atom ``<link href>``, RSS
``<link>`` and ``<enclosure url>``) must lead to a file of the site, or be an allowed external
address.  An address of the site itself (``site_url``, or a path from the host's root) is checked as
the file it names; a folder's address (``x/``) names its ``index.html``, except in the pages of an
offline build (``--offline``: opened from a folder, a folder's address shows a file listing).

Not checked: fragments (``#top``), ``mailto:``, ``tel:`` and ``data:`` addresses, and addresses made
by scripts at run time.  Prints one line per broken link (file, attribute, address) and exits 1 if any.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"href", "src", "poster", "srcset"}
#: the addresses of a page's sharing preview (Open Graph, X/Twitter cards): Facebook and Zalo fetch them
SHARING_ADDRESSES = {"og:url", "og:image", "og:video", "og:video:url", "og:video:secure_url", "twitter:image"}
NOT_CHECKED = ("mailto:", "tel:", "data:", "javascript:", "#")
#: where a JSON Feed 1.1 document has addresses (top level, each item, the portal's extension)
FEED_KEYS = ("home_page_url", "feed_url", "url", "external_url", "image", "banner_image", "video_url")


@dataclass(frozen=True)
class Broken:
    """A link that leads to no file of the site: the file it is in (site path), where, the address."""

    file: str
    where: str
    address: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where} {self.address}"


class _Links(HTMLParser):
    """The link attributes of one HTML page, in order: ``(tag.attribute, address)``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "meta" and (named.get("property") or named.get("name")) in SHARING_ADDRESSES and named.get("content"):
            self.found.append((f"meta.{named.get('property') or named.get('name')}", (named["content"] or "").strip()))
        for name, value in attrs:
            if name not in LINK_ATTRIBUTES or value is None:
                continue
            if name == "srcset":  # "a.webp 480w, b.webp 960w"
                self.found += [(f"{tag}.srcset", part.split()[0]) for part in value.split(",") if part.strip()]
            else:
                self.found.append((f"{tag}.{name}", value.strip()))


def html_links(text: str) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(text)
    parser.close()
    return parser.found


def feed_links(data: object, where: str = "feed") -> Iterator[tuple[str, str]]:
    """Every address of a JSON Feed document (``FEED_KEYS``, at any depth)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in FEED_KEYS and isinstance(value, str):
                yield f"{where}.{key}", value
            else:
                yield from feed_links(value, f"{where}.{key}" if not key.startswith("_") else where)
    elif isinstance(data, list):
        for value in data:
            yield from feed_links(value, where)


def xml_links(text: bytes) -> Iterator[tuple[str, str]]:
    """Sitemap ``<loc>``, Atom ``<link href>``, RSS ``<link>`` and ``<enclosure url>``."""
    for element in ET.fromstring(text).iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in ("loc", "link") and element.text and element.text.strip():
            yield name, element.text.strip()
        for attribute in ("href", "url"):
            if element.get(attribute) and name in ("link", "enclosure", "content"):
                yield f"{name}.{attribute}", element.get(attribute, "")


def links_of(path: Path) -> list[tuple[str, str]]:
    """The checked links of one file of the site (nothing for other kinds of files)."""
    if path.suffix == ".html":
        return html_links(path.read_text(encoding="utf-8"))
    if path.name.endswith("feed.json"):
        return list(feed_links(json.loads(path.read_text(encoding="utf-8"))))
    if path.suffix == ".xml":
        return list(xml_links(path.read_bytes()))
    return []


def check_site(
    site: Path, site_url: str | None = None, allowed_hosts: frozenset[str] = frozenset(), *, offline: bool = False
) -> list[Broken]:
    """The broken links of the built site in ``site`` (see the module's docstring); [] when all lead somewhere.

    ``site_url``: the address the site is published at (its links to itself are checked as files);
    ``allowed_hosts``: the external hosts a link may lead to (``www.youtube.com``...); ``offline``:
    the site is opened from a folder (file://), where a link to a folder shows a listing of its
    files, not its index.html: every link of a page must name a file.
    """
    base = urlsplit(site_url or "")
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    broken: list[Broken] = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        page = path.relative_to(site).as_posix()
        for where, address in links_of(path):
            target = _site_path(address, page, base.scheme, base.netloc, base_path, allowed_hosts)
            folder_ok = not (offline and path.suffix == ".html")
            if target is False or (target is not None and not _is_file(site, target, folder_ok)):
                broken.append(Broken(page, where, address))
    return broken


def _site_path(
    address: str, page: str, scheme: str, host: str, base_path: str, allowed_hosts: frozenset[str]
) -> str | bool | None:
    """The site path ``address`` leads to from the file ``page``; None when it is not checked
    (an allowed external address...); False when it leads nowhere it may."""
    if not address or address.startswith(NOT_CHECKED):
        return None
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        if parts.scheme in ("http", "https") and parts.netloc == host and host:
            path = parts.path
        elif parts.scheme in ("http", "https") and parts.netloc in allowed_hosts:
            return None
        else:
            return False
    elif parts.path.startswith("/"):
        path = parts.path
    else:
        return _inside(posixpath.join(posixpath.dirname(page), unquote(parts.path) or ".") + _slash(parts.path))
    if not (path + "/").startswith(base_path):
        return False
    inside = unquote(path[len(base_path) :])
    return _inside(inside + _slash(path)) if inside else ""


def _slash(path: str) -> str:
    return "/" if path.endswith("/") else ""


def _inside(path: str) -> str | bool:
    """``path`` normalised; False when it climbs out of the site."""
    normal = posixpath.normpath(path) if path not in ("", "./") else "."
    if normal == ".." or normal.startswith("../") or normal.startswith("/"):
        return False
    return "" if normal == "." else normal + ("/" if path.endswith("/") else "")


def _is_file(site: Path, target: str | bool, folder_ok: bool = True) -> bool:
    """Whether ``target`` names a file of the site (or, ``folder_ok``, a folder with its index.html)."""
    if not isinstance(target, str):
        return False
    found = site / target if target else site
    return found.is_file() or (folder_ok and (found / "index.html").is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--site-url")
    parser.add_argument("--allow", nargs="*", default=[], help="external hosts a link may lead to")
    parser.add_argument("--offline", action="store_true", help="a site opened from a folder: links name files")
    args = parser.parse_args(argv)
    broken = check_site(args.site, args.site_url, frozenset(args.allow), offline=args.offline)
    for link in broken:
        print(link)
    print(f"{len(broken)} broken links")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
