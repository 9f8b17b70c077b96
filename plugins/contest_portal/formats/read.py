"""Stage 2, read formats: every contest.yml, entry.yml and private.yml read and checked for form.

YAML is read with line numbers (``yamlfile``), checked against the typed formats
(``schema_check``), then the checks that need the whole file (``rules.contest.check_contest``,
``check_entry``) run and the files an entry names are resolved safely (``core.files``). A file
that cannot be read costs its record, never the others: every problem of every file is
reported at once. private.yml is checked for form only; its content never enters the model.
Every file read here is a regular file inside the entries folder, of bounded size
(``core.files.open_regular``); an article or explanatory text shown in the entry page is read
once here with the same checks as when the page is rendered.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from contest_portal.core.errors import Location, Problem
from contest_portal.core.files import FileRefused, is_inline_text, read_entry_text, resolve_entry_file
from contest_portal.formats import schema
from contest_portal.formats.discover import (
    ENTRY_FILE,
    PRIVATE_FILE,
    RESERVED_ENTRIES,
    ContestFolder,
    Discovery,
    bad_folder_name,
)
from contest_portal.formats.news import load_news
from contest_portal.formats.schema_check import check_document
from contest_portal.formats.yamlcache import ParsedYamlCache
from contest_portal.formats.yamlfile import YamlDocument, YamlError, load_yaml
from contest_portal.model import ContestRecord, EntryRecord, Portal
from contest_portal.rules.contest import check_contest, check_entry, check_entry_ids


def read_portal(found: Discovery, cache: ParsedYamlCache | None = None) -> Portal:
    """A Portal of every contest and entry that could be read; the others' problems on it.

    ``cache``: the YAML documents parsed at the last run (``formats.yamlcache``), used and filled.
    """
    portal = Portal(root=found.root, problems=list(found.problems))
    for contest_folder in found.contests:
        contest = read_contest(contest_folder, portal.problems, cache)
        if contest is not None:
            portal.contests.append(contest)
    return portal


def read_contest(
    found: ContestFolder, portal_problems: list[Problem], cache: ParsedYamlCache | None = None
) -> ContestRecord | None:
    """The contest with its entries and news; None (and its problems in ``portal_problems``) if unreadable."""
    root = found.folder.parent
    try:
        doc = load_yaml(found.source, root, cache)
    except YamlError as exc:
        portal_problems.append(_with_context(exc.problem, contest=found.slug))
        return None
    spec, problems = check_document(doc, schema.Contest, contest=found.slug)
    if spec is None:
        portal_problems.extend(problems)
        return None
    contest = ContestRecord(slug=found.slug, folder=found.folder, source=found.source, spec=spec, doc=doc)
    contest.problems += check_contest(contest, doc)
    for entry_folder in found.entry_folders:
        entry = read_entry(contest, entry_folder, cache)
        if entry is not None:
            contest.entries.append(entry)
        else:
            contest.unreadable.add(entry_folder.name)
    contest.problems += check_entry_ids(contest)
    contest.news, news_problems = load_news(found.folder, contest.slug, root)
    contest.problems += news_problems
    return contest


def read_entry(contest: ContestRecord, folder: Path, cache: ParsedYamlCache | None = None) -> EntryRecord | None:
    """The entry of ``folder``; None (and its problems on the contest) when it cannot be read."""
    source = folder / ENTRY_FILE
    where: dict[str, Any] = {"contest": contest.slug, "entry": folder.name}
    if problem := bad_folder_name(folder, RESERVED_ENTRIES, Location(file=folder, **where)):
        contest.problems.append(problem)
        return None
    if not os.path.lexists(source):  # anything else there (a folder, a pipe) is reported by load_yaml
        contest.problems.append(Problem("ENT001", Location(file=folder, **where), {"folder": folder.name}))
        return None
    try:
        doc = load_yaml(source, contest.folder.parent, cache)
    except YamlError as exc:
        contest.problems.append(_with_context(exc.problem, **where))
        return None
    spec, problems = check_document(doc, schema.Entry, **where)
    problems += _check_private(folder, where)
    if spec is None:
        contest.problems.extend(problems)
        return None
    entry = EntryRecord(
        slug=spec.id or folder.name,
        folder=folder,
        source=source,
        spec=spec,
        contest_slug=contest.slug,
        problems=problems,
        doc=doc,
    )
    entry.unit = contest.unit(spec.unit)
    entry.category = contest.category(spec.category or (entry.unit.category if entry.unit else None))
    entry.problems += check_entry(contest, entry, doc)
    _resolve_files(entry, doc)
    return entry


def _check_private(folder: Path, where: dict[str, str]) -> list[Problem]:
    """private.yml is checked for form only; its content never enters the model."""
    source = folder / PRIVATE_FILE
    if not os.path.lexists(source):
        return []
    try:
        doc = load_yaml(source, folder.parent.parent)
    except YamlError as exc:
        return [_with_context(exc.problem, **where)]
    if doc.data is None:
        return []
    _, problems = check_document(doc, schema.Private, **where)
    return problems


def _resolve_files(entry: EntryRecord, doc: YamlDocument) -> None:
    where = {"contest": entry.contest_slug, "entry": entry.slug}

    def resolve(reference: str | None, key: tuple[str] | tuple[str, int, str]) -> Path | None:
        if not reference:
            return None
        path, problem = resolve_entry_file(entry.folder, reference, doc.location(key, **where), kind=key[0])
        if problem:
            entry.problems.append(problem)
        elif path is not None and key[0] in ("article", "explanatory_text") and is_inline_text(path):
            try:  # shown in the entry page: read when it is rendered, with these same checks
                read_entry_text(path)
            except FileRefused as exc:
                entry.problems.append(Problem(exc.problem.code, doc.location(key, **where), exc.problem.values))
                return None
            except OSError as exc:
                entry.problems.append(
                    Problem("YAML005", doc.location(key, **where), {"detail": exc.strerror or str(exc)})
                )
                return None
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


def _with_context(problem: Problem, **context: Any) -> Problem:
    where = problem.where
    return Problem(
        problem.code,
        Location(file=where.file, line=where.line, column=where.column, field=where.field, **context),
        problem.values,
    )
