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

from openpyxl.utils import get_column_letter

from contest_portal.core.errors import Location, Problem
from contest_portal.core.i18n import Text
from contest_portal.core.text import fold, normalize_name
from contest_portal.core.values import Invalid, Moment, ascii_digits, excel_moment, parse_moment
from contest_portal.formats.sheets import VOTES_FILES, results_file, row_entry_problem, table_problems, whole_number
from contest_portal.formats.tables import Row, Table, TableError, read_table
from contest_portal.model import ContestRecord, EntryRecord

__all__ = ["VOTE_COLUMNS", "VoteSnapshot", "link_key", "read_votes", "title_key"]

#: Each column of a vote file and the headers that mean it (``core.text.header_key`` form):
#: the ones a typed list uses, and the ones of a fanpage's export (Meta Business Suite, in
#: Vietnamese and in English).
VOTE_COLUMNS: dict[str, tuple[str, ...]] = {
    "entry": ("ma_tac_pham", "ma", "ma_bai", "ma_du_thi", "entry_id"),
    "title": ("ten_tac_pham", "tac_pham", "ten_video", "ten_bai", "tieu_de", "title", "video_title"),
    "link": ("duong_dan", "lien_ket", "link", "url", "permalink", "lien_ket_co_dinh", "duong_dan_bai_dang"),
    "votes": (
        "so_binh_chon",
        "binh_chon",
        "luot_binh_chon",
        "so_luot_binh_chon",
        "luot_thich",
        "so_luot_thich",
        "cam_xuc",
        "luot_cam_xuc",
        "like",
        "likes",
        "reactions",
        "count",
    ),
    "source": ("nguon",),
    "time": ("thoi_diem", "thoi_gian", "thoi_diem_lay_so_lieu", "snapshot"),
    "description": ("description", "mo_ta", "noi_dung", "noi_dung_bai_dang"),
}
#: A fanpage export's other count: reactions, comments and shares together (Meta Business
#: Suite, in English and in Vietnamese). Counted instead of the likes only when the plan's
#: wording says the vote counts interactions (``INTERACTION_WORDS``).
INTERACTIONS = (
    "reactions_comments_and_shares",
    "luot_cam_xuc_binh_luan_va_luot_chia_se",
    "cam_xuc_binh_luan_va_luot_chia_se",
    "luot_tuong_tac",
    "tuong_tac",
    "interactions",
    "engagement",
)
#: The plan's words (folded) that say which count is the vote: likes ("lượt thích", "bình chọn",
#: the fanpage's "Thích") or interactions ("lượt tương tác", comments and shares).
LIKE_WORDS = ("thich", "binh chon", "like", "cam xuc")
INTERACTION_WORDS = ("tuong tac", "chia se", "binh luan")
#: The words (folded) of a total row below a typed list ("Tổng cộng: 6.214"): skipped, and said.
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
    #: The snapshot's time was a date without an hour ("10/7/2024"): the whole of that day
    #: (``time`` is then its end, 23:59:59.999999).
    whole_day: bool = False
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


#: The consonants before a final "y" that Vietnamese also spells "i" ("kí"/"ký", "lí"/"lý", "mĩ"/"mỹ", "quí"/"quý").
_IY = re.compile(r"\b([bcdghklmnpqrstvx]+|qu)y\b")
#: How many words a cut or partial title must keep to name a work (fewer could be any title).
MIN_WORDS = 3


def spelling_key(title: str) -> str:
    """``folded_key`` with "i" for the final "y" of a syllable that has no other vowel: the i/y
    spellings of one word ("Chữ kí số" and "Chữ ký số") give one key."""
    return _IY.sub(r"\1i", folded_key(title))


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


