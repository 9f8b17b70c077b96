"""Options of the ``contest`` MkDocs plugin (the ``plugins:`` entry in mkdocs.yml), typed.

Each option is validated once, when MkDocs loads mkdocs.yml, with MkDocs' ``config_options``
(the way mkdocs-material's blog plugin declares its own): a date, a fraction or a URL that is
wrong stops the build with MkDocs' message naming the option. ``Private`` options are never
read from mkdocs.yml: the command line and the root site hand them to the plugin.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c

from contest_portal.core.errors import Location, Problem
from contest_portal.core.values import parse_moment
from contest_portal.media.renditions import RenditionSettings
from contest_portal.site.pages import PreparedMedia


class Moment(c.BaseConfigOption[datetime]):
    """A moment written as in the contest files ("2024-09-20", "2024-09-20 17:00"); its start."""

    def run_validation(self, value: object) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return parse_moment(value).start
        except ValueError as exc:
            raise base.ValidationError(str(exc)) from None


class Number(c.BaseConfigOption[float]):
    """A number between ``low`` and ``high`` (inclusive; ``high`` None: no upper bound)."""

    def __init__(self, default: float, *, low: float, high: float | None = None):
        super().__init__()
        self.default, self.low, self.high = default, low, high

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise base.ValidationError(f"Expected a number, got {value!r}")
        if value < self.low or (self.high is not None and value > self.high):
            upper = f" and {self.high:g}" if self.high is not None else ""
            raise base.ValidationError(
                f"Expected a number {'between' if upper else 'of at least'} {self.low:g}{upper}, got {value!r}"
            )
        return float(value)


class HttpUrl(c.URL):
    """An http:// or https:// address with a host."""

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        if url and not url.lower().startswith(("http://", "https://")):
            raise base.ValidationError(f"Expected an http:// or https:// address, got {url!r}")
        return url


class Origin(c.BaseConfigOption[str]):
    """A web origin, ``https://host`` or ``https://host:port`` (no path): who may frame the
    embeddable views (CSP ``frame-ancestors``, which takes origins)."""

    def run_validation(self, value: object) -> str:
        text = str(value).strip()
        parts = urlsplit(text)
        if (
            parts.scheme.lower() not in ("http", "https")
            or not parts.hostname
            or parts.path not in ("", "/")
            or parts.query
            or parts.fragment
            or parts.username
            or any(ch in text for ch in " ;,'\"")
        ):
            raise base.ValidationError(
                f"Expected an origin such as https://vinhlinh.quangtri.gov.vn (scheme and host, no path), got {value!r}"
            )
        return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def site_url_problem(url: object, where: Location) -> Problem | None:
    """SIT004 when MkDocs' ``site_url`` is set but is not an http:// or https:// address with a host.

    The address goes into 404.html, og:url, the canonical link, the feeds and the calendar:
    ``javascript://host/%0aalert(1)//`` passes MkDocs' own check and would run script when
    clicked. Empty (``!ENV [SITE_URL, ""]`` without the variable) is allowed: no address yet.
    """
    if url is None or url == "":
        return None
    text = str(url)
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if (
        parts is not None
        and parts.scheme.lower() in ("http", "https")
        and host
        and not any(char.isspace() or not char.isprintable() for char in text)
    ):
        return None
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text[:200])
    return Problem("SIT004", where, {"url": shown})


class RenditionOptions(base.Config):
    """``renditions:`` in the plugin's options: web renditions of the published videos
    (media/renditions.py).  The defaults suit a district portal watched on phones."""

    #: Make web renditions (off: every original is published as it is).
    enabled = c.Type(bool, default=True)
    #: The longest displayed side of a rendition, in pixels (never upscaled).
    max_side = c.Type(int, default=1280)
    #: x264's constant quality: 18 (near lossless, big) to 28 (small); 23 is x264's default.
    crf = c.Type(int, default=23)
    #: The cap on a rendition's video bitrate, kbit/s.
    max_bitrate_kbps = c.Type(int, default=2500)
    #: AAC-LC stereo bitrate, kbit/s.
    audio_bitrate_kbps = c.Type(int, default=128)
    #: x264's preset: slower makes smaller files at the same quality.
    preset = c.Choice(("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow"), default="veryfast")
    #: An original that plays everywhere is published as it is up to this overall bitrate, kbit/s.
    keep_below_kbps = c.Type(int, default=5000)
    #: Also publish the original of a video that has a rendition, with a download link (originals
    #: can be gigabytes: a host such as GitHub Pages refuses files over 100 MB).
    publish_originals = c.Type(bool, default=False)
    #: A Dask distributed scheduler (tcp://host:8786) to make renditions on; the workers must see
    #: the same paths (shared storage).  Needs ``pip install -e ".[cluster]"``.
    dask_scheduler = c.Optional(c.Type(str))


