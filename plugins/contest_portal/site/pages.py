"""Turn the Portal model into a site plan: pages, media files, outputs and navigation.

Nothing here imports MkDocs, opens a file or serialises one.  A page is a ``PageSpec``:
where it goes (``src_uri`` as MkDocs would name a Markdown file), its title, the
template that renders its body and that template's context.  Media are ``MediaSpec``:
a site path and the file it comes from.  Files made in memory (result exports, the
calendar, news feeds) are ``OutputSpec``: a site path, a kind and the data to put there;
``publish.writer`` turns them into bytes.  Hub pages (overview, rules, results, archive)
go in the navigation; galleries and entry pages do not, so the build stays linear in
the number of entries.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from contest_portal.core.errors import CODES
from contest_portal.core.files import is_inline_text
from contest_portal.core.i18n import Translator
from contest_portal.model import ContestRecord, EntryRecord, Portal
from contest_portal.rules.phase import PhaseInfo, contest_phase
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


@dataclass
class PageSpec:
    src_uri: str
    title: str
    template: str
    context: dict
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
    ``ics.ContestCalendar``, ``feeds.Feed`` for atom and rss).  ``publish.writer.OutputWriter``
    makes its bytes."""

    src_uri: str
    kind: OutputKind
    data: object


@dataclass
class SitePlan:
    pages: dict[str, PageSpec] = field(default_factory=dict)
    media: dict[str, MediaSpec] = field(default_factory=dict)
    outputs: list[OutputSpec] = field(default_factory=list)  # in planning order; the writer refuses a path twice
    nav: list = field(default_factory=list)
    portal: Portal | None = None
    phases: dict[str, PhaseInfo] = field(default_factory=dict)
    calendars: dict[str, str] = field(default_factory=dict)  # contest slug → its .ics file
    showcase: Showcase = field(default_factory=Showcase)  # embeddable views and the feed's items
    # contest slug → {"document" | "rules_document" | "decision": {"uri", "kind", "size"}}: signed files
    documents: dict[str, dict[str, dict]] = field(default_factory=dict)
    cards: dict[str, list[dict]] = field(default_factory=dict)  # contest slug → its entries' cards (home, entry)
    # contest slug → its cover: {"picture": JPEG uri, "banner": WebP uri, "width", "height" (the banner's)}
    covers: dict[str, dict] = field(default_factory=dict)
    _by_url: dict[str, str] = field(default_factory=dict, init=False, repr=False)  # page_at's index
    # same_unit's index: contest slug → unit id → that unit's cards, in the contest's order
    _by_unit: dict[str, dict[str, list[dict]]] = field(default_factory=dict, init=False, repr=False)

    def add_page(self, spec: PageSpec) -> None:
        if spec.src_uri in self.pages:
            raise ValueError(f"two generated pages at {spec.src_uri}")
        self.pages[spec.src_uri] = spec

    def page_at(self, dir_url: str) -> str | None:
        """The generated page whose directory-style URL is ``dir_url`` ("2024-vinh-linh/the-le/")."""
        if len(self._by_url) != len(self.pages):
            self._by_url = {page_url(src): src for src in self.pages}
        return self._by_url.get(dir_url)

    def same_unit(self, contest_slug: str, card: dict, limit: int = 6) -> list[dict]:
        """Up to ``limit`` other cards of ``card``'s unit in the contest ``contest_slug``, in the order of
        ``cards`` (the entry page's list). Indexed once per contest: a filter of every card on each
        entry page would make the build quadratic in the entries of a contest."""
        if contest_slug not in self._by_unit:
            units: dict[str, list[dict]] = self._by_unit.setdefault(contest_slug, {})
            for other in self.cards.get(contest_slug, []):
                units.setdefault(other["entry"].spec.unit, []).append(other)
        unit = self._by_unit[contest_slug].get(card["entry"].spec.unit, [])
        return [other for other in unit[:limit + 1] if other["uri"] != card["uri"]][:limit]

    def add_media(self, spec: MediaSpec) -> str:
        self.media.setdefault(spec.src_uri, spec)
        return spec.src_uri

    def add_output(self, spec: OutputSpec) -> str:
        self.outputs.append(spec)
        return spec.src_uri


