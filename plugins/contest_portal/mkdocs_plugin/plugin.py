"""The MkDocs plugin: wires MkDocs events to the contest_portal library.

on_config loads and validates every contest (nothing is written before all
data is known to be good); on_files adds the generated pages and media
through MkDocs' Files API, each generated page as a GeneratedPage whose body
the plugin's templates render (no Markdown pass).  Entry and gallery pages
stay out of the nav.
"""

from __future__ import annotations

import html
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from contest_portal import pipeline
from contest_portal.core.cache import template_cache
from contest_portal.core.errors import Location, Problem, ProblemList
from contest_portal.core.i18n import LANGUAGES, Translator
from contest_portal.core.seals import DAMAGED, cache_log, damaged_problem
from contest_portal.core.values import TIMEZONE
from contest_portal.mkdocs_plugin import messages
from contest_portal.mkdocs_plugin.config import ContestConfig, as_options, rendition_settings, site_url_problem
from contest_portal.mkdocs_plugin.generated_page import GeneratedPage, nav_titles
from contest_portal.mkdocs_plugin.identity import IdentitySetup
from contest_portal.mkdocs_plugin.page_languages import use_translated_pages
from contest_portal.mkdocs_plugin.preview import with_ranges
from contest_portal.mkdocs_plugin.theme_cache import PartialCache
from contest_portal.mkdocs_plugin.theme_script import drop_theme_script, label_top_button, wrap_tables
from contest_portal.model import Portal
from contest_portal.publish.headers import PageScripts, UnexpectedScript
from contest_portal.publish.media_store import STORE
from contest_portal.publish.site_paths import DuplicateOutput
from contest_portal.publish.site_search import BUNDLE_DIR, IndexInputs, SearchIndexFailed, index_pages
from contest_portal.publish.site_writer import SiteWriter
from contest_portal.site.contexts import ContestsPage
from contest_portal.site.languages import add_switch, not_found_switch, switch_html, to_site_root, translate_nav
from contest_portal.site.pages import PageSpec, SitePlan
from contest_portal.site.render import Renderer, TemplateFailed
from contest_portal.site.search_box import SEARCH_CSS, SEARCH_JS, add_search_box, mark_searchable, search_box_html
from contest_portal.site.sharing import head_tags
from contest_portal.site.showcase import EMBED_CSS, EMBED_JS

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

CSS_URI = "assets/contest-portal.css"
JS_URI = "assets/contest-portal.js"
WORKER_SHIM_URI = "assets/vendor/iframe-worker-shim.js"  # for the offline build's search under file://
NAV_MARKER = "contest-portal://contests"
RELATIVE_TO_DOCS = -1  # MkDocs' value for validation.nav.absolute_links: relative_to_docs
NOT_FOUND_HEADING = "<h1>404 - Not found</h1>"  # the theme's 404.html
SEARCH_CACHE = "search"  # under the cache folder: the search's index inputs and kept bundle
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
BLOCK_MARKERS = {"<!-- portal:current -->": "home.html", "<!-- portal:archive -->": "archive.html"}


class WrittenElsewhere(File):
    """A file of the site that MkDocs knows (a hand-written page may link to it) but does not write:
    the publishing process writes it (an embeddable view, see BackgroundPublish)."""

    def copy_file(self, dirty: bool = False) -> None:
        return None


@dataclass(frozen=True)
class Handoff:
    """What the caller of a build hands to the plugin instance it builds with, set as
    ``plugin.handoff`` on the config it loaded before ``mkdocs.commands.build.build(config)``: the
    command line (``build``, ``serve``) and the root build for a language sub-site. A plain
    ``mkdocs build`` hands nothing (the defaults)."""

    #: The portal the caller has loaded and reported already: used as it is, its warnings not logged again
    #: (ignored when it is not of this build's entries folder).
    portal: Portal | None = None
    #: ``serve``'s preview: entries with errors are left out (and listed), not fatal.
    preview: bool = False


