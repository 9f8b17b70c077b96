"""Showcasing a contest on another site: embeddable views and a data feed.

District and provincial portals (Cổng thông tin điện tử) run their own content systems: their web
team can paste an iframe or read a feed, not install this site.  For each contest the plan adds:

- **embeddable views**, standalone pages with minimal chrome (no theme, no site navigation, a
  link back to the full portal), responsive in any width, with one small script for the
  gallery's search and unit filter: the gallery (``<contest>/nhung/``), each entry's player
  (``<contest>/nhung/<entry>/``) and a card with the results, or before them the phase and the
  countdown to the next deadline (``<contest>/nhung/ket-qua/``).  The header files let only the
  origins of the ``embed_origins`` option frame them (publish/headers.py); the rest of the site
  keeps refusing frames;
- a **data feed** (JSON Feed 1.1, https://www.jsonfeed.org/version/1.1/) per contest
  (``<contest>/feed.json``) and one for the portal (``feed.json``): the published entries (title,
  unit, authors' public names, poster, page and video addresses, duration, prizes) under the
  extension ``_contest_portal`` (``FEED_VERSION``), honouring consent as the pages do: only
  ``published_entries``.  Cross-origin reads are allowed for the feed files only.

``Snippet``s give the web team the HTML to paste (an ``<iframe>`` with a title,
``loading="lazy"``, in a responsive aspect-ratio wrapper); the organizers' report lists them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin

from contest_portal.core.i18n import Translator
from contest_portal.judging.awards import Winner
from contest_portal.model import ContestRecord, EntryRecord
from contest_portal.site.contexts import (
    Card,
    EmbedCard,
    EmbedContext,
    EmbedEntry,
    EmbedFrame,
    EmbedGallery,
    EmbedResultsCard,
    EmbedTier,
    EmbedWinner,
    template_values,
)
from contest_portal.site.urls import (
    GALLERY,
    RESULTS,
    absolute_url,
    contest_uri,
    entry_uri,
    page_url,
    relative_path,
    video_type,
)

if TYPE_CHECKING:
    from jinja2 import Environment

    from contest_portal.site.pages import SitePlan

EMBED = "nhung"
FEED = "feed.json"
FEED_VERSION = 1
EMBED_CSS = "assets/embed.css"
EMBED_JS = "assets/embed.js"


@dataclass(frozen=True)
class View:
    """A standalone HTML page: ``template`` (under templates/embed/) rendered with ``context``
    (``contexts.EMBED_TEMPLATES`` names each template's)."""

    template: str
    context: EmbedContext
    lang: str


@dataclass(frozen=True)
class Snippet:
    """What a web team pastes: ``title`` names the view, ``uri`` is its site path, ``ratio`` the
    wrapper's height in % of its width."""

    title: str
    uri: str
    ratio: int

    def html(self, site_url: str | None) -> str:
        """The ready HTML: the view's address (absolute with a site_url, else its site path)."""
        src = absolute_url(site_url, self.uri.removesuffix("index.html")) or "/" + self.uri
        return (
            f'<div style="position:relative;width:100%;padding-top:{self.ratio}%">'
            f'<iframe src="{escape(src)}" title="{escape(self.title)}" loading="lazy" '
            'style="position:absolute;inset:0;width:100%;height:100%;border:0" '
            'allow="fullscreen; picture-in-picture"></iframe></div>'
        )


@dataclass
class Showcase:
    """Every contest's embeddable views (for the report) and the entries of the portal's feed."""

    snippets: dict[str, list[Snippet]] = field(default_factory=dict)  # contest slug → its views
    items: list[dict[str, Any]] = field(default_factory=list)  # JSON Feed items (site paths, made absolute later)


def embed_uri(contest_slug: str, page: str | None = None) -> str:
    """The site path of a contest's embeddable view: the gallery, an entry, or ``RESULTS``."""
    return f"{contest_slug}/{EMBED}/" + (f"{page}/" if page else "") + "index.html"


def plan_showcase(
    plan: SitePlan,
    contest: ContestRecord,
    t: Translator,
    *,
    site_url: str | None,
    use_directory_urls: bool = True,
    site_prefix: str = "",
) -> None:
    """Add the contest's embeddable views and its feed to ``plan`` (outputs ``html`` and ``feed``).

    ``site_prefix``: the language sub-site's folder in the whole site ("en/"), "" for the root site.
    A sub-site's media (``plan.media``) are published once, under the root: its views and feeds
    lead there."""
    from contest_portal.site.pages import OutputSpec

    cards = plan.cards.get(contest.slug, ())
    results = contest.results if contest.spec.results.published else None
    phase = plan.phases.get(contest.slug)
    gallery = embed_uri(contest.slug)

    def rel(from_uri: str, target: str | None) -> str | None:
        """``target`` (a site path or an absolute address) as seen from the view at ``from_uri``."""
        if not target or target.startswith(("https://", "http://")):
            return target
        if target in plan.media:  # (the root's file, also from a language sub-site)
            return relative_path(target, site_prefix + from_uri)
        return relative_path(target, from_uri)

    def page(from_uri: str, src_uri: str) -> str:
        return rel(from_uri, page_url(src_uri, use_directory_urls) or "./") or "./"

    def card_view(from_uri: str, card: Card) -> EmbedCard:
        entry, media = card.entry, card.media
        return EmbedCard(
            title=entry.spec.title,
            unit=entry.unit_name,
            unit_id=entry.spec.unit,
            authors=entry.author_line,
            thumbnail=rel(from_uri, media.thumbnail or media.poster),
            poster=rel(from_uri, media.poster),
            video=rel(from_uri, media.video),
            page=page(from_uri, entry_uri(contest.slug, entry.slug)),
            player=rel(from_uri, embed_uri(contest.slug, entry.slug)),
            prizes=tuple(prize.name for prize in card.prizes),
            duration=entry.video_info.duration_s if entry.video_info else None,
            size=entry.video_info.shown_size if entry.video_info else None,
            search=card.search,
        )

    def frame(from_uri: str, full: str) -> dict[str, Any]:
        """What every view has (the fields of ``contexts.EmbedFrame``, which each view's context extends):
        the contest, the language, its style and script, the portal's page it stands for."""
        return template_values(
            EmbedFrame(
                contest=contest,
                t=t,
                css=rel(from_uri, EMBED_CSS),
                js=rel(from_uri, EMBED_JS),
                full=page(from_uri, full),
            )
        )

    units = tuple(sorted({(c.entry.spec.unit, c.entry.unit_name) for c in cards}, key=lambda u: u[1]))
    plan.add_output(
        OutputSpec(
            gallery,
            "html",
            View(
                "gallery.html",
                EmbedGallery(
                    **frame(gallery, contest_uri(contest, GALLERY)),
                    cards=tuple(card_view(gallery, c) for c in cards),
                    units=units,
                ),
                t.lang,
            ),
        )
    )
    for card in cards:
        uri = embed_uri(contest.slug, card.entry.slug)
        plan.add_output(
            OutputSpec(
                uri, "html", View("entry.html", EmbedEntry(**frame(uri, card.uri), card=card_view(uri, card)), t.lang)
            )
        )
    card_uri = embed_uri(contest.slug, RESULTS)
    winners = tuple(
        EmbedTier(r.tier.name, tuple(_winner(w) for w in r.winners))
        for r in (results.tiers if results is not None else [])
    )
    plan.add_output(
        OutputSpec(
            card_uri,
            "html",
            View(
                "card.html",
                EmbedResultsCard(
                    **frame(card_uri, contest_uri(contest, RESULTS if results is not None else "index")),
                    phase=phase,
                    winners=winners,
                ),
                t.lang,
            ),
        )
    )
    plan.showcase.snippets[contest.slug] = contest_snippets(contest, t)
    items = [_item(contest, c, site_url, use_directory_urls) for c in cards]
    plan.showcase.items += items
    plan.add_output(
        OutputSpec(
            f"{contest.slug}/{FEED}",
            "feed",
            feed_document(
                contest.spec.title,
                site_url,
                f"{contest.slug}/{FEED}",
                page_url(contest_uri(contest), use_directory_urls),
                t,
                items,
                site_prefix=site_prefix,
            ),
        )
    )


def contest_snippets(contest: ContestRecord, t: Translator) -> list[Snippet]:
    """The views a web team can paste for a contest: its gallery, its results card, each published entry."""
    return [
        Snippet(t("embed_view.gallery", contest=contest.spec.title), embed_uri(contest.slug), 120),
        Snippet(t("embed_view.card", contest=contest.spec.title), embed_uri(contest.slug, RESULTS), 60),
        *(
            Snippet(t("embed_view.entry", title=entry.spec.title), embed_uri(contest.slug, entry.slug), 66)
            for entry in contest.published_entries
        ),
    ]


def plan_portal_feed(plan: SitePlan, t: Translator, title: str, *, site_url: str | None, site_prefix: str = "") -> None:
    """The portal's feed (``feed.json``): every contest's items, newest edition first."""
    from contest_portal.site.pages import OutputSpec

    plan.add_output(
        OutputSpec(
            FEED, "feed", feed_document(title, site_url, FEED, "", t, plan.showcase.items, site_prefix=site_prefix)
        )
    )


def feed_document(
    title: str,
    site_url: str | None,
    feed_uri: str,
    home_uri: str,
    t: Translator,
    items: list[dict[str, Any]],
    *,
    site_prefix: str = "",
) -> dict[str, Any]:
    """A JSON Feed 1.1 document; addresses absolute with a site_url, else site paths from the root.

    ``site_prefix`` ("en/" in the English sub-site, whose ``site_url`` ends in it): where the pages
    are; the media (``image``, ``video_url``) are the root site's."""

    def address(site_path: str) -> str:
        return absolute_url(site_url, site_path) or "/" + site_prefix + site_path

    def media_address(site_path: str) -> str:
        if site_path.startswith(("https://", "http://")):
            return site_path  # a video hosted elsewhere (video_base_url)
        if not site_url:
            return "/" + site_path
        base = site_url if site_url.endswith("/") else site_url + "/"
        return urljoin(base, quote(relative_path(site_path, site_prefix), safe="/"))  # "../2024-x/media/…" from en/

    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "language": t.lang,
        "home_page_url": address(home_uri),
        "feed_url": address(feed_uri),
        "_contest_portal": {"version": FEED_VERSION},
        "items": [
            {
                **item,
                "url": address(item["url"]),
                **({"image": media_address(item["image"])} if item.get("image") else {}),
                "_contest_portal": {
                    **item["_contest_portal"],
                    "video_url": media_address(item["_contest_portal"]["video_url"])
                    if item["_contest_portal"]["video_url"]
                    else None,
                },
            }
            for item in items
        ],
    }


