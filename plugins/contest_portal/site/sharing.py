"""What a shared link shows: Open Graph and Twitter card tags, and schema.org JSON-LD.

Facebook, Zalo and Twitter read ``og:*``/``twitter:*`` tags from the page's head;
search engines read JSON-LD (a ``VideoObject`` for an entry, an ``Event`` for a
contest).  Both need absolute URLs, so they come from ``site_url``: without it
the tags hold only the title and the description, never a broken relative image.
The result is a block of HTML for the page's ``<head>``; JSON-LD is a data block,
not a script, so the Content-Security-Policy does not need to allow it.
``og:image`` comes with its width, height and type, read from the picture's header (Facebook and
Zalo show no picture on a link's first share without them: they fetch the picture later).
"""

from __future__ import annotations

import html
import json
import os
import stat
from pathlib import Path
from typing import Any

from contest_portal.model import ContestRecord
from contest_portal.rules.phase import milestone_bounds
from contest_portal.site.contexts import Card, ContestPage, ContestsPage, EntryPage, NewsPage, NewsPostPage
from contest_portal.site.pages import PageSpec, SitePlan
from contest_portal.site.urls import absolute_url as absolute
from contest_portal.site.urls import page_url, video_type


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration ("PT5M20S"), as schema.org wants it."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


