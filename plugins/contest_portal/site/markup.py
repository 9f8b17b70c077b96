"""Markdown from contest files → HTML cleaned to an allowlist (nh3), safe to put in pages and feeds."""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from collections.abc import Callable
from functools import lru_cache

import markdown as markdown_lib
import nh3
from markupsafe import Markup

_ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h3",
    "h4",
    "h5",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


@lru_cache(maxsize=1)
def _converter() -> markdown_lib.Markdown:
    """One Markdown instance, reset between texts (making one costs more than converting a short text)."""
    return markdown_lib.Markdown(extensions=["sane_lists", "tables"], output_format="html")


@lru_cache(maxsize=4096)
def markdown_html(text: str | None, inline: bool = False) -> Markup:
    """Markdown → sanitized HTML; ``inline`` drops the wrapping paragraph."""
    if not text:
        return Markup("")
    html = _converter().reset().convert(text)
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return Markup(clean)


_LINK = re.compile(r'(<a\b[^>]*?\bhref=)"([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def rewrite_links(html: str, change: Callable[[str], str]) -> Markup:
    """``html`` with each relative link ``href`` replaced by ``change(href)``."""

    def replace(match: re.Match[str]) -> str:
        href = html_lib.unescape(match.group(2))
        if not href or _SCHEME.match(href) or href.startswith(("#", "/")):
            return match.group(0)
        return f'{match.group(1)}"{html_lib.escape(change(href))}"'

    return Markup(_LINK.sub(replace, str(html)))


def resolve_relative(href: str, base_dir_url: str) -> tuple[str, str] | None:
    """A relative link written from the page at ``base_dir_url`` (a directory-style site path such as
    "2024-vinh-linh/tin-tuc/phat-dong/") → (the site path it points to, its #fragment), or None when it
    leaves the site."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(base_dir_url or ".", path or "."))
    if target == ".." or target.startswith("../"):
        return None
    if target == ".":
        target = ""
    elif path.endswith("/") or not posixpath.splitext(target)[1]:
        target += "/"
    return target, fragment


def rebase_links(html: str, base_dir_url: str, address: Callable[[str], str]) -> Markup:
    """``html`` written for the page at ``base_dir_url`` with each relative link to a site path
    replaced by ``address(site_path)`` (its #fragment kept); links that leave the site are kept."""

    def change(href: str) -> str:
        found = resolve_relative(href, base_dir_url)
        if found is None:
            return href
        target, fragment = found
        return address(target) + (f"#{fragment}" if fragment else "")

    return rewrite_links(html, change)
