"""One site per language: the build's language (the plugin's ``language``, ``--lang``, else the
theme's) at the site root, each other language of ``languages`` in a sub-folder (``en/``), with a
switch on every page that leads to the same page in the other language.

Generated pages are fully translated (locales/*.yml).  A hand-written page is shared by all
languages unless it has a translation beside it, named with the language before ``.md``
(``huong-dan/index.en.md`` for ``huong-dan/index.md``): that file is the page in the English site,
at the same address and place in the navigation, and no site publishes it as a page of its own.
Navigation titles and the site name are translated from the plugin's ``translations`` option.
"""

from __future__ import annotations

from collections.abc import Collection
from html import escape
from typing import Any

NAMES = {"vi": "Tiếng Việt", "en": "English"}
_ARTICLE = '<article class="md-content__inner md-typeset">'


def translation_of(src_uri: str, languages: Collection[str]) -> tuple[str, str] | None:
    """``(page, lang)`` when the docs file ``src_uri`` is the translation into ``lang`` (one of
    ``languages``) of the hand-written ``page``: ``guide/index.en.md`` → ``("guide/index.md", "en")``;
    else None."""
    stem, dot, lang = src_uri.removesuffix(".md").rpartition(".")
    if not src_uri.endswith(".md") or not dot or lang not in languages or not stem or stem.endswith("/"):
        return None
    return f"{stem}.md", lang


def to_site_root(page_path: str, *, in_subsite: bool) -> str:
    """The relative link from the page at ``page_path`` up to the top of the whole site
    (one level more from a language sub-site's page)."""
    return "../" * (page_path.count("/") + (1 if in_subsite else 0))


def counterpart(page_path: str, current: str, target: str, primary: str) -> str:
    """The relative link from the page at ``page_path`` (a site path in the ``current`` language's
    site) to the same page in the ``target`` language."""
    to_top = to_site_root(page_path, in_subsite=current != primary)
    prefix = "" if target == primary else f"{target}/"
    return (to_top + prefix + page_path) or "./"


def switch_html(page_path: str, current: str, languages: list[str], label: str) -> str:
    """Links to this page in every other language."""
    primary = languages[0]
    return _switch(
        {lang: counterpart(page_path, current, lang, primary) for lang in languages if lang != current}, label
    )


def _switch(hrefs: dict[str, str], label: str) -> str:
    links = [
        f'<a href="{escape(href)}" hreflang="{lang}" lang="{lang}">{NAMES.get(lang, lang)}</a>'
        for lang, href in hrefs.items()
    ]
    if not links:
        return ""
    return f'<nav class="cp-lang-switch" data-pagefind-ignore aria-label="{escape(label)}">{" · ".join(links)}</nav>'


def not_found_switch(site_url: str, current: str, languages: list[str], label: str) -> str:
    """The switch of the "page not found" page: to the home page of every other language.

    A server shows 404.html at whatever address was asked for, so only absolute links work
    there: without ``site_url`` (the root site's address) there is no switch.
    """
    if not site_url:
        return ""
    root = site_url.rstrip("/") + "/"
    return _switch(
        {lang: root if lang == languages[0] else f"{root}{lang}/" for lang in languages if lang != current}, label
    )


def add_switch(output: str, switch: str) -> str:
    """Put the language switch at the top of the page's content."""
    if not switch or _ARTICLE not in output:
        return output
    return output.replace(_ARTICLE, _ARTICLE + switch, 1)


def translate_nav(nav: list[Any] | None, table: dict[str, str]) -> list[Any] | None:
    """The nav of mkdocs.yml (None when it has none) with its titles translated (titles not in
    ``table`` stay as they are)."""
    return None if nav is None else [_translate_item(item, table) for item in nav]


def _translate_item(item: object, table: dict[str, str]) -> object:
    """One item of the nav: a list of items, a ``{title: item}`` section or page, or a bare path."""
    if isinstance(item, list):
        return [_translate_item(child, table) for child in item]
    if isinstance(item, dict):
        return {
            table.get(title, title) if isinstance(title, str) else title: _translate_item(value, table)
            for title, value in item.items()
        }
    return item
