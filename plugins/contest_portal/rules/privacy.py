"""Personal data in public places: found by content and by file identity, not by names alone.

Names and positions of authors are published with their consent; their phone numbers, e-mail
addresses and citizen ID numbers are not (Decree 13/2023/NĐ-CP on personal data protection,
Article 2: phone number, e-mail and ID number are basic personal data; the Law on Personal
Data Protection, in force from 1 January 2026). ``private.yml`` is the one place for them, and
two checks keep them out of the site:

* ``find_personal_data`` scans public text (entry.yml's texts, subtitles, Markdown and plain-text
  articles, news posts, contest.yml's texts) for Vietnamese mobile numbers (10 digits, 03/05/07/
  08/09, also with spaces, dots or dashes and with +84 or 84), landline numbers (11 digits, 02…),
  e-mail addresses and citizen ID numbers (9-digit CMND, 12-digit CCCD). Addresses (URLs), dates
  and amounts written with thousands separators are not numbers of a person and are skipped.
  The office's own contacts (``public_contacts`` in contest.yml, ``organizer.email`` and
  ``submission.email``) are allowed.
* ``private_identities`` lists the identity (device, inode) of every ``private.yml`` under
  ``entries/``: a published file that is the same file (a hard link made in another entry's
  folder) or resolves to one is refused.

Each finding is an error (``PRV003``, ``PRV004``) on the entry, so the entry is not published;
on the contest for contest.yml and news posts, so the build stops. Messages never repeat a
number or address in full: ``mask`` keeps only its first two and last three digits.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contest_portal.core.errors import Location, Problem, Text
from contest_portal.core.files import FileRefused, read_entry_text
from contest_portal.formats.yamlfile import PathKey
from contest_portal.model import ContestRecord, EntryRecord, Findings, Portal

PRIVATE_NAME = "private.yml"

#: Text files whose content is published as text (others, like PDF or DOCX, are offered as files).
TEXT_SUFFIXES = frozenset({".md", ".txt", ".vtt", ".srt"})

#: Keys of entry.yml whose values are not free text: identifiers, file names, addresses, dates,
#: or not published at all (consent).
ENTRY_SKIPPED = frozenset(
    {
        "id",
        "unit",
        "category",
        "kind",
        "entrant",
        "video",
        "poster",
        "file",
        "lang",
        "article",
        "explanatory_text",
        "links",
        "received",
        "consent",
    }
)
#: Keys of contest.yml that are not free text, or are the office's declared public contacts.
CONTEST_SKIPPED = frozenset(
    {
        "public_contacts",
        "id",
        "url",
        "website",
        "email",
        "date",
        "start",
        "end",
        "winners",
        "kind",
        "role",
        "category",
        "tie_breaks",
        "containers",
        "codecs",
        "resolutions",
        "aspect_ratio",
        "max_size",
        "min_duration",
        "max_duration",
        "amount",
        "year",
    }
)

_SEPARATOR = r"[ .\-]"
# Web addresses (with a scheme, www. or host/path): ids in them (YouTube, Facebook) are not phones.
_URL = re.compile(r"(?:https?://|www\.)\S+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}/\S*", re.I)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w-])", re.I)
# Dates (2024-09-30, 30/09/2024, 30.9.2024) and times (17:00, 00:01:02.345): never a phone.
_DATE = re.compile(
    r"(?<!\d)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?!\d)"
    r"|(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?"
)
# A phone number: a national (0…) or international (+84, 84, (+84)) prefix, or a landline area
# code in brackets, then digits with at most one separator between two digits. The digit count
# and prefix are checked after the match (``_phone_kind``).
_PHONE = re.compile(rf"(?<![\w+])(?:\(\+?84\)|\+?84|\(0\d{{2,3}}\)|0)(?:{_SEPARATOR}?\d){{6,10}}(?!\w)")
# An ID number: 9 or 12 digits written together, not part of a longer number or of an amount.
_ID = re.compile(r"(?<!\w)(?<!\d[.,\-])(\d{12}|\d{9})(?!\w|[.,\-]\d)")


@dataclass(frozen=True)
class PersonalData:
    """One piece of personal data found in a text.

    ``kind``: "mobile", "landline", "email" or "id_number"; ``key``: its normal form (national
    digits, lower-case address), compared with the public contacts; ``masked``: what a message
    may show; ``offset``: where it starts in the text (characters).
    """

    kind: str
    key: str
    masked: str
    offset: int


def find_personal_data(text: str) -> list[PersonalData]:
    """Every phone number, e-mail address and ID number in ``text``, in order of position."""
    found: list[PersonalData] = []
    scratch = _blank(text, _URL)
    for match in _EMAIL.finditer(scratch):
        address = match.group().lower()
        found.append(PersonalData("email", address, mask_email(address), match.start()))
    scratch = _blank(_blank(scratch, _EMAIL), _DATE)
    phones = []
    for match in _PHONE.finditer(scratch):
        national = _national(match.group())
        kind = _phone_kind(national)
        if kind:
            found.append(PersonalData(kind, national, mask_digits(national), match.start()))
            phones.append(match.span())
    # only the phones found are set aside: a 9-digit number starting with 0 is phone-shaped but
    # no phone, and is an old CMND of a province with a code 01-09 (Hà Nội 01, …)
    for start, end in phones:
        scratch = scratch[:start] + re.sub(r"[^\n]", " ", scratch[start:end]) + scratch[end:]
    for match in _ID.finditer(scratch):
        digits = match.group(1)
        if len(digits) == 12 and not (digits[0] == "0" and 1 <= int(digits[:3]) <= 96):
            continue  # a CCCD begins with the code (001–096) of the province of birth registration
        kind = "id_number"
        if len(digits) == 9 and digits[0] in "3579":
            # a mobile number whose leading 0 a spreadsheet dropped (a number cell): an old 9-digit
            # CMND starts with its province code, 01–38, so only 3… can be either
            kind = "mobile_or_id" if digits[0] == "3" else "mobile"
        found.append(PersonalData(kind, digits, mask_digits(digits), match.start()))
    return sorted(found, key=lambda item: item.offset)


def mask_digits(digits: str) -> str:
    """'0912345678' → '09xx xxx 678': the first two and the last three digits, grouped as written."""
    hidden = (
        digits[:2] + "x" * (len(digits) - 5) + digits[-3:]
        if digits.startswith("0") and len(digits) in (10, 11)
        else "x" * (len(digits) - 3) + digits[-3:]
    )
    groups = {10: (4, 3, 3), 11: (4, 4, 3), 9: (3, 3, 3), 12: (3, 3, 3, 3)}.get(len(hidden), (len(hidden),))
    parts, at = [], 0
    for size in groups:
        parts.append(hidden[at : at + size])
        at += size
    return " ".join(parts)


def mask_email(address: str) -> str:
    """'nguyen.van.a@gmail.com' → 'n***@gmail.com'."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces (offsets and lines are kept)."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _national(written: str) -> str:
    digits = re.sub(r"\D", "", written)
    if re.match(r"\(?\+?84", written):
        digits = "0" + digits[2:]
        if digits.startswith("00"):  # '+84 0912…': the national 0 written as well
            digits = digits[1:]
    return digits


