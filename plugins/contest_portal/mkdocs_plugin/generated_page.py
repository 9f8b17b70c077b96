"""MkDocs pages for the site plan's pages: their body comes from the plugin's templates.

A generated page has no Markdown source.  Left to MkDocs, each one would be converted from an
empty stub by a new Markdown instance with every configured extension, only for the result to
be replaced: on a portal of thousands of entries that is a noticeable share of the build.  Like
the theme's blog plugin (whose views are Page subclasses), the plugin creates these pages
itself; MkDocs and the other plugins then see them as any other page (every page event runs).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from contest_portal.site.pages import PageSpec

_SECTION_RE = re.compile(r'<section\b[^>]*\bid="([^"]+)"[^>]*>\s*<h2>(.*?)(?:<small|</h2>)', re.S)
_ID_RE = re.compile(r'(?<![\w-])id="([^"]+)"')


def page_meta(spec: PageSpec) -> dict[str, Any]:
    """The page's front matter, as the theme reads it."""
    # The theme prints titles without escaping: escape them here (they come from contest data).
    meta: dict[str, Any] = {"title": html.escape(spec.title, quote=False)}
    if spec.hide:
        meta["hide"] = list(spec.hide)
    if spec.description:
        meta["description"] = html.escape(spec.description)
    if spec.unsearched:
        meta["search"] = {"exclude": True}  # the theme's search plugin reads this
    return meta


class GeneratedPage(Page):
    """A page of the site plan, rendered by ``render_body(spec)``."""

    def __init__(
        self,
        title: str | None,
        file: File,
        config: MkDocsConfig,
        spec: PageSpec,
        render_body: Callable[[PageSpec], str],
    ):
        super().__init__(title, file, config)
        self.spec = spec
        self.render_body = render_body

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = page_meta(self.spec)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.render_body(self.spec)
        # each <section id> with an <h2> is an entry of the page's table of contents
        self.toc = get_toc(
            [
                {"level": 2, "id": anchor, "name": title.strip(), "children": []}
                for anchor, title in _SECTION_RE.findall(self.content)
            ]
        )
        self.present_anchor_ids = set(_ID_RE.findall(self.content))  # for MkDocs' check of #anchor links


def nav_titles(nav: list[Any] | None, root_relative: bool = False) -> dict[str, str | None]:
    """``{src_uri: title}`` of the pages named in a nav config, as MkDocs reads it (first one wins).

    A path is looked up the way MkDocs looks it up (``./a/b.md`` is ``a/b.md``); with
    ``root_relative`` (MkDocs' ``validation.nav.absolute_links: relative_to_docs``), ``/a/b.md``
    is ``a/b.md`` too.
    """
    titles: dict[str, str | None] = {}

    def walk(item: object, title: str | None = None) -> None:
        if isinstance(item, str) and "://" in item:
            return  # a link, never a page
        if isinstance(item, str):
            path = item.lstrip("/") if root_relative and item.startswith("/") else item
            titles.setdefault(PurePath(path).as_posix(), title)
        elif isinstance(item, dict):
            for key, value in item.items():
                walk(value, key if isinstance(value, str) else None)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav or [])
    return titles
