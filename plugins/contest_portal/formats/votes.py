"""The public vote as offices have it: a fanpage's export or a typed list, read into votes per entry.

``_ket-qua/binh-chon.csv`` (or ``.xlsx``, ``.xls``) names each work in one of three ways, row
by row, the first a row fills taken:

* by its **entry code** ("Mã tác phẩm": the entry's id, its folder's name);
* by the **link of the post** ("Đường dẫn", "Liên kết", "Permalink": the address in entry.yml's
  ``links``, compared without scheme, "www."/"m.", tracking parameters and trailing slash);
* by its **title** as the fanpage shows it ("Tên tác phẩm", "Tiêu đề", "Title"): Unicode form,
  letter case, spaces, punctuation and where the tone mark sits never matter
  (``core.text.normalize_name``); a title typed without diacritics matches when it is the only
  title that folds to it (``core.text.fold``).

The count is "Số bình chọn", "Lượt thích", "Cảm xúc", "Reactions", "Likes"…; the snapshot's time
"Thời điểm" (the latest of the rows is the snapshot's), its source "Nguồn".  A line that names
no entry is VOT002 (the closest titles suggested), a line that could be several is VOT003, a
link no entry has is VOT004, a file without a column naming the works is VOT001; a line longer
than a title that holds exactly one entry's whole title ("Tác phẩm dự thi số 5: <title>", a
post's caption) counts for it, with the warning VOT005 naming both.  Counts without a time are
VOT006, counts taken before the plan's voting ends VOT007 (warnings).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from contest_portal.core.errors import Location, Problem
from contest_portal.core.i18n import Text
from contest_portal.core.text import fold, normalize_name
from contest_portal.core.values import Invalid, excel_moment
from contest_portal.formats.sheets import VOTES_FILES, legacy_problems, results_file, row_entry_problem, whole_number
from contest_portal.formats.tables import Table, TableError, read_table
from contest_portal.model import ContestRecord, EntryRecord

__all__ = ["VOTE_COLUMNS", "VoteSnapshot", "link_key", "read_votes", "title_key"]

#: Each column of a vote file and the headers that mean it (``core.text.header_key`` form):
#: the ones a typed list uses, and the ones of a fanpage's export (Meta Business Suite, in
#: Vietnamese and in English).
VOTE_COLUMNS: dict[str, tuple[str, ...]] = {
    "entry": ("ma_tac_pham", "ma", "ma_bai", "ma_du_thi", "entry_id"),
    "title": ("ten_tac_pham", "tac_pham", "ten_video", "ten_bai", "tieu_de", "title", "video_title"),
    "link": ("duong_dan", "lien_ket", "link", "url", "permalink", "lien_ket_co_dinh", "duong_dan_bai_dang"),
    "votes": ("so_binh_chon", "binh_chon", "luot_binh_chon", "so_luot_binh_chon", "luot_thich", "so_luot_thich",
              "cam_xuc", "luot_cam_xuc", "like", "likes", "reactions", "count"),
    "source": ("nguon",),
    "time": ("thoi_diem", "thoi_gian", "thoi_diem_lay_so_lieu", "snapshot"),
}
#: The columns any one of which names the work.
NAMING = ("entry", "link", "title")
#: Query parameters that tell posts apart (a watch page's video, a permalink's story); the others
#: (fbclid, utm_*, mibextid, rdid…) are tracking added when a link is shared.
POST_PARAMETERS = frozenset({"v", "story_fbid", "fbid", "id", "p"})
#: How many titles a "did you mean" line suggests.
SUGGESTIONS = 3
HASHTAG = re.compile(r"#\w+")


@dataclass
class VoteSnapshot:
    """The vote file: votes per entry slug, when it was taken and from where (None when not said)."""

    counts: dict[str, int] = field(default_factory=dict)
    time: datetime | None = None
    source: str | None = None
    problems: list[Problem] = field(default_factory=list)


def _words(text: str) -> list[str]:
    """The words of a title as typed, without the hashtags a post adds ("#CCHC")."""
    return re.findall(r"\w+", HASHTAG.sub(" ", unicodedata.normalize("NFC", text)))


def title_key(title: str) -> str:
    """The key under which two typings of a title are the same title: ``normalize_name`` of its
    words (case, Unicode form, spaces, tone placement, punctuation and hashtags do not matter;
    diacritics do)."""
    return normalize_name(" ".join(_words(title)))


def folded_key(title: str) -> str:
    """``title_key`` without diacritics: 'Tài khoản định danh' and 'tai khoan dinh danh' give one key."""
    return fold(" ".join(_words(title)))


def link_key(url: str) -> str:
    """A post's address as it identifies the post: host without "www."/"m."/"web.", path without a
    trailing slash, only the query parameters that name the post, lower case host (``POST_PARAMETERS``).
    "" for text that is no web address."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if "." not in host:
        return ""
    for prefix in ("www.", "m.", "web.", "mobile."):
        host = host.removeprefix(prefix)
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if k in POST_PARAMETERS))
    return host + parts.path.rstrip("/") + (f"?{query}" if query else "")


