"""Render page bodies from the site plan with the plugin's own Jinja templates.

MkDocs renders its theme with autoescaping off; the plugin's templates use
their own environment with autoescaping on, so every title, name or unit
typed by a person is escaped.  Markdown from contest files is rendered and
then cleaned to an allowlist with nh3 before it is marked safe.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import markdown as markdown_lib
import nh3
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .i18n import Translator
from .pages import PageSpec, SitePlan, page_url, relative_url
from .rules import slugify

_ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "blockquote",
                 "h3", "h4", "h5", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "hr"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


@lru_cache(maxsize=4096)
def markdown_html(text: str | None, inline: bool = False) -> Markup:
    """Markdown → sanitized HTML; ``inline`` drops the wrapping paragraph."""
    if not text:
        return Markup("")
    html = markdown_lib.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                      link_rel="noopener noreferrer")
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return Markup(clean)


def qr_svg(text: str) -> Markup:
    """A QR code as inline SVG (made by segno from our own URL, so it is safe markup)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=4, xmldecl=False, svgns=True,
                                     title=text, border=2)
    return Markup(buffer.getvalue().decode("utf-8"))


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered from contest data."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


class Renderer:
    """Renders each generated page's body for one site build."""

    def __init__(self, plan: SitePlan, t: Translator, *, use_directory_urls: bool, now: datetime,
                 override_dir: Path | None = None, site_url: str | None = None):
        self.site_url = (site_url or "").rstrip("/") + "/" if site_url else None
        self.plan = plan
        self.t = t
        self.use_directory_urls = use_directory_urls
        self.now = now
        loaders = []
        if override_dir is not None and override_dir.is_dir():
            loaders.append(FileSystemLoader(str(override_dir)))
        loaders.append(PackageLoader("contest_portal", "templates"))
        self.env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(default=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.filters["md"] = markdown_html
        self.env.filters["md_inline"] = lambda text: markdown_html(text, inline=True)
        self.env.filters["money"] = t.money
        self.env.filters["moment"] = t.moment
        self.env.filters["duration"] = t.duration
        self.env.filters["duration_words"] = t.duration_words
        self.env.filters["safe_url"] = safe_url
        self.env.globals["folded"] = lambda text: slugify(text or "").replace("-", " ")

    def render(self, spec: PageSpec) -> str:
        current = page_url(spec.src_uri, self.use_directory_urls)
        return self._render(spec.template, current, page=spec, **spec.context)

    def render_block(self, template: str, src_uri: str, **context) -> str:
        """A block for a hand-written page (e.g. the home page's current contest)."""
        return self._render(template, page_url(src_uri, self.use_directory_urls), **context)

    def _render(self, template: str, current: str, **context) -> str:
        def url(src_uri: str) -> str:
            return relative_url(page_url(src_uri, self.use_directory_urls), current)

        def media(uri: str) -> str:
            if uri.startswith(("https://", "http://")):
                return uri  # a video hosted elsewhere (video_base_url)
            return relative_url(uri, current)

        def absolute(src_uri: str) -> str:
            return (self.site_url or "") + quote(page_url(src_uri, self.use_directory_urls), safe="/")

        return self.env.get_template(template).render(
            t=self.t, url=url, media=media, plan=self.plan, phases=self.plan.phases, now=self.now,
            lang=self.t.lang, quote=quote, site_url=self.site_url, absolute=absolute, qr=qr_svg, **context)
