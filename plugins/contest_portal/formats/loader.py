"""Find and load every contest and entry under the entries folder.

load → check schema → probe media (cached, in parallel) → check rules → Portal model.
The entries folder is only ever read.  Problems are collected, never raised
one at a time, so the organizers see every problem of every file at once.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from contest_portal.formats import schema
from contest_portal.core.cache import FileCache
from contest_portal.core.errors import Location, Problem, Severity
from contest_portal.core.files import resolve_entry_file
from contest_portal.media.probe import VideoInfo, probe_files, probe_video
from contest_portal.formats.news import load_news
from contest_portal.core.progress import Progress
from contest_portal.model import ContestRecord, EntryRecord, Portal
from contest_portal.media.duplicates import find_duplicate_videos
from contest_portal.judging.results import compute_results
from contest_portal.media.rules import check_video
from contest_portal.rules.contest import check_contest, check_contest_rules, check_entry, check_entry_ids
from contest_portal.formats.schema_check import check_document
from contest_portal.core.values import SLUG_RE
from contest_portal.formats.yamlfile import YamlError, load_yaml


def _is_data_folder(path: Path) -> bool:
    return path.is_dir() and not path.name.startswith((".", "_"))


def load_portal(entries_dir: Path, *, cache_dir: Path | None = None, probe: bool = True) -> Portal:
    """Load all contest editions under ``entries_dir`` into a Portal."""
    portal = Portal(root=entries_dir)
    if not entries_dir.is_dir():
        portal.problems.append(Problem("CON002", Location(file=entries_dir), {"folder": str(entries_dir)}))
        return portal
    for folder in sorted(p for p in entries_dir.iterdir() if _is_data_folder(p)):
        contest = _load_contest(folder, portal)
        if contest is not None:
            portal.contests.append(contest)
    portal.stats["probes"] = _probe_all(portal, cache_dir) if probe else 0
    for contest in portal.contests:
        for entry in contest.entries:
            if entry.video_info is not None:
                entry.problems += check_video(entry.video_info, contest.spec.video_rules, entry.video_path,
                                              entry.location(("video",)))
        contest.problems += check_contest_rules(contest)
    if probe:
        find_duplicate_videos(portal, cache_dir)
    for contest in portal.contests:  # after every entry problem is known: only valid entries are judged
        contest.results = compute_results(contest)
        published = contest.spec.results.published
        contest.problems += [p if published else replace(p, severity_override=Severity.WARNING, confidential=True)
                             for p in contest.results.problems]
    portal.contests.sort(key=lambda c: (-c.spec.year, c.slug))
    return portal


RESERVED_CONTESTS = frozenset({"luu-tru", "ma-loi", "assets", "search", "index", "media", "reports"})
RESERVED_ENTRIES = frozenset({"index"})


def _bad_folder_name(folder: Path, reserved: frozenset) -> Problem | None:
    if not SLUG_RE.match(folder.name) or folder.name in reserved:
        return Problem("CON006", Location(file=folder), {"folder": folder.name,
                                                         "reserved": ", ".join(sorted(reserved))})
    return None


def _load_contest(folder: Path, portal: Portal) -> ContestRecord | None:
    if problem := _bad_folder_name(folder, RESERVED_CONTESTS):
        portal.problems.append(Problem(problem.code, Location(file=folder, contest=folder.name), problem.values))
        return None
    source = folder / "contest.yml"
    if not source.is_file():
        portal.problems.append(Problem("CON001", Location(file=folder, contest=folder.name),
                                       {"folder": folder.name}))
        return None
    try:
        doc = load_yaml(source)
    except YamlError as exc:
        portal.problems.append(_with_context(exc.problem, contest=folder.name))
        return None
    spec, problems = check_document(doc, schema.Contest, contest=folder.name)
    if spec is None:
        portal.problems.extend(problems)
        return None
    contest = ContestRecord(slug=folder.name, folder=folder, source=source, spec=spec, doc=doc)
    contest.problems += check_contest(contest, doc)
    for entry_folder in sorted(p for p in folder.iterdir() if _is_data_folder(p)):
        entry = _load_entry(contest, entry_folder)
        if entry is not None:
            contest.entries.append(entry)
        else:
            contest.unreadable.add(entry_folder.name)
    contest.problems += check_entry_ids(contest)
    contest.news, news_problems = load_news(folder, contest.slug)
    contest.problems += news_problems
    return contest


def _load_entry(contest: ContestRecord, folder: Path) -> EntryRecord | None:
    source = folder / "entry.yml"
    where = {"contest": contest.slug, "entry": folder.name}
    if problem := _bad_folder_name(folder, RESERVED_ENTRIES):
        contest.problems.append(Problem(problem.code, Location(file=folder, **where), problem.values))
        return None
    if not source.is_file():
        contest.problems.append(Problem("ENT001", Location(file=folder, **where), {"folder": folder.name}))
        return None
    try:
        doc = load_yaml(source)
    except YamlError as exc:
        contest.problems.append(_with_context(exc.problem, **where))
        return None
    spec, problems = check_document(doc, schema.Entry, **where)
    problems += _check_private(folder, where)
    if spec is None:
        contest.problems.extend(problems)
        return None
    entry = EntryRecord(slug=spec.id or folder.name, folder=folder, source=source, spec=spec,
                        contest_slug=contest.slug, problems=problems, doc=doc)
    entry.unit = contest.unit(spec.unit)
    entry.category = contest.category(spec.category or (entry.unit.category if entry.unit else None))
    entry.problems += check_entry(contest, entry, doc)
    _resolve_files(entry, doc)
    return entry


def _check_private(folder: Path, where: dict) -> list[Problem]:
    """private.yml is checked for form only; its content never enters the model."""
    source = folder / "private.yml"
    if not source.is_file():
        return []
    try:
        doc = load_yaml(source)
    except YamlError as exc:
        return [_with_context(exc.problem, **where)]
    if doc.data is None:
        return []
    _, problems = check_document(doc, schema.Private, **where)
    return problems


def _resolve_files(entry: EntryRecord, doc) -> None:
    where = {"contest": entry.contest_slug, "entry": entry.slug}

    def resolve(reference: str | None, key: tuple) -> Path | None:
        if not reference:
            return None
        path, problem = resolve_entry_file(entry.folder, reference, doc.location(key, **where), kind=key[0])
        if problem:
            entry.problems.append(problem)
        return path

    spec = entry.spec
    entry.video_path = resolve(spec.video, ("video",))
    entry.poster_path = resolve(spec.poster, ("poster",))
    entry.article_path = resolve(spec.article, ("article",))
    entry.explanatory_text_path = resolve(spec.explanatory_text, ("explanatory_text",))
    for i, subtitle in enumerate(spec.subtitles):
        path = resolve(subtitle.file, ("subtitles", i, "file"))
        if path is not None:
            entry.subtitle_paths.append((subtitle, path))


def _probe_all(portal: Portal, cache_dir: Path | None) -> int:
    """Set every entry's video_info: from the cache, or probed (in parallel); return the probe count."""
    cache = FileCache(cache_dir / "probe.json" if cache_dir else None, "probe")
    todo: list[EntryRecord] = []
    for entry in (e for c in portal.contests for e in c.entries if e.video_path is not None):
        cached = cache.get(entry.video_path)
        if cached is not None:
            entry.video_info = VideoInfo.from_dict(cached)
        else:
            todo.append(entry)
    with Progress("probe", len(todo)) as bar:
        outcomes = probe_files([entry.video_path for entry in todo], probe=probe_video, advance=bar.advance)
    for entry, outcome in zip(todo, outcomes):
        if isinstance(outcome, VideoInfo):
            entry.video_info = outcome
            cache.put(entry.video_path, outcome.to_dict())
        else:
            entry.problems.append(Problem("VID001", entry.location(("video",)),
                                          {"path": entry.video_path.name, "detail": outcome}))
    cache.save()
    return len(todo)


def _with_context(problem: Problem, **context) -> Problem:
    where = problem.where
    return Problem(problem.code, Location(file=where.file, line=where.line, column=where.column,
                                          field=where.field, **context), problem.values)
