"""News posts of a contest: Markdown files with a small front matter (their feeds: ``site.feeds``).

A post lives in ``<contest>/_tin-tuc/<name>.md``::

    ---
    title: Phát động cuộc thi
    date: 2024-08-24            # or "2024-08-24 08:00"
    summary: Một câu giới thiệu  # optional
    draft: true                 # optional: not published
    ---
    Nội dung bản tin (Markdown)…

A post dated after "today" is published by the first build on or after its date. A post is a
regular file inside the entries folder of at most ``MAX_TEXT_BYTES`` (FIL005-FIL007 otherwise:
a named pipe named like a post is refused at once, never waited on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import yaml

from contest_portal.core.errors import Location, Problem, Text
from contest_portal.core.files import MAX_TEXT_BYTES
from contest_portal.core.text import slugify
from contest_portal.core.values import Invalid, Moment, parse_moment
from contest_portal.formats.yamlfile import YamlError, load_plain, read_text

NEWS_FOLDER = "_tin-tuc"
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)


@dataclass
class NewsPost:
    slug: str
    title: str
    date: Moment
    body: str
    source: Path
    summary: str | None = None
    draft: bool = False

    def published_by(self, now: datetime) -> bool:
        return not self.draft and self.date.start <= now


def load_news(
    contest_folder: Path, contest_slug: str, root: Path | None = None
) -> tuple[list[NewsPost], list[Problem]]:
    """Every post of one contest, newest first, and the problems of those that cannot be read.

    ``root``: the entries folder every post must be inside (default: the contest folder's parent).
    """
    root = contest_folder.parent if root is None else root
    folder = contest_folder / NEWS_FOLDER
    posts: list[NewsPost] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return posts, problems
    taken: dict[str, str | Text] = {"index": Text("problem.news_index")}
    for path in sorted(folder.glob("*.md")):
        post = _load_post(path, contest_slug, root, problems)
        if post is None:
            continue
        if post.slug in taken:  # two files would be published at one address: neither is dropped silently
            problems.append(
                Problem(
                    "NEW003",
                    Location(file=path, contest=contest_slug),
                    {"file": path.name, "slug": post.slug, "other": taken[post.slug]},
                )
            )
            continue
        taken[post.slug] = path.name
        posts.append(post)
    posts.sort(key=lambda post: (post.date.start, post.slug), reverse=True)
    return posts, problems


def _load_post(path: Path, contest_slug: str, root: Path, problems: list[Problem]) -> NewsPost | None:
    try:
        text = read_text(path, root, max_bytes=MAX_TEXT_BYTES)
    except YamlError as exc:
        problems.append(replace(exc.problem, where=replace(exc.problem.where, contest=contest_slug)))
        return None
    match = _FRONT.match(text)
    try:
        # every value read as text: dates are checked by parse_moment, with its clear messages
        meta = load_plain(match.group(1)) if match else None
    except yaml.YAMLError:
        meta = None
    if match is None or not isinstance(meta, dict):
        problems.append(Problem("NEW001", Location(file=path, line=1, contest=contest_slug), {"file": path.name}))
        return None
    front = match.group(1)

    def bad(field: str, detail: Text) -> None:
        line = next((n for n, row in enumerate(front.splitlines(), start=2) if row.startswith(f"{field}:")), 1)
        value = meta.get(field)
        written = f" '{value}'" if isinstance(value, str) and value.strip() else ""  # what the file says
        problems.append(
            Problem(
                "NEW002",
                Location(file=path, line=line, field=field, contest=contest_slug),
                {"file": path.name, "field": field, "written": written, "detail": detail},
            )
        )

    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        bad("title", Text("problem.news_not_text"))
        return None
    try:
        date = parse_moment(meta.get("date"))
    except Invalid as exc:
        bad("date", exc.text)
        return None
    summary = meta.get("summary")
    return NewsPost(
        slug=slugify(path.stem) or "tin",
        title=title.strip(),
        date=date,
        body=text[match.end() :].strip(),
        source=path,
        summary=summary.strip() if isinstance(summary, str) else None,
        draft=str(meta.get("draft", "")).strip().lower() in ("true", "yes", "on"),
    )