def _nearness(line: str, key: str, cut: bool) -> int | None:
    """How near a typed line (its key) is to a title's ``key``, best first: 0 the same, 1 the
    title's beginning (the line was ``cut`` with "…"), 2 the title's end, 3 the whole title inside
    the line; None: not near. A beginning or an end needs ``MIN_WORDS`` words."""
    long = len(line.split()) >= MIN_WORDS
    if not key:
        return None
    if key == line:
        return 0
    if cut and long and key.startswith(line):
        return 1
    if long and f" {key}".endswith(f" {line}"):
        return 2
    if f" {key} " in f" {line} ":
        return 3
    return None


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

    def near(self, typed: str) -> set[str]:
        """The entries a title names as a person would match it, though not exactly (each a
        warning, VOT015): the same words but for an i/y spelling ("kí"/"ký", ``spelling_key``),
        a title cut short by the fanpage ("Bác Ba đi làm…": the only title it begins), the tail of
        a title ("Bác Ba đi làm giấy khai sinh" for "Tiểu phẩm: Bác Ba…": the only title holding
        those words, at least ``MIN_WORDS`` of them), or a whole title, so spelled, inside it.
        As ``by_title``: with the diacritics first ("Cải cách…" is not "Cài cách…"), else without."""
        cut = typed.rstrip(" \"'”’»)").endswith(("...", "…"))  # inside quotes too: “Bác Ba đi…”
        for key_of in (title_key, spelling_key):
            line = key_of(typed)
            if not line:
                return set()
            keys = {
                entry.slug: key_of(entry.spec.title)
                for entry in self.entries
                if getattr(entry, "spec", None) is not None
            }
            ranks = {slug: rank for slug, key in keys.items() if (rank := _nearness(line, key, cut)) is not None}
            if ranks:
                best = min(ranks.values())
                return {slug for slug, rank in ranks.items() if rank == best}
        return set()

    def closest(self, typed: str) -> list[str]:
        """The titles most like ``typed`` (without diacritics), best first, at most
        ``SUGGESTIONS``: by letters (``difflib``), then by the words they share (at least two,
        and most of the shorter one's: 'Video "Chữ ký số" #CCHC' suggests "Chữ ký số – ký nhanh…")."""
        by_key: dict[str, str] = {}
        for entry in self.entries:
            spec = getattr(entry, "spec", None)
            if spec is not None:
                by_key.setdefault(spelling_key(spec.title), f"{spec.title} ({entry.slug})")
        line = spelling_key(typed)
        found = difflib.get_close_matches(line, list(by_key), n=SUGGESTIONS, cutoff=0.5)
        words = set(line.split())

        def shared(key: str) -> float:
            common = words & set(key.split())
            return len(common) / min(len(words), len(set(key.split()))) if len(common) >= 2 else 0

        found += [key for key in sorted(by_key, key=lambda k: -shared(k)) if shared(key) >= 0.6 and key not in found]
        return [by_key[key] for key in found[:SUGGESTIONS]]

    def label(self, slug: str) -> str:
        entry = next(e for e in self.entries if e.slug == slug)
        spec = getattr(entry, "spec", None)
        return f"{spec.title} ({slug})" if spec is not None else slug


def read_votes(contest: ContestRecord) -> VoteSnapshot:
    """The vote snapshot (empty without a vote file); a line that cannot count is reported and
    skipped: VOT013/VOT012 its count, VOT014 its time, VOT001–VOT004/VOT010 the work it names,
    VOT009 an entry on two lines, JUR002/JUR009 the entry; VOT008 a total row (skipped)."""
    snapshot = VoteSnapshot()
    path = results_file(contest, VOTES_FILES)
    if path is None:
        return snapshot
    try:
        rows = read_table(
            path,
            VOTE_COLUMNS,
            required=("votes",),
            labels={"entry": Text("table.column.entry"), "votes": Text("table.column.votes")},
        )
    except TableError as exc:
        snapshot.problems.append(
            Problem("RES003", Location(file=path, line=exc.line, contest=contest.slug), {"detail": exc.detail})
        )
        return snapshot
    if not any(name in rows.columns for name in NAMING):
        snapshot.problems.append(
            Problem(
                "VOT001",
                Location(file=path, line=rows.header_row, contest=contest.slug),
                {"columns": ", ".join(rows.headers.values())},
            )
        )
        return snapshot
    snapshot.problems += table_problems(rows, path, contest.slug)
    count_column, said = _count_column(contest, rows, path)
    snapshot.problems += said
    taken_by = _count_rows(snapshot, contest, path, rows, count_column)
    snapshot.problems += _snapshot_time_problems(contest, path, snapshot, taken_by)
    return snapshot


