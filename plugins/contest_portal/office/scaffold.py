"""`new-contest`: a commented contest.yml holding the usual sections of a contest plan.

The template is the catalogue's ``scaffold.contest_yml`` (``locales/<lang>/office.yml``).
"""

from __future__ import annotations

import json
from pathlib import Path

from contest_portal.core.i18n import Text, Translator
from contest_portal.core.values import SLUG_RE


class ScaffoldError(Exception):
    """Why the contest cannot be created; ``text`` in the reader's language, ``str()`` in both."""

    def __init__(self, text: Text):
        super().__init__(text.bilingual())
        self.text = text


def new_contest(entries_dir: Path, year: int, slug: str, title: str, organizer: str, lang: str = "vi") -> Path:
    """Create ``entries/<year>-<slug>/contest.yml``; refuse an existing edition."""
    name = slug if slug.startswith(f"{year}-") else f"{year}-{slug}"
    if not SLUG_RE.match(name):
        raise ScaffoldError(Text("scaffold.bad_slug", name=name))
    folder = entries_dir / name
    if folder.exists():
        raise ScaffoldError(Text("scaffold.exists", folder=folder))
    folder.mkdir(parents=True)
    path = folder / "contest.yml"
    quoted = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731  (a JSON string is valid YAML)
    template = Translator(lang)("scaffold.contest_yml")
    path.write_text(template.format(year=year, title=quoted(title), organizer=quoted(organizer)), encoding="utf-8")
    return path
