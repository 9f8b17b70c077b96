"""The organizing body's identity on every page: logo, colours, footer (the ``identity`` option).

Nothing of an office is written into the templates: the plugin hands the theme a logo file, a
small style sheet of the configured colours and the footer's facts, and the theme's own
``partials/copyright.html`` and ``partials/logo.html`` are replaced by the plugin's
(``templates/theme/``; a site's ``custom_dir`` still overrides them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath

from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from contest_portal.core.i18n import Translator
from contest_portal.mkdocs_plugin.config import IdentityConfig
from contest_portal.site.urls import CODES_URI

COLOURS_URI = "assets/contest-portal-identity.css"
LOGO_STEM = "assets/logo"


@dataclass
class Identity:
    """What the footer and header show, in the build's language."""

    organizer: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    legal: str = ""
    theme_credit: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    #: (title, site-root-relative URL) of each organizers' page, the error codes last
    staff_links: list[tuple[str, str]] = field(default_factory=list)


def colour_sheet(primary: str, accent: str) -> str:
    """The theme's colour variables set to the office's colours (over any palette of mkdocs.yml)."""
    return (
        "/* The portal's colours, from the contest plugin's identity options. */\n"
        ':root, [data-md-color-primary], [data-md-color-scheme="default"] {\n'
        f"  --md-primary-fg-color: {primary};\n  --md-primary-fg-color--light: {primary};\n"
        f"  --md-primary-fg-color--dark: {primary};\n"
        "  --md-primary-bg-color: #ffffff;\n  --md-primary-bg-color--light: #ffffffd9;\n"
        f"  --md-typeset-a-color: {primary};\n  --cp-primary: {primary};\n  --cp-accent: {accent};\n}}\n"
        ":root, [data-md-color-accent] {\n"
        f"  --md-accent-fg-color: {accent};\n  --md-accent-fg-color--transparent: {accent}1a;\n}}\n"
    )


class IdentitySetup:
    """Applies the identity options to one build (``on_config``, ``on_files``, ``on_env``)."""

    def __init__(self, options: IdentityConfig, t: Translator, table: dict[str, str]):
        self.options = options
        self.t = t
        self.table = table  # the site's translations into this build's language
        # (checked by the option: an image file that exists; the path is made absolute by MkDocs)
        self.logo = Path(options.logo) if options.logo else None

    def _tr(self, text: str) -> str:
        return self.table.get(text, text)

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.options.theme_credit:
            config.extra["generator"] = False
        if self.logo is not None:
            config.theme["logo"] = LOGO_STEM + self.logo.suffix.lower()
        if COLOURS_URI not in config.extra_css:
            config.extra_css.insert(0, COLOURS_URI)

    def add_files(self, files: Files, config: MkDocsConfig, add: Callable[[Files, File], None]) -> None:
        """The colour sheet and the logo into ``files``, each through ``add`` (the plugin's check of a
        path taken twice)."""
        add(
            files,
            File.generated(
                config, COLOURS_URI, content=colour_sheet(self.options.primary_color, self.options.accent_color)
            ),
        )
        if self.logo is not None:
            add(files, File.generated(config, LOGO_STEM + self.logo.suffix.lower(), abs_src_path=str(self.logo)))

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        own = str(resources.files("contest_portal").joinpath("templates", "theme"))
        loaders = [FileSystemLoader(config.theme.custom_dir)] if config.theme.custom_dir else []
        if env.loader is not None:
            env.loader = ChoiceLoader([*loaders, FileSystemLoader(own), env.loader])
        env.globals["portal_identity"] = self.identity(files)

    def identity(self, files: Files) -> Identity:
        o = self.options
        links = []
        for title, path in [*o.staff_pages.items(), (self.t("codes.title"), CODES_URI)]:
            file = files.get_file_from_path(str(PurePosixPath(path)))
            if file is None:
                raise PluginError(f"identity.staff_pages: {path} is not a page of the site (docs_dir)")
            links.append((self._tr(title), file.url))
        return Identity(
            organizer=self._tr(o.organizer),
            address=self._tr(o.address),
            phone=o.phone,
            email=o.email,
            legal=self._tr(o.legal),
            theme_credit=o.theme_credit,
            staff_links=links,
            labels={key: self.t(f"footer.{key}") for key in ("staff", "phone", "email", "address")},
        )