def _plan_words(contest: ContestRecord) -> str:
    """The plan's words on the public vote (folded): its vote tiers' names and notes, its voting
    milestones' labels and notes."""
    spec = contest.spec
    texts = [str(x) for t in spec.prizes.tiers if t.basis == "public_vote" for x in (t.name, t.note) if x]
    texts += [str(x) for m in spec.timeline if m.kind == "voting" for x in (m.label, m.note) if x]
    return fold(" ".join(texts))


def _count_column(contest: ContestRecord, rows: Table, path: Path) -> tuple[str, list[Problem]]:
    """The column the votes are counted from: "votes" (likes, reactions), or a fanpage export's
    interactions column when the plan's wording says interactions (``INTERACTION_WORDS``) and not
    likes. When the file has both and the plan says neither, the likes, and VOT011 says so."""
    other = next((key for key in INTERACTIONS if key in rows.columns), None)
    if other is None:
        return "votes", []
    words = _plan_words(contest)
    likes = any(word in words for word in LIKE_WORDS)
    if any(word in words for word in INTERACTION_WORDS) and not likes:
        return other, []
    if likes:
        return "votes", []
    return "votes", [
        Problem(
            "VOT011",
            Location(file=path, line=rows.header_row, contest=contest.slug),
            {"used": rows.headers.get("votes", "votes"), "other": rows.headers.get(other, other)},
        )
    ]


def _snapshot_time_problems(
    contest: ContestRecord, path: Path, snapshot: VoteSnapshot, taken_by: datetime | None
) -> list[Problem]:
    """VOT006 when votes were counted but the file never says when; VOT007 when it says a time
    (``taken_by``: the end of the latest, so "30/9/2024" is the whole day) before the plan's
    voting ends (the timeline's ``voting`` milestone); VOT016 when the voting milestone gives
    no end and it is before the submissions close (the ``submission`` milestone's end): the
    counts may not be final."""
    if not snapshot.counts:
        return []
    where = Location(file=path, contest=contest.slug)
    if taken_by is None:
        return [Problem("VOT006", where)]
    timeline = contest.spec.timeline
    voting = next((m.end or m.date for m in timeline if m.kind == "voting" and (m.end or m.date)), None)
    if voting is not None and taken_by < voting.end:
        return [Problem("VOT007", where, {"time": _when(snapshot), "end": voting.end.strftime("%H:%M %d/%m/%Y")})]
    closing = next((m.end or m.date for m in timeline if m.kind == "submission" and (m.end or m.date)), None)
    if voting is None and closing is not None and taken_by < closing.end:
        return [Problem("VOT016", where, {"time": _when(snapshot), "end": closing.end.strftime("%H:%M %d/%m/%Y")})]
    return []


def _when(snapshot: VoteSnapshot) -> str:
    """The snapshot's time as a message says it: "17:00 10/07/2024", or "10/07/2024" for a whole day."""
    assert snapshot.time is not None
    return snapshot.time.strftime("%d/%m/%Y" if snapshot.whole_day else "%H:%M %d/%m/%Y")


#: A count written with a magnitude ("1,2K", "3.5 nghìn", "2tr"): not exact.
_ROUNDED = re.compile(r"\d+(?:[.,]\d+)?\s*(?:k|n|ng|nghin|ngan|tr|trieu|m|b)\.?", re.IGNORECASE)
#: The words a typed count may carry after it ("1204 lượt", "1.204 lượt thích", "988 likes").
_COUNT_WORDS = re.compile(
    r"\s*(?:luot(?:\s+(?:thich|binh\s+chon|cam\s+xuc))?|like|likes|votes?|binh\s+chon|"
    r"reactions?|cam\s+xuc)\s*$",
    re.IGNORECASE,
)


