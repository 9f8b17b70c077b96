"""Render page bodies from the site plan with the plugin's own Jinja templates.

MkDocs renders its theme with autoescaping off; the plugin's templates use
their own environment with autoescaping on, so every title, name or unit
typed by a person is escaped.  Markdown from contest files is rendered and
then cleaned to an allowlist with nh3 before it is marked safe.
"""

from __future__ import annotations

import base64
import posixpath
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from markupsafe import Markup

from contest_portal.core.cache import template_cache
from contest_portal.core.errors import Location, Problem
from contest_portal.core.i18n import Translator
from contest_portal.core.text import known_number, search_words
from contest_portal.rules.phase import PhaseInfo
from contest_portal.site.contexts import ContestsPage, PageContext, template_values
from contest_portal.site.languages import to_site_root
from contest_portal.site.markup import markdown_html, rebase_links
from contest_portal.site.pages import PageSpec, SitePlan
from contest_portal.site.urls import absolute_url, page_url, relative_url, video_type


def qr_svg(text: str) -> Markup:
    """A QR code as inline SVG (made by segno from our own URL, so it is safe markup)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=4, xmldecl=False, svgns=True, title=text, border=2)
    return Markup(buffer.getvalue().decode("utf-8"))


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered from contest data."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


INLINE_SUBTITLE_LIMIT = 512 * 1024


@dataclass(frozen=True)
class PageHelpers:
    """What every page template may use beside its own context (``contexts.PAGE_TEMPLATES``); the
    environment's filters and ``folded`` too.  Addresses are relative to the page being rendered."""

    t: Translator
    url: Callable[[str], str]  # a generated or hand-written page's src_uri → its link
    media: Callable[[str], str]  # a site file's path (or an absolute address) → its link
    plan: SitePlan
    phases: dict[str, PhaseInfo]  # contest slug → its phase on the build's date
    now: datetime
    lang: str
    quote: Callable[..., str]  # urllib.parse.quote
    subtitle_src: Callable[[str], str]  # a subtitle's site path → its link, or a data: URL offline
    page_markdown: Callable[[str, str], Markup]  # Markdown written for the page src_uri → safe HTML
    site_url: str | None
    absolute: Callable[[str], str | None]  # a page's src_uri → its absolute address (None without site_url)
    qr: Callable[[str], Markup]
    shared: Callable[..., Any]  # a macro's output made once per folder
    page: PageSpec | None  # the page rendered (None for a block of a hand-written page)


class Renderer:
    """Renders each generated page's body for one site build."""

    def __init__(
        self,
        plan: SitePlan,
        t: Translator,
        *,
        use_directory_urls: bool,
        now: datetime,
        override_dir: Path | None = None,
        site_url: str | None = None,
        inline_subtitles: bool = False,
        shared_media: bool = False,
        cache_dir: Path | None = None,
    ):
        self.site_url = (site_url or "").rstrip("/") + "/" if site_url else None
        # Opened from file://, Chromium refuses subtitle files (they count as cross-origin): the offline
        # build writes small ones into the page as data: URLs instead.
        self.inline_subtitles = inline_subtitles
        # a language sub-site (en/) links to the root site's copy of each video, poster and file
        self.shared_media = shared_media
        self.plan = plan
        self.t = t
        self.use_directory_urls = use_directory_urls
        self.now = now
        loaders: list[BaseLoader] = []
        if override_dir is not None and override_dir.is_dir():
            loaders.append(FileSystemLoader(str(override_dir)))
        loaders.append(PackageLoader("contest_portal", "templates"))
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=select_autoescape(default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
            bytecode_cache=template_cache(cache_dir, "pages"),
        )
        self.env.filters["md"] = markdown_html
        self.env.filters["md_inline"] = lambda text: markdown_html(text, inline=True)
        self.env.filters["video_type"] = video_type
        self.env.filters["money"] = t.money
        self.env.filters["number"] = t.number
        self.env.filters["points"] = t.points
        self.env.filters["decimal"] = t.decimal
        self.env.filters["moment"] = t.moment
        self.env.filters["duration"] = t.duration
        self.env.filters["duration_words"] = t.duration_words
        self.env.filters["safe_url"] = safe_url
        self.env.filters["known_number"] = known_number  # "/KH-UBND" (no figures yet): left out
        self.env.globals["folded"] = lambda text: search_words(text or "")
        self._shared: dict[tuple[str, str], Any] = {}  # ``shared``'s fragments: (page folder, key) → HTML

    def render(self, spec: PageSpec) -> str:
        """The body of a generated page: its template rendered with its context and the helpers."""
        current = page_url(spec.src_uri, self.use_directory_urls)
        return self._render(spec.template, current, spec.context, page=spec)

    def render_block(self, template: str, src_uri: str, context: ContestsPage) -> str:
        """A block for a hand-written page (e.g. the home page's current contest)."""
        return self._render(template, page_url(src_uri, self.use_directory_urls), context, page=None)

    def _render(self, template: str, current: str, context: PageContext, page: PageSpec | None) -> str:
        links = _PageLinks(self, current)
        helpers = PageHelpers(
            t=self.t,
            url=links.url,
            media=links.media,
            plan=self.plan,
            phases=self.plan.phases,
            now=self.now,
            lang=self.t.lang,
            quote=quote,
            subtitle_src=links.subtitle_src,
            page_markdown=links.page_markdown,
            site_url=self.site_url,
            absolute=links.absolute,
            qr=qr_svg,
            shared=links.shared,
            page=page,
        )
        try:
            return self.env.get_template(template).render(**template_values(helpers), **template_values(context))
        except TemplateError as exc:  # most likely an override in templates_dir
            raise TemplateFailed(_template_problem(template, exc)) from None