class _Names:
    """The contest's entries by what a vote line may call them: code, link, title, folded title."""

    def __init__(self, entries: list[EntryRecord]):
        self.entries = entries
        self.codes = {e.slug.lower(): e.slug for e in entries}
        self.links: dict[str, set[str]] = {}
        self.titles: dict[str, set[str]] = {}
        self.folded: dict[str, set[str]] = {}
        for entry in entries:
            spec = getattr(entry, "spec", None)
            if spec is None:
                continue
            for url in (spec.links.fanpage, spec.links.facebook, spec.links.youtube, spec.links.website):
                if url and link_key(url):
                    self.links.setdefault(link_key(url), set()).add(entry.slug)
            self.titles.setdefault(title_key(spec.title), set()).add(entry.slug)
            self.folded.setdefault(folded_key(spec.title), set()).add(entry.slug)

    def by_title(self, typed: str) -> set[str]:
        """The entries a typed title can mean: those whose title it is as typed (diacritics kept),
        else those whose title it is without diacritics."""
        return self.titles.get(title_key(typed)) or self.folded.get(folded_key(typed), set())

    def within(self, typed: str) -> set[str]:
        """The entries whose whole title (as words) is inside a longer line: "Tác phẩm dự thi số 5:
        Tài khoản định danh điện tử" holds "Tài khoản định danh điện tử". As ``by_title``: the
        titles with their diacritics first, else without."""
        for keys, line in ((self.titles, title_key(typed)), (self.folded, folded_key(typed))):
            found = {slug for key, slugs in keys.items() if key and f" {key} " in f" {line} " for slug in slugs}
            if found:
                return found
        return set()

    def closest(self, typed: str) -> list[str]:
        """The titles most like ``typed`` (without diacritics), best first, at most ``SUGGESTIONS``."""
        by_key: dict[str, str] = {}
        for entry in self.entries:
            spec = getattr(entry, "spec", None)
            if spec is not None:
                by_key.setdefault(folded_key(spec.title), f"{spec.title} ({entry.slug})")
        found = difflib.get_close_matches(folded_key(typed), list(by_key), n=SUGGESTIONS, cutoff=0.5)
        return [by_key[key] for key in found]

    def label(self, slug: str) -> str:
        entry = next(e for e in self.entries if e.slug == slug)
        return f"{entry.spec.title} ({slug})"


def read_votes(contest: ContestRecord) -> VoteSnapshot:
    """The vote snapshot (empty without a vote file); a line that cannot count is reported (RES003
    its count or time, VOT001–VOT004 the work it names, JUR002/JUR005/JUR009 the entry) and skipped."""
    snapshot = VoteSnapshot()
    path = results_file(contest, VOTES_FILES)
    if path is None:
        return snapshot
    try:
        rows = read_table(path, VOTE_COLUMNS, required=("votes",),
                          labels={"entry": Text("table.column.entry"), "votes": Text("table.column.votes")})
    except TableError as exc:
        snapshot.problems.append(Problem("RES003", Location(file=path, line=exc.line, contest=contest.slug),
                                         {"detail": exc.detail}))
        return snapshot
    if not any(name in rows.columns for name in NAMING):
        snapshot.problems.append(Problem("VOT001", Location(file=path, line=rows.header_row, contest=contest.slug),
                                         {"columns": ", ".join(rows.headers.values())}))
        return snapshot
    snapshot.problems += legacy_problems(rows, path, contest.slug)
    taken_by = _count_rows(snapshot, contest, path, rows)
    snapshot.problems += _snapshot_time_problems(contest, path, snapshot, taken_by)
    return snapshot


