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
    path = _new_folder(entries_dir, year, slug) / "contest.yml"
    quoted = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731  (a JSON string is valid YAML)
    template = Translator(lang)("scaffold.contest_yml")
    path.write_text(template.format(year=year, title=quoted(title), organizer=quoted(organizer)), encoding="utf-8")
    return path


def _new_folder(entries_dir: Path, year: int, slug: str) -> Path:
    """The new, empty folder ``entries/<year>-<slug>``; ScaffoldError for a bad name or an existing edition."""
    name = slug if slug.startswith(f"{year}-") else f"{year}-{slug}"
    if not SLUG_RE.match(name):
        raise ScaffoldError(Text("scaffold.bad_slug", name=name))
    folder = entries_dir / name
    if folder.exists():
        raise ScaffoldError(Text("scaffold.exists", folder=folder))
    folder.mkdir(parents=True)
    return folder


def title_year(title: str, default: int) -> int:
    """The year a title names ("Cuộc thi ... năm 2026" → 2026), else ``default`` (this year)."""
    found = _YEAR.search(title)
    return int(found.group(1)) if found else default


def title_slug(title: str) -> str:
    """A folder name from a title, without the year (``new_contest`` puts it first) and cut
    between words (60 characters: the place that tells two contests apart often comes last):
    "Cuộc thi tìm hiểu cải cách hành chính năm 2026" → "cuoc-thi-tim-hieu-cai-cach-hanh-chinh"."""
    return slugify(_YEAR.sub(" ", title), max_length=60) or "cuoc-thi"


def contest_from_plan(
    entries_dir: Path,
    plan: Path,
    *,
    year: int,
    slug: str | None,
    organizer: str | None,
    contest: str | None = None,
    lang: str = "vi",
    tesseract: str | None = "tesseract",
):
    """``new-contest --from-plan``: draft ``entries/<year>-<slug>/contest.yml`` from the office's
    plan document, or refresh the existing contest ``contest`` from a newer plan (values whose plan
    words are unchanged are kept as the clerk has them). Returns (contest.yml's path, ``Report``).

    Raises ``PlanReadError`` (PLN001–PLN007) and ``ScaffoldError`` (a bad or existing folder).
    """
    from ruamel.yaml.comments import CommentedMap

    from contest_portal.core.atomic import write_atomic
    from contest_portal.core.errors import Location, Problem
    from contest_portal.office.roundtrip import SCHEMA_COMMENT
    from contest_portal.plan.draft import draft as make_draft
    from contest_portal.plan.draft import dump, plan_yaml, refresh
    from contest_portal.plan.extract import extract
    from contest_portal.plan.read_document import PlanReadError, read_plan

    lines = read_plan(plan, tesseract=tesseract)
    found = extract(lines)
    drafted = make_draft(found, lines, year=year, organizer=organizer, lang=lang)
    header = f"{SCHEMA_COMMENT}../../schemas/contest.schema.json\n"
    if contest is not None:
        path = entries_dir / contest / "contest.yml"
        if not path.is_file():
            raise PlanReadError(Problem("PLN008", Location(file=path.parent), {"contest": contest}))
        try:
            existing = plan_yaml().load(path.read_text(encoding="utf-8"))
        except Exception:  # ruamel.yaml raises many kinds on a damaged file; so does a bad encoding
            existing = None
        if not isinstance(existing, CommentedMap):
            raise PlanReadError(Problem("PLN007", Location(file=path), {"path": path}))
        report = refresh(existing, drafted, list(found.fields))
        text = dump(existing)
        write_atomic(path, text if text.startswith(SCHEMA_COMMENT) else header + text)
        return path, report
    title = drafted.data["title"]
    name_slug = slug or title_slug(
        title if not title.startswith(Translator(lang)("scaffold.placeholder")) else plan.stem
    )
    year = drafted.data["year"]
    name = name_slug if name_slug.startswith(f"{year}-") else f"{year}-{name_slug}"
    if (entries_dir / name / "contest.yml").exists():  # the same plan again, or a newer version of it
        raise ScaffoldError(Text("scaffold.exists_plan", folder=entries_dir / name, contest=name))
    path = _new_folder(entries_dir, year, name_slug) / "contest.yml"
    write_atomic(path, header + dump(drafted.data))
    return path, drafted.report
