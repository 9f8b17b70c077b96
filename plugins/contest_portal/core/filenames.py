"""File names as people type them: the name inside a pasted path, names Windows refuses, and a
key that matches a name however its diacritics, case and spacing were typed.

Where a person types a file name (the register's video column, ``video:`` in entry.yml), the
office works on Windows: they paste a path from Explorer (``D:\\VIDEO DU THI\\a.mp4``, a network
share ``\\\\may-chu\\chung\\b.mp4``, ``"Video/c.mp4"`` with the quotes "Copy as path" adds), and the
entry folders are copied to Windows PCs and USB sticks. Rules from Microsoft's "Naming Files,
Paths, and Namespaces" (Win32 file naming conventions): the reserved names CON, PRN, AUX, NUL,
COM1–COM9, LPT1–LPT9 (with any extension), the characters ``< > : " / \\ | ? *`` and control
characters, and a name's trailing dots and spaces, which Windows drops ("a.mp4." is "a.mp4").
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PureWindowsPath

from contest_portal.core.i18n import Text
from contest_portal.core.text import slugify

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def base_name(typed: str) -> str:
    """The file name in what a person typed: the last part of a Windows or POSIX path (drive
    letter, UNC share and folders dropped), without surrounding quotes or spaces, its trailing
    dots and spaces dropped as Windows drops them, NFC. ``'"D:\\VIDEO DU THI\\a.mp4"'`` → ``a.mp4``."""
    text = unicodedata.normalize("NFC", typed).strip().strip("\"'").strip()
    name = PureWindowsPath(text.replace("/", "\\")).name if text else ""
    return name.rstrip(". ")


#: what a person pastes into a file-name cell that is no file name: a web address (a Google Drive or
#: Zalo link to the video) or a spreadsheet formula written out as text ("=HYPERLINK(…)")
_LINK = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://|^\s*www\.")
_FORMULA = re.compile(r"^\s*=")


def typed_name_refusal(typed: str) -> Text | None:
    """Why what a person typed where a file name is expected gives no file name (a Text), or None:
    a link or a formula first (their last path part, "evil.example", is no file the office has),
    then what Windows refuses in its file name (``base_name``, ``windows_refusal``)."""
    if _LINK.search(typed):
        return Text("filename.link")
    if _FORMULA.match(typed.strip().lstrip("'")):  # (a CSV writer's ' before a formula kept it text)
        return Text("filename.formula")
    return windows_refusal(base_name(typed))


def windows_refusal(name: str) -> Text | None:
    """Why Windows would refuse ``name`` as a file name (a Text for a message), or None."""
    if not name:
        return Text("filename.empty")
    if name.split(".", 1)[0].rstrip(" ").upper() in _RESERVED:
        return Text("filename.reserved", name=name.split(".", 1)[0])
    if found := _FORBIDDEN.search(name):
        char = found.group()
        return Text("filename.character", char=char if char.isprintable() else f"U+{ord(char):04X}")
    if len(name) > 255:
        return Text("filename.long")
    return None


def name_key(name: str) -> str:
    """A file name compared as people mean it: diacritics, letter case, spaces and punctuation
    of its stem do not count, nor the case of its extension. "Tài khoản  định danh.MP4" and
    "tai-khoan-dinh-danh.mp4" have the same key."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    return slugify(stem) + "." + suffix.casefold()


def same_on_windows(one: str, other: str) -> bool:
    """Whether two file names are one file on Windows (case does not count there)."""
    return unicodedata.normalize("NFC", one).casefold() == unicodedata.normalize("NFC", other).casefold()
