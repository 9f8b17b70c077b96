"""What each template reads: one frozen dataclass per page kind, built once, complete.

The site plan hands every page to its template through one of these contexts (``PageSpec.context``)
and every embeddable view through one of the ``Embed*`` contexts (``showcase.View.context``).
``PAGE_TEMPLATES`` and ``EMBED_TEMPLATES`` name the context of each template; a test reads the
templates' own names (Jinja's AST) and checks that each is a field of its context or a helper the
renderer gives every page (``render.PageHelpers``), so a template and its context cannot drift.
Nothing here is changed after it is built: a card's prizes and votes are known when it is made.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from contest_portal.core.i18n import Translator
from contest_portal.formats.news import NewsPost
from contest_portal.formats.schema import PrizeTier, Subtitle, Unit
from contest_portal.judging.awards import Winner
from contest_portal.model import ContestRecord, EntryRecord
from contest_portal.rules.phase import PhaseInfo
from contest_portal.site.embeds import Embed
from contest_portal.site.entry_texts import EntryTexts

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def template_values(context: DataclassInstance) -> dict[str, Any]:
    """``{field: value}`` of a context, one level deep (``dataclasses.asdict`` would copy every card)."""
    return {item.name: getattr(context, item.name) for item in fields(context)}


# --- pieces of the pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryMedia:
    """An entry's files as the site publishes them: site paths (or absolute addresses when the videos
    are hosted elsewhere, ``video_base_url``), None when the entry has no such file."""

    video: str | None  # what the player plays (the web rendition when there is one)
    original: str | None  # the original video's download link (only with publish_originals)
    poster: str | None  # the re-encoded poster or a frame of the video
    thumbnail: str | None  # the gallery's small WebP picture
    subtitles: tuple[tuple[Subtitle, str], ...]  # (the entry's subtitle, its site path)
    article: str | None  # published as a file; an inline text (.md, .txt) is in ``Card.texts``
    explanatory_text: str | None
    embed: Embed | None  # the YouTube or Facebook player of an entry without a video file


@dataclass(frozen=True)
class Card:
    """A published entry as every listing and its own page show it."""

    entry: EntryRecord
    media: EntryMedia
    texts: EntryTexts  # "article", "explanatory_text" → the inline text (read when rendered)
    uri: str  # the entry page's src_uri
    search: str  # the words the gallery's search matches (listings.search_text)
    prizes: tuple[PrizeTier, ...]  # its prizes once the results are published, else none
    votes: int | None  # its public votes when the results hold any


@dataclass(frozen=True)
class GalleryFilter:
    """One of the gallery's select boxes: ``name`` ("unit", "category", "kind", "prize") and its
    (value, label) options."""

    name: str
    options: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class UnitRow:
    """Per unit of the plan: entries received, valid and refused; ``prizes``: the names of the tiers
    its entries and staff won; ``awards``: (tier, the winner's key) of the same."""

    unit: Unit
    entries: int
    valid: int
    refused: int
    prizes: tuple[str, ...]
    awards: tuple[tuple[PrizeTier, str], ...]


@dataclass(frozen=True)
class Certificate:
    """A printable certificate page (``uri``, its src_uri) of one winner of one tier."""

    tier: PrizeTier
    winner: Winner
    uri: str


@dataclass(frozen=True)
class WinnerView:
    """How the results page shows one tier's winners: ``cards`` (winner, its card, its certificate's
    src_uri or None) for those with a published entry card, ``listed`` for the others (a table)."""

    cards: tuple[tuple[Winner, Card, str | None], ...]
    listed: tuple[Winner, ...]


@dataclass(frozen=True)
class ResultFiles:
    """The site paths of the results' exports."""

    csv: str
    xlsx: str
    json: str


@dataclass(frozen=True)
class SignedFile:
    """A signed document's published copy: its site path, kind ("PDF", "DOCX") and size in bytes."""

    uri: str
    kind: str
    size: int


@dataclass(frozen=True)
class CoverFiles:
    """A contest's cover as published: the JPEG for shared links, the WebP banner and its size in pixels."""

    picture: str
    banner: str
    width: int
    height: int


@dataclass(frozen=True)
class NewsItem:
    post: NewsPost
    uri: str  # the post page's src_uri


@dataclass(frozen=True)
class NewsFeeds:
    """The site paths of a contest's news feeds (RSS only with a site_url: it wants absolute links)."""

    atom: str
    rss: str | None


@dataclass(frozen=True)
class CodeRow:
    """A problem code as the error-code page lists it (placeholders shown as ‹name›)."""

    code: str
    severity: str
    message: str
    hint: str


# --- the pages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryPage:
    """entry.html: one published entry."""

    contest: ContestRecord
    card: Card


@dataclass(frozen=True)
class ContestPage:
    """overview.html, rules.html, gallery.html and results.html: a contest's hub pages."""

    contest: ContestRecord
    cards: tuple[Card, ...]  # its published entries (the gallery's by the time received)
    phase: PhaseInfo
    published: bool  # the results are published
    filters: tuple[GalleryFilter, ...]
    has_votes: bool
    news: tuple[NewsItem, ...]  # newest first
    exports: ResultFiles | None  # None until the results are published
    certificates: tuple[Certificate, ...]
    winner_views: tuple[WinnerView, ...]  # per tier, in the results' order
    units: tuple[UnitRow, ...]
    documents: Mapping[str, SignedFile]  # "document" | "rules_document" | "decision" → its copy


@dataclass(frozen=True)
class ContestsPage:
    """home.html and archive.html (and the blocks a hand-written page asks for): every contest."""

    contests: tuple[ContestRecord, ...]


@dataclass(frozen=True)
class CodesPage:
    """codes.html: every problem code."""

    codes: tuple[CodeRow, ...]


@dataclass(frozen=True)
class NewsPage:
    """news.html: a contest's posts and feeds."""

    contest: ContestRecord
    items: tuple[NewsItem, ...]
    feeds: NewsFeeds


@dataclass(frozen=True)
class NewsPostPage:
    """news_post.html: one post."""

    contest: ContestRecord
    post: NewsPost


@dataclass(frozen=True)
class CertificatePage:
    """certificate.html: one winner's printable certificate."""

    contest: ContestRecord
    tier: PrizeTier
    winner: Winner
    entry_uri: str | None  # the winning entry's page, for the QR code (None for a quiz participant)


PageContext = EntryPage | ContestPage | ContestsPage | CodesPage | NewsPage | NewsPostPage | CertificatePage

#: each page template → the context it is rendered with
PAGE_TEMPLATES: dict[str, type[PageContext]] = {
    "entry.html": EntryPage,
    "overview.html": ContestPage,
    "rules.html": ContestPage,
    "gallery.html": ContestPage,
    "results.html": ContestPage,
    "home.html": ContestsPage,
    "archive.html": ContestsPage,
    "codes.html": CodesPage,
    "news.html": NewsPage,
    "news_post.html": NewsPostPage,
    "certificate.html": CertificatePage,
}


# --- the embeddable views (templates/embed/) --------------------------------------------------------


@dataclass(frozen=True)
class EmbedCard:
    """An entry as the embeddable views show it; every address relative to the view (or absolute)."""

    title: str
    unit: str
    unit_id: str
    authors: str
    thumbnail: str | None
    poster: str | None
    video: str | None
    page: str  # the entry's page on the portal
    player: str | None  # its own embeddable view
    prizes: tuple[str, ...]  # the prizes' names
    duration: float | None  # seconds
    size: tuple[int, int] | None  # the video as displayed, in pixels
    search: str


@dataclass(frozen=True)
class EmbedWinner:
    """A winner on the results card: an entry (``slug``) or a quiz participant; ``unpublished`` for
    an entry whose authors did not agree to publication (no name then)."""

    name: str | None = None
    unit: str | None = None
    slug: str | None = None
    unpublished: bool = False


@dataclass(frozen=True)
class EmbedTier:
    tier: str  # the tier's name
    winners: tuple[EmbedWinner, ...]


@dataclass(frozen=True)
class EmbedFrame:
    """What every embeddable view has (embed/_base.html): its language, its style and script, the
    portal page it stands for (``full``)."""

    contest: ContestRecord
    t: Translator
    css: str | None
    js: str | None
    full: str


@dataclass(frozen=True)
class EmbedGallery(EmbedFrame):
    """embed/gallery.html: the contest's entries, with its units for the filter."""

    cards: tuple[EmbedCard, ...]
    units: tuple[tuple[str, str], ...]  # (unit id, name), by name


@dataclass(frozen=True)
class EmbedEntry(EmbedFrame):
    """embed/entry.html: one entry's player."""

    card: EmbedCard


@dataclass(frozen=True)
class EmbedResultsCard(EmbedFrame):
    """embed/card.html: the winners once published, else the phase and the next deadline."""

    phase: PhaseInfo | None
    winners: tuple[EmbedTier, ...]


EmbedContext = EmbedGallery | EmbedEntry | EmbedResultsCard

#: each embeddable view's template (under templates/embed/) → its context
EMBED_TEMPLATES: dict[str, type[EmbedContext]] = {
    "gallery.html": EmbedGallery,
    "entry.html": EmbedEntry,
    "card.html": EmbedResultsCard,
}