def _snapshot_time_problems(contest: ContestRecord, path: Path, snapshot: VoteSnapshot,
                            taken_by: datetime | None) -> list[Problem]:
    """VOT006 when votes were counted but the file never says when; VOT007 when it says a time
    (``taken_by``: the end of the latest, so "30/9/2024" is the whole day) before the plan's
    voting ends (the timeline's ``voting`` milestone): the counts may not be final."""
    if not snapshot.counts:
        return []
    where = Location(file=path, contest=contest.slug)
    if taken_by is None:
        return [Problem("VOT006", where)]
    voting = next((m.end or m.date for m in contest.spec.timeline if m.kind == "voting" and (m.end or m.date)), None)
    if voting is not None and taken_by < voting.end:
        return [Problem("VOT007", where, {"time": taken_by.strftime("%H:%M %d/%m/%Y"),
                                          "end": voting.end.strftime("%H:%M %d/%m/%Y")})]
    return []


def _count_rows(snapshot: VoteSnapshot, contest: ContestRecord, path: Path, rows: Table) -> datetime | None:
    """Counts the rows into ``snapshot``; returns the end of the latest snapshot time (None: none said)."""
    taken_by: datetime | None = None
    names = _Names(contest.entries)
    known = {e.slug for e in contest.entries if e.valid}
    first_row: dict[str, int] = {}
    for row in rows:
        location = Location(file=path, line=row.number, contest=contest.slug)
        count = whole_number(row.get("votes"))
        if count is None:
            snapshot.problems.append(Problem("RES003", location, {"detail": f"'{row.get('votes')}'"}))
            continue
        entry, problem = _named_entry(row, names, location)
        if problem is not None and problem.code != "VOT005":
            snapshot.problems.append(problem)
            continue
        if wrong := row_entry_problem(entry, location, invalid=contest.invalid_ids, known=known, seen=first_row):
            snapshot.problems.append(wrong)
            continue
        if problem is not None:  # VOT005: counted by the title the line holds, and said
            snapshot.problems.append(problem)
        first_row[entry] = row.number
        snapshot.counts[entry] = count
        if row.get("time"):
            try:
                moment = excel_moment(row.get("time"))
                snapshot.time = max(filter(None, [snapshot.time, moment.start]))
                taken_by = max(filter(None, [taken_by, moment.end]))
            except (Invalid, ValueError):
                snapshot.problems.append(Problem("RES003", location, {"detail": f"'{row.get('time')}'"}))
        snapshot.source = snapshot.source or (str(row.get("source")) if row.get("source") else None)
    return taken_by


def _named_entry(row, names: _Names, location: Location) -> tuple[str, Problem | None]:
    """The slug of the entry a vote line names (by code, else link, else title), or a problem
    (VOT005, a warning, comes with the slug it found)."""
    code = str(row.get("entry") or "").strip()
    if code:
        return names.codes.get(code.lower(), code.lower()), None  # an unknown code: JUR002 as for scores
    link = str(row.get("link") or "").strip()
    if link:
        found = names.links.get(link_key(link), set())
        if len(found) == 1:
            return next(iter(found)), None
        if not found:
            return "", Problem("VOT004", location, {"link": link})
        return "", Problem("VOT003", location, {"name": link, "entries": "; ".join(sorted(map(names.label, found)))})
    title = str(row.get("title") or "").strip()
    if not title:
        return "", None  # nothing names the work: JUR002 with "–"
    if title.lower() in names.codes:  # a code typed in the works' column ("Tác phẩm: e-01")
        return names.codes[title.lower()], None
    found = names.by_title(title)
    if len(found) == 1:
        return next(iter(found)), None
    inside = set() if found else names.within(title)
    if len(inside) == 1:  # counted, and said: the line is more than the title
        slug = next(iter(inside))
        return slug, Problem("VOT005", location, {"line": title, "entry": names.label(slug)})
    if found or inside:
        return "", Problem("VOT003", location, {"name": title,
                                                "entries": "; ".join(sorted(map(names.label, found or inside)))})
    return "", Problem("VOT002", location, {"title": title, "closest": "; ".join(names.closest(title)) or "–"})