def _item(contest: ContestRecord, card: Card, site_url: str | None, use_directory_urls: bool) -> dict[str, Any]:
    entry, media = card.entry, card.media
    item: dict[str, Any] = {
        "id": f"{contest.slug}/{entry.slug}",
        "url": page_url(card.uri, use_directory_urls),
        "title": entry.spec.title,
        "content_text": entry.spec.description or entry.spec.title,
        "authors": [{"name": name} for name in _public_names(entry)],
        "tags": [contest.spec.title, entry.unit_name],
        "_contest_portal": {
            "contest": contest.slug,
            "year": contest.spec.year,
            "unit": entry.unit_name,
            "video_url": media.video,
            "duration_s": entry.video_info.duration_s if entry.video_info else None,
            "prizes": [prize.name for prize in card.prizes],
        },
    }
    if media.poster:
        item["image"] = media.poster
    return item


def _public_names(entry: EntryRecord) -> list[str]:
    """The names the pages show: the group's name, else each author's."""
    if entry.spec.group:
        return [entry.spec.group]
    return [author.name for author in entry.spec.authors]


def _winner(winner: Winner) -> EmbedWinner:
    if winner.participant is not None:
        return EmbedWinner(name=winner.participant.name, unit=winner.participant.unit)
    entry = winner.entry
    if entry is None or not entry.consented:
        return EmbedWinner(unpublished=True)
    return EmbedWinner(name=entry.spec.title, unit=entry.unit_name, slug=entry.slug)


@functools.cache
def view_environment() -> Environment:
    """The embeddable views' Jinja environment (autoescaped, the plugin's templates/embed/), made once."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("contest_portal", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["video_type"] = video_type
    return env


def view_bytes(view: View) -> bytes:
    """The HTML of an embeddable view, rendered with its context."""
    env = view_environment()
    env.filters["duration"] = view.context.t.duration  # the view's language: set for each render
    return env.get_template(f"embed/{view.template}").render(**template_values(view.context)).encode("utf-8")