def head_tags(
    spec: PageSpec,
    plan: SitePlan,
    *,
    site_name: str,
    site_url: str | None,
    lang: str,
    use_directory_urls: bool = True,
    media_site_url: str | None = None,
) -> str:
    """The sharing tags of one generated page (empty for pages that are not shared).

    ``media_site_url`` is where the videos and posters are when they are not under ``site_url``
    (a language sub-site uses the root site's files).
    """
    url = absolute(site_url, page_url(spec.src_uri, use_directory_urls))
    context = spec.context
    if isinstance(context, EntryPage):
        data = _entry(context.card, context.contest, url, media_site_url or site_url, spec)
    elif isinstance(context, (ContestPage, NewsPage, NewsPostPage)):  # the contest's hub pages and its news
        cards = context.cards if isinstance(context, ContestPage) else ()
        data = _contest(
            context.contest, cards, spec, url, media_site_url or site_url, plan, event=spec.template == "overview.html"
        )
    elif (
        spec.template == "home.html"
        and isinstance(context, ContestsPage)
        and (home := _home(plan, context, spec, media_site_url or site_url))
    ):
        data = home
    else:
        return ""
    locale = {"vi": "vi_VN", "en": "en_US"}.get(lang, lang)
    tags = [
        ("og:site_name", site_name),
        ("og:locale", locale),
        ("og:type", data["type"]),
        ("og:title", spec.title),
        ("og:description", spec.description or data["description"]),
        ("og:url", url),
        ("og:image", data["image"]),
        *_image_tags(data["image"] and data.get("image_file"), plan),
        ("og:image:alt", data["image_alt"] if data["image"] else None),
        ("og:video", data.get("video")),
        ("og:video:type", video_type(data.get("video"))),
        ("og:video:width", data.get("video_size", (None, None))[0]),
        ("og:video:height", data.get("video_size", (None, None))[1]),
    ]
    twitter = [
        ("twitter:card", "summary_large_image" if data["image"] else "summary"),
        ("twitter:title", spec.title),
        ("twitter:description", spec.description or data["description"]),
        ("twitter:image", data["image"]),
    ]
    lines = [f'<meta property="{name}" content="{html.escape(str(value))}">' for name, value in tags if value]
    lines += [f'<meta name="{name}" content="{html.escape(str(value))}">' for name, value in twitter if value]
    if data.get("json_ld"):
        # no "<" inside the data block, so no text from contest data can close it or open another
        payload = json.dumps(data["json_ld"], ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        lines.append(f'<script type="application/ld+json">{payload}</script>')
    return "\n".join(lines) + "\n"


def image_facts(path: Path) -> tuple[int, int, str] | None:
    """``(width, height, MIME type)`` of the JPEG, PNG or WebP picture at ``path``, as displayed.

    Read from the header only (Pillow does not decode the pixels for ``size``); a JPEG's EXIF
    orientation of a quarter turn swaps the two sides, as browsers show it.  None when the file is
    not a regular file or not such a picture (opened without blocking: a pipe is not waited on).
    """
    from PIL import Image

    try:
        fd = os.open(os.path.realpath(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            with Image.open(handle, formats=["JPEG", "PNG", "WEBP"]) as image:
                width, height = image.size
                mime = Image.MIME.get(image.format or "")
                if image.getexif().get(0x0112) in (5, 6, 7, 8):  # Orientation: turned a quarter
                    width, height = height, width
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return None
    return (width, height, mime) if mime and width and height else None


def _image_tags(uri: str | None, plan: SitePlan) -> list[tuple[str, object]]:
    """``og:image:width``, ``og:image:height`` and ``og:image:type`` of the site file ``uri``."""
    spec = plan.media.get(uri) if uri else None
    facts = image_facts(spec.source) if spec is not None else None
    if facts is None:
        return []
    width, height, mime = facts
    return [("og:image:width", width), ("og:image:height", height), ("og:image:type", mime)]


def _entry(card: Card, contest: ContestRecord, url: str | None, site_url: str | None, spec: PageSpec) -> dict[str, Any]:
    entry = card.entry
    poster = absolute(site_url, card.media.poster) if card.media.poster else None
    video = card.media.video
    video_url = absolute(site_url, video) if video else None
    embed = card.media.embed
    description = spec.description or entry.spec.title
    json_ld = None
    if video_url or embed:
        json_ld = {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": entry.spec.title,
            "description": description,
            "url": url,
            "thumbnailUrl": poster,
            "uploadDate": (entry.spec.received.start.isoformat() if entry.spec.received else None),
            "duration": (
                iso_duration(entry.video_info.duration_s) if entry.video_info and entry.video_info.duration_s else None
            ),
            "contentUrl": video_url,
            "embedUrl": embed.player_url if embed and not video_url else None,
            "inLanguage": "vi",
            "author": [{"@type": "Person", "name": a.name} for a in entry.spec.authors] or None,
            "publisher": {"@type": "Organization", "name": contest.spec.organizer.name},
        }
        json_ld = {key: value for key, value in json_ld.items() if value}
    # the displayed size (rotation and pixel aspect applied): a phone's upright clip is 1080×1920
    shown = entry.video_info.shown_size if video_url and entry.video_info else None
    return {
        "type": "video.other" if video_url or embed else "article",
        "description": description,
        "image": poster,
        "image_file": card.media.poster,
        "image_alt": entry.spec.title,
        "video": video_url,
        "json_ld": json_ld,
        "video_size": shown or (None, None),
    }


def _home(plan: SitePlan, context: ContestsPage, spec: PageSpec, site_url: str | None) -> dict[str, Any] | None:
    """The home page's picture when it shows a contest with a cover (the current one, as home.html
    picks it: the first not archived, else the latest); None otherwise (no sharing tags, as before)."""
    contests = context.contests
    live = [c for c in contests if plan.phases.get(c.slug) is None or plan.phases[c.slug].phase != "archived"]
    if not contests:
        return None
    current = (live or contests)[0]
    cover = plan.covers.get(current.slug)
    if cover is None:
        return None
    return {
        "type": "website",
        "description": spec.description or current.spec.title,
        "image": absolute(site_url, cover.picture),
        "image_file": cover.picture,
        "image_alt": current.spec.title,
    }


def _contest(
    contest: ContestRecord,
    cards: tuple[Card, ...],
    spec: PageSpec,
    url: str | None,
    site_url: str | None,
    plan: SitePlan,
    event: bool,
) -> dict[str, Any]:
    winners = tuple(c for c in cards if c.prizes)
    shown = next((c for c in winners + cards if c.media.poster), None)
    cover = plan.covers.get(contest.slug)  # the contest's own picture first, else a (winning) entry's poster
    image_file = cover.picture if cover else shown.media.poster if shown else None
    image = absolute(site_url, image_file) if image_file else None
    description = spec.description or contest.spec.title
    json_ld = None
    if event:
        bounds = [b for m in contest.spec.timeline for b in milestone_bounds(m) if b]
        json_ld = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": contest.spec.title,
            "description": description,
            "url": url,
            "startDate": min(bounds).isoformat() if bounds else None,
            "endDate": max(bounds).isoformat() if bounds else None,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
            "location": {"@type": "VirtualLocation", "url": url} if url else None,
            "organizer": {
                "@type": "Organization",
                "name": contest.spec.organizer.name,
                "url": str(contest.spec.organizer.website) if contest.spec.organizer.website else None,
            },
            "image": image,
            "inLanguage": "vi",
        }
        organizer = json_ld["organizer"]
        json_ld["organizer"] = {k: v for k, v in organizer.items() if v} if isinstance(organizer, dict) else organizer
        json_ld = {key: value for key, value in json_ld.items() if value}
    return {
        "type": "website",
        "description": description,
        "image": image,
        "image_file": image_file,
        "image_alt": contest.spec.title if cover else shown.entry.spec.title if shown else None,
        "json_ld": json_ld,
    }