def contrast(colour: str, other: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio (1–21) of two ``#rrggbb`` colours (relative luminance, sRGB)."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(colour), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class Colour(c.BaseConfigOption[str]):
    """A ``#rrggbb`` colour that white text on it, and it as text on white, read at WCAG AA (4.5:1)."""

    def __init__(self, default: str):
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        text = str(value).strip().lower()
        if not re.fullmatch(r"#[0-9a-f]{6}", text):
            raise base.ValidationError(f"Expected a colour written #rrggbb (e.g. #a31515), got {value!r}")
        ratio = contrast(text)
        if ratio < 4.5:
            raise base.ValidationError(
                f"{text} against white has a contrast of {ratio:.1f}:1, below the 4.5:1 "
                "that WCAG AA asks of text: choose a darker colour"
            )
        return text


class ImageFile(c.File):
    """An existing image file (SVG, PNG, JPEG, WebP), relative to mkdocs.yml."""

    SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")

    def __init__(self) -> None:
        super().__init__(exists=True)

    def run_validation(self, value: object) -> str:
        path = super().run_validation(value)
        if not path.lower().endswith(self.SUFFIXES):
            raise base.ValidationError(f"Expected an image file ({', '.join(self.SUFFIXES)}), got {value!r}")
        return path


class IdentityConfig(base.Config):
    """Who runs the portal, as the public sees it in the header and the footer of every page.

    Texts are written in the site's first language; the ``translations`` table gives them in the
    other languages (as it does for the site name)."""

    #: The organizing body ("Ủy ban nhân dân huyện Vĩnh Linh"); shown in the footer and by the logo.
    organizer = c.Type(str, default="")
    #: Its emblem or logo: an image file (SVG, PNG, JPEG, WebP), relative to mkdocs.yml.
    logo = c.Optional(ImageFile())
    #: Postal address, telephone, e-mail, office hours: one footer line each, as written.
    address = c.Type(str, default="")
    phone = c.Type(str, default="")
    email = c.Type(str, default="")
    #: A line of legal notice (licence of the content, responsible person, decision number...).
    legal = c.Type(str, default="")
    #: The header and link colour (white text on it) and the accent; WCAG AA against white is checked.
    primary_color = Colour("#a31515")
    accent_color = Colour("#9a3412")
    #: Pages for the organizers, linked from the footer instead of the top menu: title → page
    #: (a Markdown file of docs_dir); the error-code page is always linked there.
    staff_pages = c.DictOfItems(c.Type(str), default={})
    #: Keep the theme's "Made with Material for MkDocs" line.
    theme_credit = c.Type(bool, default=False)


class ContestConfig(base.Config):
    #: Folder with one sub-folder per contest edition, relative to mkdocs.yml.
    entries_dir = c.Type(str, default="entries")
    #: Folder for probe results and poster frames, relative to mkdocs.yml.
    cache_dir = c.Type(str, default=".cache/contest-portal")
    #: Language of generated pages and messages: "vi" or "en"; default: the theme's language.
    language = c.Optional(c.Choice(("vi", "en")))
    #: Fix "today" (YYYY-MM-DD) for reproducible builds; default: the build time.
    today = c.Optional(Moment())
    #: Point of the video (0–1 of its duration) where the poster frame is taken.
    poster_at = Number(0.1, low=0.0, high=1.0)
    #: Seconds one poster frame may take to decode before the video gets a placeholder.
    poster_timeout = Number(30.0, low=0.1)
    #: Folder of template overrides (same names as the plugin's templates).
    templates_dir = c.Optional(c.Type(str))
    #: Publish only the valid entries instead of failing on entry errors (contest errors still fail).
    skip_invalid_entries = c.Type(bool, default=False)
    #: Publish the sample contests (contest.yml with ``sample: true``). An office starting its own
    #: portal from this repository sets ``samples: false``: nothing is deleted, the samples are left out.
    samples = c.Type(bool, default=True)
    #: Warn about a published file larger than this many bytes (GitHub Pages refuses files over 100 MB).
    host_file_limit = c.Type(int, default=100_000_000)
    #: Serve videos from elsewhere (object storage, a CDN): their URL is this base + the media path,
    #: and the videos are not put into the site at all.
    video_base_url = c.Optional(HttpUrl())
    #: Origins whose pages may embed the contests' embeddable views (a district portal's address,
    #: e.g. https://vinhlinh.quangtri.gov.vn); the rest of the site keeps refusing frames.
    embed_origins = c.ListOfItems(Origin(), default=[])
    #: The header's site search (Pagefind, loaded when a visitor searches; publish/site_search.py). Off,
    #: or while the theme's own search plugin is enabled (the offline build), no Pagefind index is made.
    site_search = c.Type(bool, default=True)
    #: Load the theme's script bundle on the published pages. Off: the pages leave it out (a phone
    #: starts them faster; see mkdocs_plugin/theme_script.py); it stays while the theme's own search
    #: is on (the offline build), which needs it.
    theme_script = c.Type(bool, default=False)
    #: Write gzip and brotli copies (page.html.gz, page.html.br) beside the site's text files, for
    #: hosts that serve them as they are (nginx gzip_static / brotli_static, Caddy precompressed);
    #: never in the offline build (file:// has no use for them). See publish/precompress.py.
    precompress = c.Type(bool, default=False)
    #: Web renditions of the videos: see RenditionOptions.
    renditions = c.SubConfig(RenditionOptions)
    #: The site's languages. The build's own language (``language``, ``--lang``, else the theme's) goes
    #: at the site root, each other one is built into a sub-folder (en/), with a language switch on every
    #: page. Empty: one language only.
    languages = c.ListOfItems(c.Choice(("vi", "en")), default=[])
    #: Per language, translations of the site name and of nav titles from mkdocs.yml,
    #: e.g. {en: {"Trang chủ": "Home"}}.
    translations = c.DictOfItems(c.DictOfItems(c.Type(str)), default={})
    #: The organizing body, its logo, colours and footer (see IdentityConfig).
    identity = c.SubConfig(IdentityConfig)

    # --- handed over in code by the root build to a language sub-site, never read from mkdocs.yml ------
    # (what the command line hands to a build is plugin.Handoff)
    #: the site folder this build replaces (set by the command line, which builds beside it): its
    #: published files of the same bytes are linked into the new site instead of copied
    live_site = c.Private[str]()
    #: Set by the root build on a language sub-site: every language of the site, the root's first.
    site_languages = c.Private[list[str]]()
    #: Likewise: where the root site (and its media) is published.
    root_site_url = c.Private[str]()
    #: Likewise: the root's posters, thumbnails, renditions, documents and covers, made once for every language.
    prepared_media = c.Private[PreparedMedia | None]()


def rendition_settings(options: RenditionOptions) -> RenditionSettings | None:
    """The media layer's settings from the ``renditions:`` options; None when renditions are off."""
    if not options.enabled:
        return None
    return RenditionSettings(
        max_side=options.max_side,
        crf=options.crf,
        max_bitrate_kbps=options.max_bitrate_kbps,
        audio_bitrate_kbps=options.audio_bitrate_kbps,
        preset=options.preset,
        keep_below_kbps=options.keep_below_kbps,
    )


def as_options(config: ContestConfig) -> dict[str, Any]:
    """The options a language sub-site takes over from the root site as they are."""
    return {
        name: config[name]
        for name in ("today", "skip_invalid_entries", "entries_dir", "cache_dir", "samples", "site_search")
    }