def plan_site(portal: Portal, t: Translator, now: datetime, *, posters: dict[str, Path] | None = None,
              thumbnails: dict[str, Path] | None = None, renditions: dict[str, Path] | None = None,
              documents: dict[tuple[str, str], Path] | None = None, covers: dict | None = None,
              publish_originals: bool = False,
              home: bool = True, video_base_url: str | None = None, site_url: str | None = None,
              use_directory_urls: bool = True) -> SitePlan:
    """Build the whole site plan from a loaded portal.

    ``posters``, ``thumbnails``, ``renditions``: ``{"contest/entry": file}`` as the media stages made
    them; ``covers``: ``{contest slug: media.covers.Cover}``.  An entry with a rendition plays it; its original is published too (a download link)
    only with ``publish_originals``.
    """
    plan = SitePlan(portal=portal)
    posters = posters or {}
    thumbnails = thumbnails or {}
    videos = _Videos(renditions or {}, publish_originals, video_base_url)
    for contest in portal.contests:
        plan.phases[contest.slug] = contest_phase(contest.spec, now)
        cover = (covers or {}).get(contest.slug)
        if cover is not None:  # the banner of the home page and the picture of shared links
            plan.covers[contest.slug] = {
                "picture": plan.add_media(MediaSpec(f"{contest.slug}/{MEDIA}/{COVER}.jpg", cover.picture)),
                "banner": plan.add_media(MediaSpec(f"{contest.slug}/{MEDIA}/{COVER}.webp", cover.banner)),
                "width": cover.width, "height": cover.height}
    for contest in portal.contests:
        news = _plan_news(plan, contest, t, now, site_url, use_directory_urls)
        _plan_contest(plan, contest, t, posters, thumbnails, videos, news)
        plan_showcase(plan, contest, t, site_url=site_url, use_directory_urls=use_directory_urls)
        plan.documents.setdefault(contest.slug, {}).update({
            key: {"uri": plan.add_media(MediaSpec(f"{contest.slug}/{DOCUMENTS}/{path.name}", path)),
                  "kind": path.suffix.lstrip(".").upper(), "size": path.stat().st_size}
            for (slug, key), path in (documents or {}).items() if slug == contest.slug})
        calendar = calendar_of(contest, t, now, absolute_url(site_url, page_url(contest_uri(contest))))
        if calendar is not None:
            plan.calendars[contest.slug] = plan.add_output(OutputSpec(f"{contest.slug}/{CALENDAR}", "ics", calendar))
    plan_portal_feed(plan, t, t("embed_view.portal_feed"), site_url=site_url)
    plan.add_page(PageSpec(ARCHIVE_URI, t("archive.title"), "archive.html",
                           {"contests": portal.contests}, in_nav=True))
    # for the organizers, not the public: linked from every page's footer, not from the top menu
    plan.add_page(PageSpec(CODES_URI, t("codes.title"), "codes.html", {"codes": code_reference(t.lang)}))
    if home:
        plan.add_page(PageSpec(HOME_URI, t("home.title"), "home.html", {"contests": portal.contests},
                               in_nav=True))
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
        return (plan.add_media(MediaSpec(played, rendition)),
                plan.add_media(MediaSpec(original, entry.video_path)) if self.publish_originals else None)


