"""Render the theme's navigation once per folder for the pages that are not in it.

The theme renders its whole navigation (sidebar and tabs) into every page: on a portal of
thousands of entry pages that is most of the build time.  A page that is not in the
navigation (an entry, a gallery, a news post) has no active item in it, and its links only
depend on the page's folder, so all such pages of one folder get the same HTML: it is
rendered for the first and reused for the others.  Pages in the navigation are rendered as
usual.  The theme's own templates (or a site's overrides of them) are used unchanged.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from jinja2 import ChoiceLoader, DictLoader, Environment, FunctionLoader
from markupsafe import Markup
from mkdocs.structure.pages import Page

#: A template's source as a Jinja loader gives it: (source, file name, up-to-date check).
_Source = tuple[str, str | None, Callable[[], bool] | None]
#: A cached partial's key: (the partial's name, the folder of the pages that share it).
_Key = tuple[str, str]

CACHED_PARTIALS = ("partials/nav.html", "partials/tabs.html")
_ORIGINAL = "contest-portal-original/"
_WRAPPER = """{%- set cp_key = cp_partial_key(page, "NAME") -%}
{%- set cp_cached = cp_partial_get(cp_key) -%}
{%- if cp_cached -%}{{ cp_cached }}{%- else -%}
{%- set cp_html -%}{% include "ORIGINAL" %}{%- endset -%}
{{ cp_partial_put(cp_key, cp_html) }}{%- endif -%}"""


class PartialCache:
    """Installed on the theme's Jinja environment for one build."""

    def __init__(self, env: Environment, cacheable: Callable[[Page], bool]):
        """``cacheable(page)`` tells whether a page is outside the navigation."""
        self.cacheable = cacheable
        self.store: dict[_Key, Markup] = {}
        original = env.loader
        if original is None:
            raise ValueError("the theme's Jinja environment has no template loader")

        def load_original(name: str) -> _Source | None:
            if name.startswith(_ORIGINAL):
                return original.get_source(env, name[len(_ORIGINAL) :])
            return None

        wrappers = {
            name: _WRAPPER.replace("NAME", name).replace("ORIGINAL", _ORIGINAL + name) for name in CACHED_PARTIALS
        }
        env.loader = ChoiceLoader([DictLoader(wrappers), FunctionLoader(load_original), original])
        env.globals.update(cp_partial_key=self.key, cp_partial_get=self.get, cp_partial_put=self.put)

    def key(self, page: Page | None, name: str) -> _Key | None:
        if page is None or not self.cacheable(page):
            return None
        return name, posixpath.dirname(page.url.rstrip("/"))

    def get(self, key: _Key | None) -> Markup | None:
        return None if key is None else self.store.get(key)

    def put(self, key: _Key | None, html: str) -> Markup:
        html = Markup(html)
        if key is not None:
            self.store[key] = html
        return html