def _phone_kind(national: str) -> str | None:
    if len(national) == 10 and national[0] == "0" and national[1] in "35789":
        return "mobile"
    if len(national) == 11 and national.startswith("02"):
        return "landline"
    return None


# --- the stage ---------------------------------------------------------------------------------


def check_personal_data(portal: Portal) -> Findings:
    """Stage: personal data in every contest's public text and files (``PRV003``, ``PRV004``).

    Returns the findings, each on its entry (the entry is then not published) or on its contest
    (contest.yml, news posts: the build stops). Reads the entries' text files (subtitles,
    Markdown and plain-text articles) that ``EntryRecord.published_files`` names.
    """
    found = Findings()
    identities = private_identities(portal.root)
    for contest in portal.contests:
        allowed = public_contact_keys(contest)
        if contest.doc is not None:
            found.add(contest, _scan_yaml(contest.doc.data, CONTEST_SKIPPED, allowed, contest.location))
        found.add(contest, _scan_news(contest, allowed))
        for entry in contest.entries:
            if entry.doc is not None:
                found.add(entry, _scan_yaml(entry.doc.data, ENTRY_SKIPPED, allowed, entry.location))
            # (a published file that is a private.yml gets PRV004, never a scan that would quote it)
            found.add(entry, _scan_files(entry, allowed, identities) + linked_private_files(entry, identities))
    return found


def public_contact_keys(contest: ContestRecord) -> set[str]:
    """The normal forms of the contacts the office publishes on purpose: ``public_contacts`` of
    contest.yml (its hotline, its e-mail), ``organizer.email`` and ``submission.email``."""
    spec = contest.spec
    texts = list(spec.public_contacts)
    texts += [spec.organizer.email or "", spec.submission.email or ""]
    return {item.key for text in texts for item in find_personal_data(text)}


def _scan_yaml(
    data: Any, skipped: frozenset[str], allowed: set[str], locate: Callable[[PathKey], Location]
) -> list[Problem]:
    problems = []
    for key, text in _strings(data, (), skipped):
        for item in find_personal_data(text):
            if item.key in allowed:
                continue
            where = locate(key)
            problems.append(_problem(item, where, where.field or ""))
    return problems