def _plan_contest(plan: SitePlan, contest: ContestRecord, t: Translator, posters: dict[str, Path],
                  thumbnails: dict[str, Path], videos: _Videos, news: list[dict] | None = None) -> None:
    entries = contest.published_entries
    cards: list[dict[str, Any]] = []
    for entry in entries:
        media: dict = {"video": None, "poster": None, "article": None, "explanatory_text": None}
        media["video"], media["original"] = videos.plan(plan, entry)
        # the entry's own poster re-encoded (upright, bounded, no metadata) or a video frame: the
        # file sent is never published as it is
        poster = posters.get(f"{contest.slug}/{entry.slug}")
        if poster:
            uri = f"{contest.slug}/{MEDIA}/{entry.slug}/poster-{poster.name}"
            media["poster"] = plan.add_media(MediaSpec(uri, poster))
        thumbnail = thumbnails.get(f"{contest.slug}/{entry.slug}")
        media["thumbnail"] = plan.add_media(MediaSpec(
            f"{contest.slug}/{MEDIA}/{entry.slug}/thumb-{entry.slug}.webp", thumbnail)) if thumbnail else None
        media["subtitles"] = [(sub, plan.add_media(MediaSpec(media_uri(entry, path), path)))
                              for sub, path in entry.subtitle_paths]
        inline: dict[str, Path | None] = {"article": None, "explanatory_text": None}
        for key, path in (("article", entry.article_path), ("explanatory_text", entry.explanatory_text_path)):
            if path and is_inline_text(path):
                # shown in the entry page through the sanitizer, never published as a page of its own
                inline[key] = path
            elif path:
                media[key] = plan.add_media(MediaSpec(media_uri(entry, path), path))
        texts = EntryTexts(inline)  # read when the page is rendered
        media["embed"] = None if media["video"] else embed_for(entry.spec.links.youtube, entry.spec.links.facebook)
        card: dict[str, Any] = {"entry": entry, "media": media, "texts": texts, "uri": entry_uri(contest.slug, entry.slug),
                "search": search_text(entry)}
        cards.append(card)
        plan.add_page(PageSpec(card["uri"], entry.spec.title, "entry.html",
                               {"contest": contest, "card": card}, hide=("navigation",),
                               description=_plain(entry.spec.description)))
    plan.cards[contest.slug] = cards
    results = contest.results if contest.spec.results.published else None
    published = results is not None
    exports: dict[str, str] = {}
    certificates: list[dict] = []
    units = unit_summary(contest, results)
    if published:
        exports, certificates = _plan_results(plan, contest, t, units)
    votes = results.votes if results is not None else {}
    for card in cards:
        card["prizes"] = results.prizes_of(card["entry"].slug) if results is not None else []
        card["votes"] = votes.get(card["entry"].slug) if votes else None
    common = {"contest": contest, "cards": cards, "phase": plan.phases[contest.slug], "published": published,
              "filters": gallery_filters(contest, cards, t), "has_votes": bool(votes), "news": news or [],
              "exports": exports, "certificates": certificates,
              "winner_views": _winner_views(results, cards, certificates) if results is not None else [],
              "units": units, "documents": plan.documents.setdefault(contest.slug, {})}
    plan.add_page(PageSpec(contest_uri(contest), contest.spec.title, "overview.html", common, in_nav=True,
                           description=_plain(contest.spec.content.theme)))
    plan.add_page(PageSpec(contest_uri(contest, RULES), t("rules.title"), "rules.html", common, in_nav=True))
    # the gallery's first order is "Theo thứ tự nhận": by the time each entry was received
    by_received = {**common, "cards": sorted(cards, key=_received_order)}
    plan.add_page(PageSpec(contest_uri(contest, GALLERY), t("gallery.title"), "gallery.html", by_received,
                           in_nav=True, hide=("navigation",), unsearched=True))
    plan.add_page(PageSpec(contest_uri(contest, RESULTS), t("results.title"), "results.html", common,
                           in_nav=True))


def _winner_views(results, cards: list[dict], certificates: list[dict]) -> list[dict]:
    """Per prize tier (in ``results.tiers`` order), how the results page shows its winners once:
    ``cards`` [(winner, card, certificate URI or None)] for the winners with a published entry card
    (poster, authors, score), ``listed`` [winner] for the others (quiz participants, entries whose
    authors did not agree to publication), which go in a table."""
    by_slug = {card["entry"].slug: card for card in cards if card["entry"].consented}
    views = []
    for result in results.tiers:
        view: dict[str, list] = {"cards": [], "listed": []}
        for winner in result.winners:
            card = by_slug.get(winner.entry.slug) if winner.entry is not None and winner.participant is None else None
            if card is None:
                view["listed"].append(winner)
                continue
            certificate = next((c["uri"] for c in certificates if c["winner"] is winner), None)
            view["cards"].append((winner, card, certificate))
        views.append(view)
    return views


def _received_order(card: dict) -> tuple:
    """Entries by the time they were received (as the register or entry.yml says), then by id;
    those without a time last."""
    received = card["entry"].spec.received
    return (received is None, received.start.timestamp() if received else 0.0, card["entry"].slug)


