"""`new-contest`: a commented contest.yml holding the usual sections of a contest plan.

The template is the catalogue's ``scaffold.contest_yml`` (``locales/<lang>/office.yml``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from contest_portal.core.i18n import Text, Translator
from contest_portal.core.text import slugify
from contest_portal.core.values import SLUG_RE

#: A year written in a contest's title ("... năm 2026", "... 2026"): 2000-2099.
_YEAR = re.compile(r"(?:\b(?:n[a\u0103]m|year)\s+)?\b(20\d\d)\b", re.IGNORECASE)  # năm, nam, year


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


def title_year(title: str, default: int) -> int:
    """The year a title names ("Cuộc thi ... năm 2026" → 2026), else ``default`` (this year)."""
    found = _YEAR.search(title)
    return int(found.group(1)) if found else default


def title_slug(title: str) -> str:
    """A folder name from a title, without the year (``new_contest`` puts it first) and cut
    between words (60 characters: the place that tells two contests apart often comes last):
    "Cuộc thi tìm hiểu cải cách hành chính năm 2026" → "cuoc-thi-tim-hieu-cai-cach-hanh-chinh"."""
    return slugify(_YEAR.sub(" ", title), max_length=60) or "cuoc-thi"