class ContestPlugin(BasePlugin[ContestConfig]):
    supports_multiple_instances = False

    # set by the events, in MkDocs' order: on_config loads the portal, on_files plans and renders
    portal: Portal
    plan: SitePlan
    renderer: Renderer

    def __init__(self) -> None:
        self.site_writer: SiteWriter | None = None  # every file of the site, each path once (on_files)
        self.search_inputs: IndexInputs | None = None  # the searchable pages' index inputs (on_post_page)
        self.page_scripts = PageScripts()  # the inline scripts of the pages written, for the security headers
        self._search_texts: dict[str, str] | None = None
        self.handoff = Handoff()  # set by the caller before the build (see Handoff)
        #: What the build cost, read by its caller once it is over (``build --stats``, for bench/): the
        #: portal's counts (Portal.stats), the media published, the pages, the search's indexing.
        self.build_stats: dict[str, Any] = {}

    # --- lifecycle, in MkDocs' order ------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        lang = self.config.language or config.theme.get("language")
        self.t = Translator(lang if lang in LANGUAGES else "vi")
        if self.config.site_languages is None:  # (a language sub-site's lines are said as the run's, once)
            messages.install(self.t.lang, os.path.relpath(config.docs_dir, self.root).replace(os.sep, "/"))
        refused = site_url_problem(
            config.site_url, Location(file=Path(config.config_file_path or "mkdocs.yml"), field="site_url")
        )
        if refused is not None:  # before anything is loaded or linked: a script address never reaches a page
            raise PluginError(refused.format(self.t.lang, self.root))
        self.now = self.config.today or datetime.now(TIMEZONE)
        self.entries_dir = (self.root / self.config.entries_dir).resolve()
        self.cache_dir = (self.root / self.config.cache_dir).resolve()
        reported = self._load_portal(config)
        self.is_root = self.config.site_languages is None
        self.site_languages = self.config.site_languages or (
            [self.t.lang] + [lang for lang in self.config.languages if lang != self.t.lang]
        )
        self.root_site_url = self.config.root_site_url
        self._translate_site(config)
        self._report_problems(config, reported)
        self._add_assets(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        use_translated_pages(files, self.t.lang)  # (huong-dan/index.en.md: that page in the English site)
        has_home = files.get_file_from_path("index.md") is not None
        # (a language sub-site has the root's posters, renditions...: no second look, no warning twice)
        self.plan, self.prepared_media, warnings = pipeline.plan_site(
            self.portal,
            self.t,
            self.now,
            cache_dir=self.cache_dir,
            media=self.config.prepared_media,
            poster_at=self.config.poster_at,
            poster_timeout=self.config.poster_timeout,
            home=not has_home,
            renditions=rendition_settings(self.config.renditions),
            scheduler=self.config.renditions.dask_scheduler,
            publish_originals=self.config.renditions.publish_originals,
            video_base_url=self.config.video_base_url,
            site_url=config.site_url,
            use_directory_urls=config.use_directory_urls,
            site_prefix=self._site_prefix(),
        )
        for warning in warnings:  # (a damaged cache file made again is no fault of the data: not --strict's)
            (cache_log if warning.code == DAMAGED else log).warning(warning.format(self.t.lang, self.root))
        templates_dir = Path(self.config.templates_dir) if self.config.templates_dir else None
        if templates_dir is not None and not templates_dir.is_absolute():
            templates_dir = self.root / templates_dir
        self.renderer = Renderer(
            self.plan,
            self.t,
            use_directory_urls=config.use_directory_urls,
            now=self.now,
            override_dir=templates_dir,
            site_url=config.site_url,
            inline_subtitles=offline_build(config),
            shared_media=not self.is_root,
            cache_dir=self.cache_dir,
        )
        # the writing stage claims every path of the plan once (SIT001 for a path taken) and makes the
        # outputs; a language sub-site links to the root site's media: none of its own to publish
        try:
            self.site_writer = pipeline.write_site(
                self.plan, Path(config.site_dir), taken=frozenset(files.src_uris), publish_media=self.is_root
            )
        except DuplicateOutput as exc:
            raise PluginError(exc.problem.format(self.t.lang)) from None
        config.nav = self._merge_nav(config.nav, files)
        # a page named in the nav takes its title there, as in MkDocs
        titles = nav_titles(config.nav, root_relative=config.validation.nav.absolute_links == RELATIVE_TO_DOCS)
        for spec in self.plan.pages.values():
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content="", inclusion=inclusion)
            files.append(file)  # (claimed by the writer)
            GeneratedPage(titles.get(spec.src_uri), file, config, spec, self._render_page)
        self._add_outputs(files, config)
        search_assets = (SEARCH_CSS, SEARCH_JS) if self.site_search else ()
        for uri in (CSS_URI, JS_URI, EMBED_CSS, EMBED_JS, *search_assets) + (
            (WORKER_SHIM_URI,) if self._serve_worker_shim(config) else ()
        ):
            asset = resources.files("contest_portal").joinpath(uri)
            self._add(files, File.generated(config, uri, abs_src_path=str(asset)))
        self.identity.add_files(files, config, self._add)
        # linked into the site while MkDocs renders the pages, from copies in the cache (never the entry
        # files themselves: a file edited in place must not change the live site); on_post_build waits for it
        # folders of published media (and the search bundle): no page there for the security headers to read
        self.page_scripts.skip_dirs.update(posixpath.dirname(media.src_uri) for media in self.plan.media.values())
        self.page_scripts.skip_dirs.add(BUNDLE_DIR)
        # (with the embeddable views: thousands of small pages written on another processor, not by MkDocs)
        self.site_writer.start(
            store=self.cache_dir / STORE if self.is_root else None,
            live=Path(self.config.live_site) if self.config.live_site else None,
        )
        return files

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        env.auto_reload = False  # a fresh environment per build: no need to stat every template at each use
        env.bytecode_cache = template_cache(self.cache_dir, "theme")  # compiled once, not at every build
        self.identity.on_env(env, config, files)  # the footer and logo partials, before the cache wraps them
        if "toc.integrate" in (config.theme.get("features") or []):
            return env  # the navigation then holds each page's own table of contents
        PartialCache(env, lambda page: not page.file.inclusion.is_in_nav() and not page.is_homepage)
        return env

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if isinstance(page, GeneratedPage):
            return html  # rendered by the plugin's templates already (GeneratedPage.render)
        if not self.theme_script:  # (the theme's script would wrap them in the browser)
            html = wrap_tables(html)
        for marker, template in BLOCK_MARKERS.items():
            if marker in html:
                block = self._rendered(
                    self.renderer.render_block, template, page.file.src_uri, ContestsPage(tuple(self.portal.contests))
                )
                html = html.replace(marker, block)
        return html

    def _render_page(self, spec: PageSpec) -> str:
        return self._rendered(self.renderer.render, spec)

    def _rendered(self, render: Callable[..., str], *args: object, **kwargs: object) -> str:
        """A body from the plugin's templates; a broken template stops the build with SIT003."""
        try:
            return render(*args, **kwargs)
        except TemplateFailed as exc:
            raise PluginError(exc.problem.format(self.t.lang, self.root)) from None

    @event_priority(-100)  # after every other plugin's change: the page as it is written
    def _take_page_scripts(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.page_scripts.add(page.file.dest_uri, output)
        return output

    def _finish_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        output = add_switch(output, switch_html(page.url, self.t.lang, self.site_languages, self.t("lang.switch")))
        output = label_top_button(output, self.t("top.label"))
        if not self.theme_script:
            output = drop_theme_script(output)
        # the theme's search dialog has no accessible name
        output = output.replace(
            SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{html.escape(self.t("search.dialog"))}">', 1
        )
        spec = self.plan.pages.get(page.file.src_uri)
        if spec is None and page.is_homepage:  # a hand-written home page: shared with the current contest's cover
            spec = PageSpec(
                page.file.src_uri,
                page.title or config.site_name,
                "home.html",
                ContestsPage(tuple(self.portal.contests)),
                description=config.site_description,
            )
        if self.site_search:
            output = add_search_box(output, self._search_box(page))
            if spec is None or not spec.unsearched:
                output = mark_searchable(output)
                assert self.search_inputs is not None  # made by on_config with site_search
                self.search_inputs.add(page.file.dest_uri, output)
        if spec is not None:
            tags = head_tags(
                spec,
                self.plan,
                site_name=config.site_name,
                site_url=config.site_url,
                lang=self.t.lang,
                use_directory_urls=config.use_directory_urls,
                media_site_url=self.root_site_url,
            )
            output = output.replace("</head>", tags + "</head>", 1)
        return output

    on_post_page = CombinedEvent(_finish_page, _take_page_scripts)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name != "404.html":
            return output_content
        # the theme's text is English whatever the site's language: said in the build's language,
        # with a link home when the site's address is known (the page is shown at any address)
        home = (
            f' <a href="{html.escape(config.site_url)}">{html.escape(self.t("notfound.home"))}</a>'
            if config.site_url
            else ""
        )
        output_content = output_content.replace(
            NOT_FOUND_HEADING,
            f"<h1>{html.escape(self.t('notfound.title'))}</h1>\n<p>{html.escape(self.t('notfound.text'))}{home}</p>",
            1,
        )
        root_url = self.root_site_url if not self.is_root else config.site_url
        if self.site_search:  # a visitor who followed a dead link looks for the page: from the site's top
            # (the page is shown at any address, so the bundle's way is the path of the site's address, as
            # MkDocs links this page's own files; "/" without one)
            output_content = add_search_box(
                output_content, search_box_html(urlsplit(root_url or "/").path or "/", self._box_texts())
            )
        return add_switch(
            output_content, not_found_switch(root_url or "", self.t.lang, self.site_languages, self.t("lang.switch"))
        )

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.site_writer is not None  # started by on_files
        self.media_stats = stats = self.site_writer.published()  # (copies of files no longer published: removed)
        for store_copy, reason in stats.damaged:  # made again from the entry's file
            cache_log.warning(damaged_problem(Path(store_copy), reason).format(self.t.lang, self.root))
        log.info(
            self.t(
                "cli.media_stats",
                stored=stats.stored,
                cloned=stats.cloned,
                copied=stats.copied,
                copied_bytes=self.t.number(stats.copied_bytes),
                linked=stats.linked,
                unchanged=stats.unchanged,
                held_files=stats.held_files,
                held_bytes=self.t.number(stats.held_bytes),
            )
        )
        self.build_stats.update(
            self.portal.stats,
            stored=stats.stored,
            linked=stats.linked,
            cloned=stats.cloned,
            copied=stats.copied,
            copied_bytes=stats.copied_bytes,
            cache_files=stats.held_files,
            cache_bytes=stats.held_bytes,
            pages=len(self.plan.pages),
        )
        self.site_writer.mark()  # a site of this tool: build.py replaces only marked folders
        if self.search_inputs is not None:
            self.search_inputs.close()
            for written_again in self.search_inputs.damaged:
                cache_log.warning(damaged_problem(written_again, "content").format(self.t.lang, self.root))
        if not self.is_root:
            return  # the root build writes the security headers of every language
        try:
            for lang in self.site_languages[1:]:
                self._build_language(config, lang)
            # every language's pages in one search bundle (one index per language), made by Pagefind's own
            # process while this one scans the pages for the security headers; then the compressed copies
            prefixes = [""] + [f"{lang}/" for lang in self.site_languages[1:]]
            indexed, packed = self.site_writer.finish(
                seen=self.page_scripts,
                embed_origins=tuple(self.config.embed_origins),
                base_path=urlsplit(config.site_url or "").path or "/",
                index=(lambda: self._index_search(Path(config.site_dir), prefixes)) if self.site_search else None,
                precompress=self.config.precompress and not offline_build(config),
            )
            self.build_stats.update(indexed)
            if packed is not None:
                log.info(
                    self.t(
                        "cli.precompressed",
                        files=packed.files,
                        plain=self.t.size(packed.plain_bytes),
                        gzip=self.t.size(packed.gzip_bytes),
                        brotli=self.t.size(packed.brotli_bytes),
                    )
                )
        except UnexpectedScript as exc:
            raise PluginError(
                Problem(
                    "SIT002",
                    values={"page": exc.page.relative_to(config.site_dir).as_posix(), "script": exc.script[:60]},
                ).format(self.t.lang)
            ) from None

    def on_build_error(self, error: Exception) -> None:
        self.stop_background_work()

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        """With ``today`` set, the page is dated by it, not by the machine's clock (MkDocs' own date,
        SOURCE_DATE_EPOCH when the user sets it): sitemap.xml's lastmod and sitemap.xml.gz's header
        (MkDocs takes the latest page's date) are the same bytes on any day, as reproducible builds expect."""
        if self.config.today is not None:
            page.update_date = self.now.date().isoformat()
        return page

    # (no on_startup/on_shutdown: MkDocs would then keep one instance of the plugin for every
    # build of the process, the language sub-sites' included)
    def stop_background_work(self) -> None:
        """Stop linking media into the site: the build failed or was interrupted (build.py calls it
        after every build: a Ctrl-C does not reach on_build_error)."""
        if self.site_writer is not None:
            self.site_writer.cancel()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        """Rebuild when ``entries/`` changes; answer byte ranges (Safari and iPhones play videos only so)."""
        server.watch(str(self.entries_dir))
        app = server.get_app()
        assert app is not None  # MkDocs' preview application, set by LiveReloadServer.__init__
        server.set_app(with_ranges(app))
        return server

    # --- helpers ------------------------------------------------------------------

    def _load_portal(self, config: MkDocsConfig) -> bool:
        """``self.portal``: the one the caller handed over for these entries, else loaded here.
        True when it was handed over: the caller has printed its report, not logged a second time."""
        given = self.handoff.portal
        reported = given is not None and given.root.resolve() == self.entries_dir
        if given is not None and reported:
            self.portal = given
        else:
            self.portal = pipeline.load_portal(
                self.entries_dir,
                cache_dir=self.cache_dir,
                lang=self.t.lang,
                samples=self.config.samples,
                web_renditions=self.config.renditions.enabled,
                **identity_check(config, self.config.identity.organizer),
            )
        return reported

    def _translate_site(self, config: MkDocsConfig) -> None:
        """The theme, the site's name and description, the nav and the identity in the build's language."""
        # the theme speaks the build's language too (--lang en: English labels and <html lang="en">)
        config.theme["language"] = self.t.lang
        table = self.config.translations.get(self.t.lang) or {}
        config.site_name = table.get(config.site_name, config.site_name)
        if config.site_description:
            config.site_description = table.get(config.site_description, config.site_description)
        config.nav = translate_nav(config.nav, table)
        self.identity = IdentitySetup(self.config.identity, self.t, table)
        self.identity.on_config(config)

    def _report_problems(self, config: MkDocsConfig, reported: bool) -> None:
        """The portal's warnings and the entries left out, logged (by the root build, unless the caller
        has ``reported`` them); PluginError with the report when an error blocks the build."""
        problems = ProblemList(self.portal.all_problems())
        for warning in problems.warnings if self.is_root and not reported else []:  # (a sub-site's: by the root)
            if not warning.confidential:  # judging details stay out of (possibly public) build logs
                log.warning(warning.format(self.t.lang, self.root))
        # `serve` previews what would be published: the valid entries, the others listed
        skip = self.config.skip_invalid_entries or self.handoff.preview
        blocking = [p for p in problems.errors if not (skip and p.where.entry)]
        if blocking:
            raise PluginError(ProblemList(blocking).report(self.t.lang, self.root, code_page_address(config)))
        left_out = [
            f"{c.slug}/{e.slug}" for c in self.portal.contests for e in c.entries if not e.valid and not e.set_aside
        ]  # (refused or withdrawn: said by ENT008)
        if left_out and self.is_root and not reported:
            log.warning(self.t("cli.left_out", count=len(left_out), entries=", ".join(left_out)))

    def _add_assets(self, config: MkDocsConfig) -> None:
        """The plugin's style sheet and script in ``config``, Pagefind's when the site search is on."""
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        if JS_URI not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(JS_URI)
        # Pagefind in the header unless the theme's own search is on (the offline build: Pagefind cannot
        # run from file://) or the option is off
        self.site_search = self.config.site_search and not theme_search_enabled(config)
        if self.site_search and SEARCH_CSS not in config.extra_css:
            config.extra_css.append(SEARCH_CSS)
        if self.site_search and SEARCH_JS not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(SEARCH_JS)
        self.theme_script = self.config.theme_script or theme_search_enabled(config)
        if self.site_search:  # kept in the cache as the pages are rendered; indexed by the root build
            self.search_inputs = IndexInputs(self.cache_dir / SEARCH_CACHE, self._site_prefix())

    def _add_outputs(self, files: Files, config: MkDocsConfig) -> None:
        """The writer's outputs (exports, calendars, feeds, embeddable views; claimed and made by
        ``pipeline.write_site``) added to ``files``: an embeddable view is written by the publishing
        process, so only a link target is in ``files``; the media, linked into the site after the
        build (no copy), are checked for their size."""
        assert self.site_writer is not None  # made by on_files
        for output, content in self.site_writer.outputs:
            if output.kind == "html":
                self.page_scripts.add(output.src_uri, content)
                files.append(WrittenElsewhere.generated(config, output.src_uri, content=b""))  # (a link target)
            else:
                files.append(File.generated(config, output.src_uri, content=content))
        for media in self.site_writer.media:
            self._warn_if_too_big(media.source)

    def _search_box(self, page: Page) -> str:
        """The header's search box of ``page`` in the build's language, with the way up to the
        top of the whole site (where the one search bundle is)."""
        return search_box_html(to_site_root(page.url, in_subsite=not self.is_root), self._box_texts())

    def _box_texts(self) -> dict[str, str]:
        """The search box's texts in the build's language (search_box_html's ``texts``)."""
        if self._search_texts is None:
            self._search_texts = {
                key.split(".", 1)[1]: self.t(key, **({"count": "{count}"} if key == "search.found" else {}))
                for key in SEARCH_TEXT_KEYS
            }
        return self._search_texts

    def _site_prefix(self) -> str:
        """Where this build's pages sit in the whole site: "" for the root, "en/" for the English sub-site."""
        return "" if self.is_root else f"{self.t.lang}/"

    def _index_search(self, site_dir: Path, prefixes: list[str]) -> dict[str, Any]:
        """The header search's bundle of every language's pages (SIT006 if the pagefind binary fails);
        returns what the indexing cost (``build_stats``' search_* values: seconds, pages, bytes, reused)."""
        try:
            stats = index_pages(self.cache_dir / SEARCH_CACHE, site_dir, prefixes)
        except SearchIndexFailed as exc:
            raise PluginError(Problem("SIT006", values={"detail": exc.detail}).format(self.t.lang)) from None
        for bundle_file in stats.damaged:  # (the bundle was made again)
            cache_log.warning(damaged_problem(Path(bundle_file), "content").format(self.t.lang, self.root))
        key = "cli.search_reused" if stats.reused else "cli.search_indexed"
        log.info(self.t(key, pages=stats.pages, seconds=f"{stats.seconds:.1f}"))
        return {
            "search_s": stats.seconds,
            "search_pages": stats.pages,
            "search_bytes": stats.bundle_bytes,
            "search_reused": stats.reused,
        }

    def _build_language(self, config: MkDocsConfig, lang: str) -> None:
        """Build the site again in ``lang`` into the ``lang/`` sub-folder (same data, same options)."""
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        # the other plugins' switches as the root build has them (`--offline` turns the theme's on in code)
        switches = {
            name: plugin.config["enabled"]
            for name, plugin in config.plugins.items()
            if name != "contest" and "enabled" in plugin.config
        }
        sub = load_config(
            config.config_file_path, site_dir=str(Path(config.site_dir) / lang), strict=bool(config.get("strict"))
        )
        for name, enabled in switches.items():
            if name in sub.plugins:
                sub.plugins[name].config["enabled"] = enabled
        sub.theme["language"] = lang
        sub.use_directory_urls = config.use_directory_urls
        if config.site_url:
            sub.site_url = config.site_url.rstrip("/") + f"/{lang}/"
        sub_plugin = sub.plugins["contest"]
        assert isinstance(sub_plugin, ContestPlugin)
        sub_plugin.config.update(
            as_options(self.config),
            language=lang,
            site_languages=self.site_languages,
            root_site_url=config.site_url,
            prepared_media=self.prepared_media,
        )
        sub_plugin.handoff = Handoff(
            portal=self.portal, preview=self.handoff.preview
        )  # (serve: every language previews)
        log.info(self.t("cli.building_language", lang=lang))
        sub.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(sub)
            self.page_scripts.merge(sub_plugin.page_scripts, f"{lang}/")
        finally:
            sub.plugins.on_shutdown()

    @staticmethod
    def _serve_worker_shim(config: MkDocsConfig) -> bool:
        """The theme's offline plugin loads a Web Worker shim from unpkg.com: serve it from the site instead."""
        polyfills = config.extra.get("polyfills") or []
        if not any("iframe-worker" in str(url) for url in polyfills):
            return False
        config.extra["polyfills"] = [WORKER_SHIM_URI if "iframe-worker" in str(url) else url for url in polyfills]
        return True

    def _warn_if_too_big(self, path: Path) -> None:
        limit = self.config.host_file_limit
        size = path.stat().st_size
        if limit and size > limit:
            log.warning(
                Problem(
                    "VID019",
                    values={"path": path.name, "size": f"{size / 1e6:.0f} MB", "limit": f"{limit / 1e6:.0f} MB"},
                ).format(self.t.lang, self.root)
            )

    def _add(self, files: Files, file: File) -> None:
        """Add a file of the plugin's to MkDocs' files, its path claimed first (SIT001 if taken)."""
        self._claim(file.src_uri)
        files.append(file)

    def _claim(self, path: str) -> None:
        """Claim ``path`` (site-relative) for one file of the site; a path taken already stops the build (SIT001)."""
        assert self.site_writer is not None  # made by on_files before any file is added
        try:
            self.site_writer.claim(path)
        except DuplicateOutput as exc:
            raise PluginError(exc.problem.format(self.t.lang)) from None

    def _merge_nav(self, nav: list[Any] | None, files: Files) -> list[Any]:
        """Put the contest hub pages into the nav (at a marker, or in a default nav)."""
        generated = self.plan.nav
        if nav is None:
            own = {uri for item in generated for uri in _uris(item)}
            extra = [
                f.src_uri
                for f in files.documentation_pages()
                if f.src_uri not in own and f.src_uri not in self.plan.pages and f.inclusion.is_in_nav()
            ]
            home = [uri for uri in extra if uri == "index.md"]
            return home + generated + [uri for uri in extra if uri != "index.md"]
        merged, placed = [], False
        for item in nav:
            if isinstance(item, dict) and NAV_MARKER in item.values():
                merged.extend(generated_without_home(generated))
                placed = True
            else:
                merged.append(item)
        if not placed:
            merged[1:1] = generated_without_home(generated)
        return merged


SEARCH_TEXT_KEYS = (
    "search.title",
    "search.label",
    "search.placeholder",
    "search.close",
    "search.loading",
    "search.none",
    "search.found",
    "search.failed",
    "search.all_contests",
    "search.all_units",
    "search.contest",
    "search.unit",
)


def theme_search_enabled(config: MkDocsConfig) -> bool:
    """Whether the theme's own search plugin (lunr) is on."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    return search is not None and bool(search.config.get("enabled", True))


def code_page_address(config: MkDocsConfig) -> str | None:
    """Where the error-code page is, for the link at the end of each message: on the published
    portal when site_url is set, else the built page in site_dir (a file:// address); None before
    the first build (a link to a page that does not exist yet helps no one)."""
    if config.site_url:
        return config.site_url.rstrip("/") + "/ma-loi/"
    page = (Path(config.site_dir) / "ma-loi" / "index.html").resolve()
    return page.as_uri() if page.is_file() else None


def offline_build(config: MkDocsConfig) -> bool:
    """Whether the theme's offline plugin is on: the site is meant to be opened from file://."""
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    return offline is not None and bool(offline.config.get("enabled"))


def switch_offline(config: MkDocsConfig) -> bool:
    """Turn on, in the loaded ``config``, the theme's offline plugin and the theme's search (Pagefind
    cannot run from file://), as ``build --offline`` asks: what ``CONTEST_PORTAL_OFFLINE=true`` does
    for a plain ``mkdocs build`` with the sample's mkdocs.yml. False when mkdocs.yml has no offline plugin."""
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is None:
        return False
    offline.config["enabled"] = True
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and "enabled" in search.config:
        search.config["enabled"] = True
    return True


def identity_check(config: MkDocsConfig, organizer: str | None) -> dict[str, Any]:
    """load_portal's arguments for SIT005: the site's identity.organizer and its place in mkdocs.yml."""
    return {
        "organizer": organizer or "",
        "identity": Location(file=Path(config.config_file_path or "mkdocs.yml"), field="identity.organizer"),
    }


def generated_without_home(nav: list[Any]) -> list[Any]:
    return [item for item in nav if "index.md" not in _uris(item)]


def _uris(item: object) -> list[str]:
    if isinstance(item, str):
        return [item]
    if isinstance(item, dict):
        return [uri for value in item.values() for uri in _uris(value)]
    if isinstance(item, list):
        return [uri for value in item for uri in _uris(value)]
    return []