class _PageLinks:
    """The addresses the templates write on the page at ``current`` (a site path): relative to it,
    in the build's URL style (folders, or .html files in the offline build) and language sub-site."""

    def __init__(self, renderer: Renderer, current: str):
        self.renderer = renderer
        self.current = current
        self.folder = posixpath.dirname(current.rstrip("/"))

    def url(self, src_uri: str) -> str:
        return relative_url(page_url(src_uri, self.renderer.use_directory_urls), self.current)

    def media(self, uri: str) -> str:
        if uri.startswith(("https://", "http://")):
            return uri  # a video hosted elsewhere (video_base_url)
        spec = self.renderer.plan.media.get(uri)
        if self.renderer.shared_media and spec is not None and spec.source is not None:
            return to_site_root(self.current, in_subsite=True) + quote(uri, safe="/.-_~")
        return relative_url(uri, self.current)

    def subtitle_src(self, uri: str) -> str:
        plan = self.renderer.plan
        source = plan.media[uri].source if uri in plan.media else None
        if self.renderer.inline_subtitles and source is not None and source.stat().st_size <= INLINE_SUBTITLE_LIMIT:
            return "data:text/vtt;base64," + base64.b64encode(source.read_bytes()).decode("ascii")
        return self.media(uri)

    def page_markdown(self, text: str, src_uri: str) -> Markup:
        """Markdown written for a generated page: its relative links follow the build's URL style
        (folders, or .html files in the offline build) and the language sub-site."""

        def address(target: str) -> str:
            page = self.renderer.plan.page_at(target)
            return self.url(page) if page else relative_url(target, self.current)

        return rebase_links(markdown_html(text), page_url(src_uri), address)

    def absolute(self, src_uri: str) -> str | None:
        return absolute_url(self.renderer.site_url, page_url(src_uri, self.renderer.use_directory_urls))

    def shared(self, key: str, render: Callable[..., Any], *args: Any) -> Any:
        """``render(*args)`` (a macro) made once for all pages of this page's folder: for a fragment
        that links only outside each page's own folder (another entry's card on an entry page), whose
        relative links are then the same from every page beside it."""
        made = self.renderer._shared
        if (self.folder, key) not in made:
            made[(self.folder, key)] = render(*args)
        return made[(self.folder, key)]


class TemplateFailed(Exception):
    """A page template (the plugin's own or an override from templates_dir) could not be rendered."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def _template_problem(template: str, exc: TemplateError) -> Problem:
    """SIT003 at the template file and line where Jinja failed (a syntax error, an unknown value)."""
    file: str | None
    line: int | None
    if isinstance(exc, TemplateSyntaxError):
        file, line = exc.filename, exc.lineno
    else:  # Jinja puts the template's own lines into the traceback
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
        file, line = (frames[-1].filename, frames[-1].lineno) if frames else (None, None)
    return Problem(
        "SIT003",
        Location(file=Path(file) if file else None, line=line),
        {"template": template, "detail": exc.message or type(exc).__name__},
    )