def vote_count(value: object) -> int | None:
    """A vote count from a cell: a whole number; text with its digits grouped by ".", "," or a
    space ("1.204", "1,204", "1 204": a count is whole, so a group of three digits is thousands)
    and an optional word after it ("1204 lượt", "988 likes"). None when the cell is not a count;
    raises ValueError for a count not exact ("1,2K", "3 nghìn": a rounded display)."""
    number = whole_number(value)
    if number is not None or not isinstance(value, str):
        return number
    text = _COUNT_WORDS.sub("", fold(ascii_digits(value)).strip())
    text = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if re.fullmatch(r"\d{1,3}(?:([.,  ])\d{3})(?:\1\d{3})*", text) or re.fullmatch(r"\d+", text):
        return int(re.sub(r"\D", "", text))
    if _ROUNDED.fullmatch(text):
        raise ValueError(value)
    return None


#: Times a fanpage or a spreadsheet gives that ``excel_moment`` does not read: day first with a
#: two-digit year ("10/7/24 17:00") or a 12-hour clock ("10/07/2024 5:00 PM").
_TIME_12 = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4}),?\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?")


def vote_time(value: object) -> Moment:
    """The snapshot's time from a cell: what ``excel_moment`` reads, a day-first date with a
    two-digit year or a 12-hour clock, or ISO 8601 with a zone ("2024-07-10T17:00:00+07:00",
    "…Z": shown in Vietnam's time). A date cell (which openpyxl gives as that day's 00:00) is the
    date: a snapshot is not taken at midnight sharp, and the guide says a date alone is the whole
    day. Raises Invalid."""
    if isinstance(value, datetime) and (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
        return parse_moment(value.date())
    try:
        return excel_moment(value)
    except (Invalid, ValueError):
        if not isinstance(value, str):
            raise Invalid("value.moment") from None
    text = ascii_digits(value).strip()
    found = _TIME_12.fullmatch(text)
    try:
        if found:
            day, month, year, hour, minute, half = found.groups()
            hour_24 = int(hour) % 12 + (12 if half and half.lower() == "pm" else 0) if half else int(hour)
            if half and not 1 <= int(hour) <= 12:
                raise Invalid("value.moment")
            moment = datetime(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day), hour_24, int(minute))
        else:
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                raise Invalid("value.moment")
    except ValueError:
        raise Invalid("value.moment") from None
    return parse_moment(moment)


def _cell(rows: Table, column: str, row: int) -> str:
    """A cell's address as the spreadsheet names it ("C7")."""
    return f"{get_column_letter(rows.columns.get(column, 1))}{row}"


def _total_row(row: Row, count: int, above: int, names: _Names) -> bool:
    """A total row below the list that says no total word (those the table reader skips itself,
    TAB005: formats/layout.py): a row naming no entry whose count equals the sum of the counts
    above it (``above``)."""
    named = [str(row.get(k) or "") for k in ("entry", "link", "title")]
    return above > 0 and count == above and not any(names.codes.get(t.lower()) or names.by_title(t) for t in named if t)