def _strings(node: Any, key: PathKey, skipped: frozenset[str]) -> Iterator[tuple[PathKey, str]]:
    """Every text value under ``node`` with its key path, leaving out the keys in ``skipped``."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name not in skipped:
                yield from _strings(value, key + (name,), skipped)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, key + (i,), skipped)
    elif isinstance(node, str):
        yield key, node


def _scan_files(entry: EntryRecord, allowed: set[str], identities: dict[tuple[int, int], Path]) -> list[Problem]:
    problems = []
    for path in entry.published_files():
        if path.suffix.lower() not in TEXT_SUFFIXES or _private_file(path, identities) is not None:
            continue
        text = _read_text(path)
        if text is None:
            continue  # unreadable: the file checks report it
        lines = _line_starts(text)
        for item in find_personal_data(text):
            if item.key not in allowed:
                line = bisect.bisect_right(lines, item.offset)
                where = Location(file=path, line=line, contest=entry.contest_slug, entry=entry.slug)
                problems.append(_problem(item, where, path.name))
    return problems


def _scan_news(contest: ContestRecord, allowed: set[str]) -> list[Problem]:
    problems = []
    for post in contest.news:
        if post.draft:
            continue  # not published; checked when the draft mark is removed
        source = _read_text(post.source) or ""
        for name in ("title", "summary", "body"):
            text = getattr(post, name, None) or ""
            for item in find_personal_data(text):
                if item.key in allowed:
                    continue
                at = source.find(text[item.offset : item.offset + 6]) if source else -1
                line = source.count("\n", 0, at) + 1 if at >= 0 else None
                where = Location(file=post.source, line=line, contest=contest.slug, field=name)
                problems.append(_problem(item, where, name))
    return problems


def _problem(item: PersonalData, where: Location, place: str) -> Problem:
    return Problem("PRV003", where, {"what": Text(f"problem.pii.{item.kind}"), "value": item.masked, "place": place})


def _read_text(path: Path) -> str | None:
    """The text of a regular file (UTF-8, a BOM dropped, bad bytes replaced); None otherwise.

    Read like every entry text (``core.files.read_entry_text``: a regular file inside its entry
    folder, opened without blocking, at most ``MAX_TEXT_BYTES``); what it refuses is reported by
    the reading stage, so it is simply not scanned here.
    """
    try:
        return read_entry_text(path)
    except (FileRefused, OSError):
        return None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [i + 1 for i, char in enumerate(text) if char == "\n"]
    return starts


# --- files that are another entry's private.yml ------------------------------------------------


def private_identities(entries_dir: Path) -> dict[tuple[int, int], Path]:
    """``(st_dev, st_ino)`` → path of every ``private.yml`` under ``entries_dir`` (any letter case).

    Both the file a link names and the link itself are listed. Symbolic links to folders are
    not followed (the file checks refuse them anyway). Unreadable folders are skipped.
    """
    found: dict[tuple[int, int], Path] = {}
    for folder, _, files in os.walk(entries_dir, followlinks=False):
        for name in files:
            if name.lower() != PRIVATE_NAME:
                continue
            path = Path(folder) / name
            for look in (os.lstat, os.stat):
                try:
                    info = look(path)
                except OSError:
                    continue
                found.setdefault((info.st_dev, info.st_ino), path)
    return found


def linked_private_files(entry: EntryRecord, identities: dict[tuple[int, int], Path]) -> list[Problem]:
    """``PRV004`` for each published file of ``entry`` that is (by identity or resolved path) a
    ``private.yml`` anywhere under entries/; ``identities`` from ``private_identities``."""
    problems = []
    for path, key in _published_with_keys(entry):
        private = _private_file(path, identities)
        if private is not None:
            problems.append(
                Problem(
                    "PRV004",
                    entry.location(key),
                    {"path": path.name, "private": _relative(private, entry.folder.parent.parent)},
                )
            )
    return problems


def _private_file(path: Path, identities: dict[tuple[int, int], Path]) -> Path | None:
    """The private.yml that ``path`` is (the same file by identity, or a link resolving to one); None."""
    try:
        info = os.stat(path)
        # a name changes only by a link at its end: the common plain file is not resolved component by component
        real = path.resolve(strict=True) if os.path.islink(path) else path
    except OSError:
        return None
    private = identities.get((info.st_dev, info.st_ino))
    if private is None and real.name.lower() == PRIVATE_NAME:
        private = real.resolve()
    return private


def _published_with_keys(entry: EntryRecord) -> list[tuple[Path, PathKey]]:
    """Each of ``entry.published_files()`` with the entry.yml key that names it."""
    spec = entry.spec
    keyed: list[tuple[Path | None, PathKey]] = [
        (entry.video_path, ("video",)),
        (entry.poster_path, ("poster",)),
        (entry.article_path, ("article",)),
        (entry.explanatory_text_path, ("explanatory_text",)),
    ]
    for subtitle, path in entry.subtitle_paths:
        index = next((i for i, s in enumerate(spec.subtitles) if s is subtitle), None)
        keyed.append((path, ("subtitles", index, "file") if index is not None else ("subtitles",)))
    known = {path for path, _ in keyed if path is not None}
    keyed += [(path, ()) for path in entry.published_files() if path not in known]
    return [(path, key) for path, key in keyed if path is not None]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name
