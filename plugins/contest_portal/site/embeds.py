"""Click-to-load players for entries hosted on YouTube or Facebook.

Nothing is requested from those sites until the visitor presses play: the page
holds a plain link (which also works without JavaScript) and the address of the
embedded player, which the portal's script puts into an iframe on click.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from contest_portal.core.values import ambiguous_host

YOUTUBE_EMBED = "https://www.youtube-nocookie.com"
FACEBOOK_EMBED = "https://www.facebook.com"
FRAME_SOURCES = (YOUTUBE_EMBED, FACEBOOK_EMBED)  # for the Content-Security-Policy's frame-src
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


@dataclass(frozen=True)
class Embed:
    site: str  # "youtube" or "facebook"
    page_url: str  # the video's own page (the no-JavaScript link)
    player_url: str  # what the iframe loads after the click


def youtube_id(url: str) -> str | None:
    """The video id of a youtube.com/watch, youtu.be, /shorts/ or /embed/ address."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif host in ("youtube.com", "youtube-nocookie.com", "music.youtube.com"):
        if parts.path == "/watch":
            candidate = next(iter(parse_qs(parts.query).get("v") or []), None)
        else:
            match = re.match(r"^/(?:shorts|embed|live|v)/([^/?#]+)", parts.path)
            candidate = match[1] if match else None
    return candidate if candidate and _YOUTUBE_ID.fullmatch(candidate) else None


def is_facebook_video(url: str) -> bool:
    text = url.strip()
    if ambiguous_host(text):
        return False
    host = (urlsplit(text).hostname or "").lower()
    return host in ("facebook.com", "www.facebook.com", "m.facebook.com", "fb.watch", "web.facebook.com")


def embed_for(youtube: str | None, facebook: str | None) -> Embed | None:
    """The player for an entry's YouTube link, else its Facebook link, else None."""
    if youtube and (video_id := youtube_id(str(youtube))):
        return Embed(
            "youtube",
            f"https://www.youtube.com/watch?v={video_id}",
            f"{YOUTUBE_EMBED}/embed/{video_id}?autoplay=1&rel=0",
        )
    if facebook and is_facebook_video(str(facebook)):
        parts = urlsplit(str(facebook).strip())
        page = parts._replace(scheme="https", fragment="").geturl()
        return Embed("facebook", page, f"{FACEBOOK_EMBED}/plugins/video.php?autoplay=1&href={quote(page, safe='')}")
    return None
