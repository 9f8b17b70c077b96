"""Turn the Portal model into a site plan: pages, media files, outputs and navigation.

Nothing here imports MkDocs, opens a file or serialises one.  A page is a ``PageSpec``:
where it goes (``src_uri`` as MkDocs would name a Markdown file), its title, the
template that renders its body and that template's context (``site.contexts``: one frozen
dataclass per page kind, built once, complete).  Media are ``MediaSpec``:
a site path and the file it comes from.  Files made in memory (result exports, the
calendar, news feeds) are ``OutputSpec``: a site path, a kind and the data to put there;
``publish.outputs`` turns them into bytes.  Hub pages (overview, rules, results, archive)
go in the navigation; galleries and entry pages do not, so the build stays linear in
the number of entries.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from contest_portal.core.errors import CODES
from contest_portal.core.files import is_inline_text
from contest_portal.core.i18n import Translator
from contest_portal.formats.news import NewsPost
from contest_portal.judging.awards import Winner
from contest_portal.judging.results import ContestResults
from contest_portal.media.covers import Cover
from contest_portal.model import ContestRecord, EntryRecord, Portal
from contest_portal.rules.phase import PhaseInfo, contest_phase
from contest_portal.site.contexts import (
    PAGE_TEMPLATES,
    Card,
    Certificate,
    CertificatePage,
    CodeRow,
    CodesPage,
    ContestPage,
    ContestsPage,
    CoverFiles,
    EntryMedia,
    EntryPage,
    NewsFeeds,
    NewsItem,
    NewsPage,
    NewsPostPage,
    PageContext,
    ResultFiles,
    SignedFile,
    UnitRow,
    WinnerView,
)
from contest_portal.site.embeds import embed_for
from contest_portal.site.entry_texts import EntryTexts
from contest_portal.site.exports import Table, result_rows, results_data
from contest_portal.site.feeds import Feed
from contest_portal.site.ics import calendar_of
from contest_portal.site.listings import gallery_filters, search_text, unit_summary
from contest_portal.site.markup import markdown_html, rebase_links
from contest_portal.site.showcase import Showcase, plan_portal_feed, plan_showcase
from contest_portal.site.urls import (
    ARCHIVE_URI,
    CALENDAR,
    CERTIFICATES,
    CODES_URI,
    COVER,
    DOCUMENTS,
    GALLERY,
    HOME_URI,
    MEDIA,
    NEWS,
    RESULTS,
    RULES,
    absolute_url,
    contest_uri,
    entry_uri,
    media_uri,
    news_uri,
    page_url,
    relative_url,
)

OutputKind = Literal["csv", "xlsx", "json", "feed", "ics", "atom", "rss", "html"]


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    title: str
    template: str
    context: PageContext  # the template's (contexts.PAGE_TEMPLATES)
    in_nav: bool = False
    hide: tuple[str, ...] = ()
    description: str | None = None
    # left out of the site search: a listing whose every card is an entry page the search finds
    # on its own (the gallery of 500 entries would otherwise be a match for every query)
    unsearched: bool = False


@dataclass(frozen=True)
class MediaSpec:
    """A file published as it is: its site path and the file it comes from."""

    src_uri: str
    source: Path


@dataclass(frozen=True)
class OutputSpec:
    """A file made from data: its site path, its kind and the data the kind's serialiser takes
    (``exports.Table`` for csv and xlsx, plain data for json, a JSON Feed document for feed,
    ``ics.ContestCalendar``, ``feeds.Feed`` for atom and rss).  ``publish.outputs.output_bytes``
    makes its bytes."""

    src_uri: str
    kind: OutputKind
    data: object


@dataclass
class SitePlan:
    pages: dict[str, PageSpec] = field(default_factory=dict)
    media: dict[str, MediaSpec] = field(default_factory=dict)
    outputs: list[OutputSpec] = field(default_factory=list)  # in planning order; the writer refuses a path twice
    nav: list[dict[str, Any]] = field(default_factory=list)
    portal: Portal | None = None
    phases: dict[str, PhaseInfo] = field(default_factory=dict)
    calendars: dict[str, str] = field(default_factory=dict)  # contest slug → its .ics file
    showcase: Showcase = field(default_factory=Showcase)  # embeddable views and the feed's items
    # contest slug → {"document" | "rules_document" | "decision": its published copy}: signed files
    documents: dict[str, dict[str, SignedFile]] = field(default_factory=dict)
    cards: dict[str, tuple[Card, ...]] = field(default_factory=dict)  # contest slug → its entries' cards
    covers: dict[str, CoverFiles] = field(default_factory=dict)  # contest slug → its cover
    _by_url: dict[str, str] = field(default_factory=dict, init=False, repr=False)  # page_at's index
    # same_unit's index: contest slug → unit id → that unit's cards, in the contest's order
    _by_unit: dict[str, dict[str, list[Card]]] = field(default_factory=dict, init=False, repr=False)

    def add_page(self, spec: PageSpec) -> None:
        """Raises ValueError for a second page at the same path, or a context its template does not take."""
        if spec.src_uri in self.pages:
            raise ValueError(f"two generated pages at {spec.src_uri}")
        if not isinstance(spec.context, PAGE_TEMPLATES[spec.template]):
            raise ValueError(f"{spec.template} is not rendered with {type(spec.context).__name__}")
        self.pages[spec.src_uri] = spec

    def page_at(self, dir_url: str) -> str | None:
        """The generated page whose directory-style URL is ``dir_url`` ("2024-vinh-linh/the-le/")."""
        if len(self._by_url) != len(self.pages):
            self._by_url = {page_url(src): src for src in self.pages}
        return self._by_url.get(dir_url)

    def same_unit(self, contest_slug: str, card: Card, limit: int = 6) -> list[Card]:
        """Up to ``limit`` other cards of ``card``'s unit in the contest ``contest_slug``, in the order of
        ``cards`` (the entry page's list). Indexed once per contest: a filter of every card on each
        entry page would make the build quadratic in the entries of a contest."""
        if contest_slug not in self._by_unit:
            units: dict[str, list[Card]] = self._by_unit.setdefault(contest_slug, {})
            for other in self.cards.get(contest_slug, ()):
                units.setdefault(other.entry.spec.unit, []).append(other)
        unit = self._by_unit[contest_slug].get(card.entry.spec.unit, [])
        return [other for other in unit[: limit + 1] if other.uri != card.uri][:limit]

    def add_media(self, spec: MediaSpec) -> str:
        self.media.setdefault(spec.src_uri, spec)
        return spec.src_uri

    def add_output(self, spec: OutputSpec) -> str:
        self.outputs.append(spec)
        return spec.src_uri


@dataclass(frozen=True)
class PreparedMedia:
    """What the media stages made for the site, keyed as ``plan_pages`` looks them up: posters,
    thumbnails and web renditions (``{"contest/entry": file}``), the signed documents' published
    copies (``{(contest slug, "document" | "rules_document" | "decision"): PDF or DOCX}``) and the
    contests' covers (``{contest slug: media.covers.Cover}``).  Made once per build and handed to
    each language's plan, so nothing is decoded twice."""

    posters: dict[str, Path] = field(default_factory=dict)
    thumbnails: dict[str, Path] = field(default_factory=dict)
    renditions: dict[str, Path] = field(default_factory=dict)
    documents: dict[tuple[str, str], Path] = field(default_factory=dict)
    covers: dict[str, Cover] = field(default_factory=dict)


def plan_pages(
    portal: Portal,
    t: Translator,
    now: datetime,
    *,
    media: PreparedMedia | None = None,
    publish_originals: bool = False,
    home: bool = True,
    video_base_url: str | None = None,
    site_url: str | None = None,
    use_directory_urls: bool = True,
    site_prefix: str = "",
) -> SitePlan:
    """Build the whole site plan from a loaded portal and the files the media stages made
    (``media``; None: none made).  An entry with a rendition plays it; its original is published
    too (a download link) only with ``publish_originals``.

    ``site_prefix``: the language sub-site's folder in the whole site ("en/"; "" for the root site):
    its embeddable views and feeds lead to the media the root site publishes.
    """
    plan = SitePlan(portal=portal)
    media = media or PreparedMedia()
    videos = _Videos(media.renditions, publish_originals, video_base_url)
    for contest in portal.contests:
        plan.phases[contest.slug] = contest_phase(contest.spec, now)
        cover = media.covers.get(contest.slug)
        if cover is not None:  # the banner of the home page and the picture of shared links
            plan.covers[contest.slug] = CoverFiles(
                picture=plan.add_media(MediaSpec(f"{contest.slug}/{MEDIA}/{COVER}.jpg", cover.picture)),
                banner=plan.add_media(MediaSpec(f"{contest.slug}/{MEDIA}/{COVER}.webp", cover.banner)),
                width=cover.width,
                height=cover.height,
            )
    for contest in portal.contests:
        plan.documents[contest.slug] = {
            key: SignedFile(
                plan.add_media(MediaSpec(f"{contest.slug}/{DOCUMENTS}/{path.name}", path)),
                path.suffix.lstrip(".").upper(),
                path.stat().st_size,
            )
            for (slug, key), path in media.documents.items()
            if slug == contest.slug
        }
        news = _plan_news(plan, contest, t, now, site_url, use_directory_urls)
        _plan_contest(plan, contest, t, media.posters, media.thumbnails, videos, news)
        plan_showcase(
            plan, contest, t, site_url=site_url, use_directory_urls=use_directory_urls, site_prefix=site_prefix
        )
        calendar = calendar_of(contest, t, now, absolute_url(site_url, page_url(contest_uri(contest))))
        if calendar is not None:
            plan.calendars[contest.slug] = plan.add_output(OutputSpec(f"{contest.slug}/{CALENDAR}", "ics", calendar))
    plan_portal_feed(plan, t, t("embed_view.portal_feed"), site_url=site_url, site_prefix=site_prefix)
    contests = ContestsPage(tuple(portal.contests))
    plan.add_page(PageSpec(ARCHIVE_URI, t("archive.title"), "archive.html", contests, in_nav=True))
    # for the organizers, not the public: linked from every page's footer, not from the top menu
    plan.add_page(PageSpec(CODES_URI, t("codes.title"), "codes.html", CodesPage(code_reference(t.lang))))
    if home:
        plan.add_page(PageSpec(HOME_URI, t("home.title"), "home.html", contests, in_nav=True))
    plan.nav = _nav(plan, portal, t, home)
    return plan


@dataclass(frozen=True)
class _Videos:
    """How videos are published: web renditions, originals, another host."""

    renditions: dict[str, Path]
    publish_originals: bool
    base_url: str | None

    def plan(self, plan: SitePlan, entry: EntryRecord) -> tuple[str | None, str | None]:
        """``(what the player plays, the original's download or None)`` for an entry's video."""
        if entry.video_path is None:
            return None, None
        original = media_uri(entry, entry.video_path)
        rendition = self.renditions.get(f"{entry.contest_slug}/{entry.slug}")
        # the rendition keeps the original's name with .web.mp4: the same layout on another host
        played = f"{original.rsplit('.', 1)[0]}.web.mp4" if rendition else original
        if self.base_url:  # hosted elsewhere (object storage, a CDN): not put into the site
            base = self.base_url.rstrip("/") + "/"
            return base + quote(played), base + quote(original) if rendition and self.publish_originals else None
        if rendition is None:
            return plan.add_media(MediaSpec(original, entry.video_path)), None
        return (
            plan.add_media(MediaSpec(played, rendition)),
            plan.add_media(MediaSpec(original, entry.video_path)) if self.publish_originals else None,
        )


def _plan_contest(
    plan: SitePlan,
    contest: ContestRecord,
    t: Translator,
    posters: dict[str, Path],
    thumbnails: dict[str, Path],
    videos: _Videos,
    news: tuple[NewsItem, ...],
) -> None:
    """The contest's entry pages and its hub pages (overview, rules, gallery, results)."""
    results = contest.results if contest.spec.results.published else None
    votes = results.votes if results is not None else {}
    cards = tuple(
        _card(plan, contest, entry, posters, thumbnails, videos, results, votes) for entry in contest.published_entries
    )
    for card in cards:
        plan.add_page(
            PageSpec(
                card.uri,
                card.entry.spec.title,
                "entry.html",
                EntryPage(contest, card),
                hide=("navigation",),
                description=_plain(card.entry.spec.description),
            )
        )
    plan.cards[contest.slug] = cards
    units = unit_summary(contest, results)
    exports, certificates = _plan_results(plan, contest, t, units) if results is not None else (None, ())
    common = ContestPage(
        contest=contest,
        cards=cards,
        phase=plan.phases[contest.slug],
        published=results is not None,
        filters=gallery_filters(contest, cards, t),
        has_votes=bool(votes),
        news=news,
        exports=exports,
        certificates=certificates,
        winner_views=_winner_views(results, cards, certificates) if results is not None else (),
        units=units,
        documents=plan.documents.get(contest.slug, {}),
    )
    plan.add_page(
        PageSpec(
            contest_uri(contest),
            contest.spec.title,
            "overview.html",
            common,
            in_nav=True,
            description=_plain(contest.spec.content.theme),
        )
    )
    plan.add_page(PageSpec(contest_uri(contest, RULES), t("rules.title"), "rules.html", common, in_nav=True))
    # the gallery's first order is "Theo thứ tự nhận": by the time each entry was received
    by_received = replace(common, cards=tuple(sorted(cards, key=_received_order)))
    plan.add_page(
        PageSpec(
            contest_uri(contest, GALLERY),
            t("gallery.title"),
            "gallery.html",
            by_received,
            in_nav=True,
            hide=("navigation",),
            unsearched=True,
        )
    )
    plan.add_page(PageSpec(contest_uri(contest, RESULTS), t("results.title"), "results.html", common, in_nav=True))


def _card(
    plan: SitePlan,
    contest: ContestRecord,
    entry: EntryRecord,
    posters: dict[str, Path],
    thumbnails: dict[str, Path],
    videos: _Videos,
    results: ContestResults | None,
    votes: dict[str, int],
) -> Card:
    """A published entry's card, its files added to the plan; its prizes and votes once the results
    are published."""
    video, original = videos.plan(plan, entry)
    # the entry's own poster re-encoded (upright, bounded, no metadata) or a video frame: the
    # file sent is never published as it is
    poster_file = posters.get(f"{contest.slug}/{entry.slug}")
    poster = (
        plan.add_media(MediaSpec(f"{contest.slug}/{MEDIA}/{entry.slug}/poster-{poster_file.name}", poster_file))
        if poster_file
        else None
    )
    thumbnail_file = thumbnails.get(f"{contest.slug}/{entry.slug}")
    thumbnail = (
        plan.add_media(MediaSpec(f"{contest.slug}/{MEDIA}/{entry.slug}/thumb-{entry.slug}.webp", thumbnail_file))
        if thumbnail_file
        else None
    )
    subtitles = tuple(
        (sub, plan.add_media(MediaSpec(media_uri(entry, path), path))) for sub, path in entry.subtitle_paths
    )
    inline: dict[str, Path | None] = {"article": None, "explanatory_text": None}
    published: dict[str, str | None] = {"article": None, "explanatory_text": None}
    for key, path in (("article", entry.article_path), ("explanatory_text", entry.explanatory_text_path)):
        if path and is_inline_text(path):
            # shown in the entry page through the sanitizer, never published as a page of its own
            inline[key] = path
        elif path:
            published[key] = plan.add_media(MediaSpec(media_uri(entry, path), path))
    media = EntryMedia(
        video=video,
        original=original,
        poster=poster,
        thumbnail=thumbnail,
        subtitles=subtitles,
        article=published["article"],
        explanatory_text=published["explanatory_text"],
        embed=None if video else embed_for(entry.spec.links.youtube, entry.spec.links.facebook),
    )
    return Card(
        entry=entry,
        media=media,
        texts=EntryTexts(inline),  # the texts are read when the page is rendered
        uri=entry_uri(contest.slug, entry.slug),
        search=search_text(entry),
        prizes=tuple(results.prizes_of(entry.slug)) if results is not None else (),
        votes=votes.get(entry.slug) if votes else None,
    )


def _winner_views(
    results: ContestResults, cards: tuple[Card, ...], certificates: tuple[Certificate, ...]
) -> tuple[WinnerView, ...]:
    """Per prize tier (in ``results.tiers`` order), how the results page shows its winners once:
    with a card (poster, authors, score) for the winners with a published entry card, listed in a
    table for the others (quiz participants, entries whose authors did not agree to publication)."""
    by_slug = {card.entry.slug: card for card in cards if card.entry.consented}
    views = []
    for result in results.tiers:
        shown: list[tuple[Winner, Card, str | None]] = []
        listed: list[Winner] = []
        for winner in result.winners:
            card = by_slug.get(winner.entry.slug) if winner.entry is not None and winner.participant is None else None
            if card is None:
                listed.append(winner)
                continue
            certificate = next((c.uri for c in certificates if c.winner is winner), None)
            shown.append((winner, card, certificate))
        views.append(WinnerView(tuple(shown), tuple(listed)))
    return tuple(views)


def _received_order(card: Card) -> tuple[bool, float, str]:
    """Entries by the time they were received (as the register or entry.yml says), then by id;
    those without a time last."""
    received = card.entry.spec.received
    return (received is None, received.start.timestamp() if received else 0.0, card.entry.slug)


def _plan_news(
    plan: SitePlan, contest: ContestRecord, t: Translator, now: datetime, site_url: str | None, use_directory_urls: bool
) -> tuple[NewsItem, ...]:
    """A page per published post, the contest's news page and its feeds; the posts, newest first."""
    posts = [post for post in contest.news if post.published_by(now)]
    if not posts:
        return ()
    items = []
    for post in posts:
        uri = news_uri(contest.slug, post.slug)
        plan.add_page(
            PageSpec(
                uri,
                post.title,
                "news_post.html",
                NewsPostPage(contest, post),
                hide=("navigation",),
                description=post.summary or _plain(post.body),
            )
        )
        items.append(NewsItem(post, uri))
    feed_uri = f"{contest.slug}/{NEWS}"

    def address(target: str) -> str:  # relative to the feed file, which sits beside the news page
        return absolute_url(site_url, target) or relative_url(target, feed_uri)

    def link(src_uri: str) -> str:
        return address(page_url(src_uri, use_directory_urls))

    def post_link(post: NewsPost) -> str:
        return link(news_uri(contest.slug, post.slug))

    def feed_html(post: NewsPost) -> str:
        # links written from the post's page ("../../the-le/") must work from the feed reader too
        return rebase_links(markdown_html(post.body), page_url(news_uri(contest.slug, post.slug)), address)

    feed = Feed(
        posts,
        title=f"{t('news.title')} – {contest.spec.title}",
        feed_id=link(contest_uri(contest, NEWS)) if site_url else f"urn:contest-portal:{contest.slug}:news",
        page_link=link(contest_uri(contest, NEWS)),
        post_link=post_link,
        content_html=feed_html,
        lang=t.lang,
        author=contest.spec.organizer.name,
    )
    feeds = NewsFeeds(
        atom=plan.add_output(OutputSpec(f"{feed_uri}.xml", "atom", feed)),
        # RSS wants absolute links
        rss=plan.add_output(OutputSpec(f"{feed_uri}.rss", "rss", feed)) if site_url else None,
    )
    plan.add_page(
        PageSpec(
            contest_uri(contest, NEWS),
            t("news.title"),
            "news.html",
            NewsPage(contest, tuple(items), feeds),
            in_nav=True,
        )
    )
    return tuple(items)


def _plan_results(
    plan: SitePlan, contest: ContestRecord, t: Translator, units: tuple[UnitRow, ...]
) -> tuple[ResultFiles, tuple[Certificate, ...]]:
    """Export files and one printable certificate page per prize winner (none for an entry whose
    authors did not agree to publication)."""
    header, rows = result_rows(contest, t)
    table = Table(header, rows, contest.slug, dated=datetime(contest.spec.year, 1, 1))

    def export(kind: OutputKind, data: object) -> str:
        return plan.add_output(OutputSpec(f"{contest.slug}/{RESULTS}-{contest.slug}.{kind}", kind, data))

    exports = ResultFiles(
        csv=export("csv", table), xlsx=export("xlsx", table), json=export("json", results_data(contest, t, units))
    )
    certificates: list[Certificate] = []
    assert contest.results is not None
    for result in contest.results.tiers:
        for number, winner in enumerate(result.winners, start=1):
            if winner.entry is not None and not winner.entry.consented:
                continue
            uri = f"{contest.slug}/{CERTIFICATES}/{result.tier.id}-{number}.md"
            context = CertificatePage(
                contest, result.tier, winner, entry_uri(contest.slug, winner.entry.slug) if winner.entry else None
            )
            # titled by the work (never its folder id), or the participant's name for a quiz prize; left
            # out of the site search (titled by the work, it would come before the entry's own page)
            named = (
                winner.entry.spec.title if winner.entry else (winner.participant.label if winner.participant else "")
            )
            plan.add_page(
                PageSpec(
                    uri,
                    f"{result.tier.name} – {named}",
                    "certificate.html",
                    context,
                    hide=("navigation", "toc", "header", "footer"),
                    unsearched=True,
                )
            )
            certificates.append(Certificate(result.tier, winner, uri))
    return exports, tuple(certificates)


def _nav(plan: SitePlan, portal: Portal, t: Translator, home: bool) -> list[dict[str, Any]]:
    """MkDocs nav entries for the hub pages, newest contest first."""
    contests = []
    for contest in portal.contests:
        title = html.escape(f"{contest.spec.year} – {contest.title}", quote=False)  # the theme does not escape
        pages = [
            {t("overview.title"): contest_uri(contest)},
            {t("rules.title"): contest_uri(contest, RULES)},
            {t("gallery.title"): contest_uri(contest, GALLERY)},
            {t("results.title"): contest_uri(contest, RESULTS)},
        ]
        if contest_uri(contest, NEWS) in plan.pages:
            pages.append({t("news.title"): contest_uri(contest, NEWS)})
        contests.append({title: pages})
    nav: list[dict[str, Any]] = [{t("nav.contests"): contests}, {t("archive.title"): ARCHIVE_URI}]
    if home:
        nav.insert(0, {t("home.title"): HOME_URI})
    return nav


def code_reference(lang: str) -> tuple[CodeRow, ...]:
    """Every problem code with its severity, message and hint, from the code table itself."""

    def placeholders(text: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: f"‹{m.group(1)}›", text)

    return tuple(
        CodeRow(info.code, info.severity.value, placeholders(info.message[lang]), placeholders(info.hint[lang]))
        for info in CODES.values()
    )


def _plain(text: str | None) -> str | None:
    if not text:
        return None
    flat = " ".join(text.replace("*", "").replace("_", " ").split())
    return flat[:200]