def _count_rows(
    snapshot: VoteSnapshot, contest: ContestRecord, path: Path, rows: Table, column: str = "votes"
) -> datetime | None:
    """Counts the rows into ``snapshot`` (the count from ``column``); returns the end of the
    latest snapshot time (None: none said). An entry on two lines counts neither (VOT009)."""
    taken_by: datetime | None = None
    names = _Names(contest.entries)
    known = {e.slug for e in contest.entries if e.valid}
    first_row: dict[str, tuple[int, int]] = {}
    twice: set[str] = set()
    above = 0
    for row in rows:
        location = Location(file=path, line=row.number, contest=contest.slug)
        cell = row.get(column)
        try:
            count = vote_count(cell)
        except ValueError:
            snapshot.problems.append(
                Problem("VOT012", location, {"cell": _cell(rows, column, row.number), "value": str(cell)})
            )
            continue
        if count is None:
            snapshot.problems.append(
                Problem(
                    "VOT013",
                    location,
                    {"cell": _cell(rows, column, row.number), "value": "" if cell is None else str(cell)},
                )
            )
            continue
        if _total_row(row, count, above, names):
            snapshot.problems.append(Problem("VOT008", location, {"count": count}))
            continue
        above += count
        entry, problem = _named_entry(row, names, location)
        if problem is not None and problem.severity.value == "error":
            snapshot.problems.append(problem)
            continue
        if wrong := row_entry_problem(entry, location, invalid=contest.invalid_ids, known=known, seen={}):
            snapshot.problems.append(wrong)
            continue
        if problem is not None:  # a warning: counted by a match that is not exact, and said
            snapshot.problems.append(problem)
        if entry in first_row:
            first, first_count = first_row[entry]
            snapshot.problems.append(
                Problem(
                    "VOT009",
                    location,
                    {
                        "entry": names.label(entry),
                        "first": first,
                        "line": row.number,
                        "first_count": first_count,
                        "count": count,
                    },
                )
            )
            twice.add(entry)
            continue
        first_row[entry] = (row.number, count)
        snapshot.counts[entry] = count
        if row.get("time"):
            try:
                moment = vote_time(row.get("time"))
            except (Invalid, ValueError):
                snapshot.problems.append(
                    Problem(
                        "VOT014", location, {"cell": _cell(rows, "time", row.number), "value": str(row.get("time"))}
                    )
                )
            else:
                day = moment.precision == "day"  # a date alone: the whole day, compared as its end
                if snapshot.time is None or (moment.end if day else moment.start) > snapshot.time:
                    snapshot.time, snapshot.whole_day = (moment.end if day else moment.start), day
                taken_by = max(filter(None, [taken_by, moment.end]))
        snapshot.source = snapshot.source or (str(row.get("source")) if row.get("source") else None)
    for entry in twice:
        snapshot.counts.pop(entry, None)
    return taken_by


def _named_entry(row: Row, names: _Names, location: Location) -> tuple[str, Problem | None]:
    """The slug of the entry a vote line names (by code, else link, else title, else the post's
    description), or a problem (a warning, VOT005 or VOT015, comes with the slug it found). A
    link no entry has falls back to the title and the description: VOT004 only when neither names
    an entry either."""
    code = str(row.get("entry") or "").strip()
    if code:
        return names.codes.get(code.lower(), code.lower()), None  # an unknown code: JUR002 as for scores
    link = str(row.get("link") or "").strip()
    if link:
        found = names.links.get(link_key(link), set())
        if len(found) == 1:
            return next(iter(found)), None
        if found:
            return "", Problem(
                "VOT003", location, {"name": link, "entries": "; ".join(sorted(map(names.label, found)))}
            )
    texts = [t for t in (str(row.get("title") or "").strip(), str(row.get("description") or "").strip()) if t]
    if not texts:
        if link:
            return "", Problem("VOT004", location, {"link": link})
        return "", Problem("VOT010", location)
    results = [_by_title(text, names, location) for text in texts]
    for slug, problem in results:
        if slug:
            return slug, problem
    if link:
        return "", Problem("VOT004", location, {"link": link})
    return results[0]


def _by_title(title: str, names: _Names, location: Location) -> tuple[str, Problem | None]:
    """The entry a title names: exactly (any typing), by a whole title inside it (VOT005), by an
    i/y spelling variant, a truncated title ("…") or a title it is the tail of (VOT015); else
    VOT003 (several) or VOT002 (none, the closest titles suggested)."""
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
        return "", Problem(
            "VOT003", location, {"name": title, "entries": "; ".join(sorted(map(names.label, found or inside)))}
        )
    near = names.near(title)
    if len(near) == 1:
        slug = next(iter(near))
        return slug, Problem("VOT015", location, {"line": title, "entry": names.label(slug)})
    if near:
        return "", Problem("VOT003", location, {"name": title, "entries": "; ".join(sorted(map(names.label, near)))})
    return "", Problem("VOT002", location, {"title": title, "closest": "; ".join(names.closest(title)) or "–"})