def _plan_news(plan: SitePlan, contest: ContestRecord, t: Translator, now: datetime, site_url: str | None,
               use_directory_urls: bool) -> list[dict]:
    """A page per published post, the contest's news page and its feeds; the posts, newest first."""
    posts = [post for post in contest.news if post.published_by(now)]
    if not posts:
        return []
    items = []
    for post in posts:
        uri = news_uri(contest.slug, post.slug)
        plan.add_page(PageSpec(uri, post.title, "news_post.html", {"contest": contest, "post": post},
                               hide=("navigation",), description=post.summary or _plain(post.body)))
        items.append({"post": post, "uri": uri})
    feed_uri = f"{contest.slug}/{NEWS}"

    def address(target: str) -> str:  # relative to the feed file, which sits beside the news page
        return absolute_url(site_url, target) or relative_url(target, feed_uri)

    def link(src_uri: str) -> str:
        return address(page_url(src_uri, use_directory_urls))

    def post_link(post) -> str:
        return link(news_uri(contest.slug, post.slug))

    def feed_html(post) -> str:
        # links written from the post's page ("../../the-le/") must work from the feed reader too
        return rebase_links(markdown_html(post.body), page_url(news_uri(contest.slug, post.slug)), address)

    feeds = {}
    feed = Feed(posts, title=f"{t('news.title')} – {contest.spec.title}",
                feed_id=link(contest_uri(contest, NEWS)) if site_url else f"urn:contest-portal:{contest.slug}:news",
                page_link=link(contest_uri(contest, NEWS)), post_link=post_link, content_html=feed_html,
                lang=t.lang, author=contest.spec.organizer.name)
    feeds["atom"] = plan.add_output(OutputSpec(f"{feed_uri}.xml", "atom", feed))
    if site_url:  # RSS wants absolute links
        feeds["rss"] = plan.add_output(OutputSpec(f"{feed_uri}.rss", "rss", feed))
    plan.add_page(PageSpec(contest_uri(contest, NEWS), t("news.title"), "news.html",
                           {"contest": contest, "items": items, "feeds": feeds}, in_nav=True))
    return items


def _plan_results(plan: SitePlan, contest: ContestRecord, t: Translator,
                  units: list[dict]) -> tuple[dict[str, str], list[dict]]:
    """Export files and one printable certificate page per prize winner (none for an entry whose
    authors did not agree to publication)."""
    header, rows = result_rows(contest, t)
    table = Table(header, rows, contest.slug, dated=datetime(contest.spec.year, 1, 1))
    files: list[tuple[OutputKind, object]] = [("csv", table), ("xlsx", table),
                                              ("json", results_data(contest, t, units))]
    exports: dict[str, str] = {kind: plan.add_output(OutputSpec(f"{contest.slug}/{RESULTS}-{contest.slug}.{kind}", kind, data))
               for kind, data in files}
    certificates: list[dict] = []
    assert contest.results is not None
    for result in contest.results.tiers:
        for number, winner in enumerate(result.winners, start=1):
            if winner.entry is not None and not winner.entry.consented:
                continue
            uri = f"{contest.slug}/{CERTIFICATES}/{result.tier.id}-{number}.md"
            context = {"contest": contest, "tier": result.tier, "winner": winner,
                       "entry_uri": entry_uri(contest.slug, winner.entry.slug) if winner.entry else None}
            # titled by the work (never its folder id), or the participant's name for a quiz prize
            named = winner.entry.spec.title if winner.entry else (winner.participant.label if winner.participant else "")
            # (left out of the site search: now titled by the work, it would come before the entry's page)
            plan.add_page(PageSpec(uri, f"{result.tier.name} – {named}", "certificate.html", context,
                                   hide=("navigation", "toc", "header", "footer"), unsearched=True))
            certificates.append({"tier": result.tier, "winner": winner, "uri": uri})
    return exports, certificates


def _nav(plan: SitePlan, portal: Portal, t: Translator, home: bool) -> list:
    """MkDocs nav entries for the hub pages, newest contest first."""
    contests = []
    for contest in portal.contests:
        title = html.escape(f"{contest.spec.year} – {contest.title}", quote=False)  # the theme does not escape
        pages = [{t("overview.title"): contest_uri(contest)}, {t("rules.title"): contest_uri(contest, RULES)},
                 {t("gallery.title"): contest_uri(contest, GALLERY)}, {t("results.title"): contest_uri(contest, RESULTS)}]
        if contest_uri(contest, NEWS) in plan.pages:
            pages.append({t("news.title"): contest_uri(contest, NEWS)})
        contests.append({title: pages})
    nav = [{t("nav.contests"): contests}, {t("archive.title"): ARCHIVE_URI}]
    if home:
        nav.insert(0, {t("home.title"): HOME_URI})
    return nav


def code_reference(lang: str) -> list[dict]:
    """Every problem code with its severity, message and hint, from the code table itself."""
    def placeholders(text: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: f"‹{m.group(1)}›", text)

    return [{"code": info.code, "severity": info.severity.value,
             "message": placeholders(info.message[lang]), "hint": placeholders(info.hint[lang])}
            for info in CODES.values()]


def _plain(text: str | None) -> str | None:
    if not text:
        return None
    flat = " ".join(text.replace("*", "").replace("_", " ").split())
    return flat[:200]
