"""Markdown from contest files → HTML cleaned to an allowlist (nh3), safe to put in pages and feeds."""

from __future__ import annotations

from functools import lru_cache

import markdown as markdown_lib
import nh3
from markupsafe import Markup

_ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "blockquote",
                 "h3", "h4", "h5", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "hr"}
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
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                      link_rel="noopener noreferrer")
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return Markup(clean)
