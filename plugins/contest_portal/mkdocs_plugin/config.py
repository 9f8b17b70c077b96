"""Options of the ``contest`` MkDocs plugin (the ``plugins:`` entry in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ContestConfig(base.Config):
    #: Folder with one sub-folder per contest edition, relative to mkdocs.yml.
    entries_dir = c.Type(str, default="entries")
    #: Folder for probe results and poster frames, relative to mkdocs.yml.
    cache_dir = c.Type(str, default=".cache/contest-portal")
    #: Language of generated pages and messages: "vi" or "en"; default: the theme's language.
    language = c.Optional(c.Choice(("vi", "en")))
    #: Fix "today" (YYYY-MM-DD) for reproducible builds; default: the build time.
    today = c.Optional(c.Type(str))
    #: Point of the video (0–1) where the poster frame is taken.
    poster_at = c.Type(float, default=0.1)
    #: Seconds one poster frame may take to decode before the video gets a placeholder.
    poster_timeout = c.Type(float, default=30.0)
    #: Folder of template overrides (same names as the plugin's templates).
    templates_dir = c.Optional(c.Type(str))
    #: Publish only the valid entries instead of failing on entry errors (contest errors still fail).
    skip_invalid_entries = c.Type(bool, default=False)
    #: Warn about a published file larger than this many bytes (GitHub Pages refuses files over 100 MB).
    host_file_limit = c.Type(int, default=100_000_000)
    #: Serve videos from elsewhere (object storage, a CDN): their URL is this base + the media path,
    #: and the videos are not put into the site at all.
    video_base_url = c.Optional(c.Type(str))
    #: The site's languages. The build's own language (``language``, ``--lang``, else the theme's) goes
    #: at the site root, each other one is built into a sub-folder (en/), with a language switch on every
    #: page. Empty: one language only.
    languages = c.ListOfItems(c.Choice(("vi", "en")), default=[])
    #: Per language, translations of the site name and of nav titles from mkdocs.yml,
    #: e.g. {en: {"Trang chủ": "Home"}}.
    translations = c.Type(dict, default={})
