"""The loaded portal: contests and entries with their resolved files.

These are plain dataclasses around the validated pydantic specs.  Personal
data from private.yml is deliberately *not* part of this model: everything
here may be rendered into the public site.

The stages of ``pipeline`` do not write into the model: each returns what it
found (``Findings``, video facts, results) and the pipeline records it here.
Records compare by identity, so they can key what a stage returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contest_portal.core.errors import Location, Problem
from contest_portal.formats import schema
from contest_portal.formats.yamlfile import PathKey, YamlDocument
from contest_portal.media.probe import VideoInfo

if TYPE_CHECKING:  # (judging imports the model)
    from contest_portal.formats.news import NewsPost
    from contest_portal.judging.results import ContestResults


@dataclass(eq=False)
class EntryRecord:
    slug: str
    folder: Path
    source: Path
    spec: schema.Entry
    contest_slug: str
    unit: schema.Unit | None = None
    category: schema.UnitCategory | None = None
    video_path: Path | None = None
    poster_path: Path | None = None
    subtitle_paths: list[tuple[schema.Subtitle, Path]] = field(default_factory=list)
    article_path: Path | None = None
    explanatory_text_path: Path | None = None
    video_info: VideoInfo | None = None
    problems: list[Problem] = field(default_factory=list)
    doc: YamlDocument | None = field(default=None, repr=False)

    def location(self, key: PathKey = (), **extra: Any) -> Location:
        """Where in entry.yml ``key`` (a path of keys and indexes, e.g. ("subtitles", 0, "file")) is."""
        where = {"contest": self.contest_slug, "entry": self.slug, **extra}
        if self.doc is None:
            return Location(file=self.source, **where)
        return self.doc.location(key, **where)

    @property
    def set_aside(self) -> bool:
        """Refused by the committee or withdrawn by its authors (``state`` in entry.yml or the
        register): never judged, never published, and its problems never block a build."""
        return self.spec.state in ("refused", "withdrawn")

    @property
    def valid(self) -> bool:
        """Judged and published (with consent): no error, and not set aside."""
        return not self.set_aside and not any(p.is_error for p in self.problems)

    @property
    def consented(self) -> bool:
        """Authors agreed to publication (and a guardian did, for a minor)."""
        consent = self.spec.consent
        return bool(consent and consent.publication and (not consent.minor or consent.guardian))

    @property
    def publishable(self) -> bool:
        return self.valid and self.consented

    @property
    def unit_name(self) -> str:
        return self.unit.name if self.unit else self.spec.unit

    @property
    def author_line(self) -> str:
        names = ", ".join(a.name for a in self.spec.authors)
        return f"{self.spec.group} ({names})" if self.spec.group else names

    def published_files(self) -> list[Path]:
        """Every file of this entry that the site may copy (never private.yml)."""
        files = [self.video_path, self.poster_path, self.article_path, self.explanatory_text_path]
        files += [path for _, path in self.subtitle_paths]
        return [f for f in files if f is not None]


@dataclass(eq=False)
class ContestRecord:
    slug: str
    folder: Path
    source: Path
    spec: schema.Contest
    entries: list[EntryRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    doc: YamlDocument | None = field(default=None, repr=False)
    results: ContestResults | None = field(default=None, repr=False)
    unreadable: set[str] = field(default_factory=set)  # entry folders whose files could not be loaded
    news: list[NewsPost] = field(default_factory=list)  # newest first

    @property
    def invalid_ids(self) -> set[str]:
        """Entries that exist but have errors: not judged, not voted for, not published."""
        return {e.slug for e in self.entries if not e.valid} | self.unreadable

    def entries_by_unit(self) -> dict[str, list[EntryRecord]]:
        """Unit id → its entries, every unit of the plan listed (those without entries too)."""
        by_unit: dict[str, list[EntryRecord]] = {unit.id: [] for unit in self.spec.units}
        for entry in self.entries:
            by_unit.setdefault(entry.spec.unit, []).append(entry)
        return by_unit

    def location(self, key: PathKey = (), **extra: Any) -> Location:
        """Where in contest.yml ``key`` (a path of keys and indexes) is."""
        if self.doc is None:
            return Location(file=self.source, contest=self.slug, **extra)
        return self.doc.location(key, contest=self.slug, **extra)

    @property
    def title(self) -> str:
        return self.spec.short_title or self.spec.title

    def unit(self, unit_id: str) -> schema.Unit | None:
        return next((u for u in self.spec.units if u.id == unit_id), None)

    def category(self, category_id: str | None) -> schema.UnitCategory | None:
        return next((c for c in self.spec.unit_categories if c.id == category_id), None)

    @property
    def published_entries(self) -> list[EntryRecord]:
        """Entries that go on the public site: valid, with consent to publication."""
        return [e for e in self.entries if e.publishable]


@dataclass
class Findings:
    """What one check stage found: problems, each with the record it belongs to.

    A stage returns this instead of appending to records, so the pipeline decides when what is
    found becomes part of the model (``Portal.record``), and a stage can be tested on its own.
    """

    items: list[tuple[ContestRecord | EntryRecord | None, Problem]] = field(default_factory=list)

    def add(self, owner: ContestRecord | EntryRecord | None, problems: Iterable[Problem]) -> None:
        """File ``problems`` under ``owner`` (None: the portal as a whole)."""
        self.items += [(owner, problem) for problem in problems]

    def problems(self) -> list[Problem]:
        return [problem for _, problem in self.items]


@dataclass
class Portal:
    root: Path
    contests: list[ContestRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: work done (probes, decodes, renditions): counts for the build's summary and bench/, never a check's input
    stats: dict[str, Any] = field(default_factory=dict)

    def entries(self) -> Iterator[EntryRecord]:
        """Every entry of every contest, contests in their order."""
        return (entry for contest in self.contests for entry in contest.entries)

    def record(self, findings: Findings) -> None:
        """Make what a stage found part of the model: each problem on its record."""
        for owner, problem in findings.items:
            (self.problems if owner is None else owner.problems).append(problem)

    def all_problems(self) -> list[Problem]:
        found = list(self.problems)
        for contest in self.contests:
            found += contest.problems
            for entry in contest.entries:
                found += entry.problems
        return found

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.all_problems() if p.is_error]

    def contest(self, slug: str) -> ContestRecord | None:
        return next((c for c in self.contests if c.slug == slug), None)
