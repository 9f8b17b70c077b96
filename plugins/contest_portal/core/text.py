"""Vietnamese text compared the way people mean it: one fold, one slug, one name key.

Every comparison of names, titles, headers and search words goes through here, so the
Vietnamese fold (NFD, marks dropped, "đ" → "d", lower case) exists once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

_D = str.maketrans({"đ": "d", "Đ": "D"})  # "đ" is a letter of its own in Unicode, not "d" with a mark


def fold(text: str) -> str:
    """'Đơn vị Hòa Bình' → 'don vi hoa binh': lower case, without diacritics (NFD marks dropped)."""
    value = unicodedata.normalize("NFD", text).translate(_D)
    return "".join(c for c in value if unicodedata.category(c) != "Mn").lower()


def slugify(text: str, max_length: int | None = None) -> str:
    """'Nguyễn Văn Nam' → 'nguyen-van-nam' (judge ids, register entry ids, news slugs).

    ``max_length``: at most that many characters, cut between words (a first word longer than
    that is cut), never in the middle of a word: 'chuyen-doi-so-trong-tro-giup' not '…tro-gi'."""
    words = "".join(c if c.isalnum() else " " for c in fold(text)).split()
    slug = "-".join(words)
    if max_length is None or len(slug) <= max_length:
        return slug
    kept = ""
    for word in words:
        longer = f"{kept}-{word}" if kept else word
        if len(longer) > max_length:
            break
        kept = longer
    return kept or slug[:max_length]


def header_key(text: object) -> str:
    """'Mã tác phẩm ' → 'ma_tac_pham': a spreadsheet header however it is typed."""
    return re.sub(r"[^a-z0-9]+", "_", fold(str(text or ""))).strip("_")


@lru_cache(maxsize=4096)
def search_words(word: str) -> str:
    """'Cải cách hành chính' → 'cai cach hanh chinh': what the gallery and site search match.

    The browser folds the visitor's query the same way. Memoised: unit and author names repeat
    across thousands of entries.
    """
    return slugify(word).replace("-", " ")


# The five tone marks of Vietnamese (huyền, sắc, ngã, hỏi, nặng) as NFD combining characters. The
# other marks (circumflex, breve, horn) are part of the vowel and stay where they are.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"\w+")


def _tone_folded(word: str) -> str:
    """A word with its tone mark moved to its end: 'hòa' and 'hoà' both give 'hoa' + grave.

    A Vietnamese syllable has one tone; where the mark sits is a spelling convention (the old
    'hòa, thủy, khỏe' and the new 'hoà, thuỷ, khoẻ', both accepted by the Ministry of
    Education's rules of 2018 and in use in administrative documents), so it never tells two
    names apart. Which tone it is still does, and so does its absence.
    """
    letters = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in letters if c in _TONES)
    return unicodedata.normalize("NFC", "".join(c for c in letters if c not in _TONES)) + tones


def normalize_name(name: str) -> str:
    """The key under which two Vietnamese names are the same name (units, people, groups).

    Unicode form (NFC/NFD), letter case, spaces and where the tone mark is placed ("Thủy" and
    "Thuỷ", "Hòa" and "Hoà", "Ủy" and "Uỷ") do not matter; diacritics do: "Lê Văn Hùng" and
    "Le Van Hung" are different people, "Hòa" is not "Hoa". The result is for comparing only
    (it holds tone marks after the letters), never for showing.
    """
    text = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return _WORD.sub(lambda m: _tone_folded(m.group()), text)


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The standard abbreviations of unit types (``abbreviations.yml``), longest first."""
    import yaml

    data = (
        yaml.safe_load(resources.files("contest_portal.core").joinpath("abbreviations.yml").read_text(encoding="utf-8"))
        or {}
    )
    pairs = sorted(
        ((normalize_name(short), normalize_name(full)) for short, full in data.items()), key=lambda pair: -len(pair[0])
    )
    return tuple((re.compile(rf"(?<!\w){re.escape(short)}(?:\.|(?!\w))\s*"), full + " ") for short, full in pairs)


def unit_key(name: str) -> str:
    """``normalize_name`` with the unit-type abbreviations written out: 'UBND xã Vĩnh Hoà',
    'Ủy ban nhân dân xã Vĩnh Hòa' and 'ubnd  xã vĩnh hòa' give one key; 'TT' is 'thị trấn'."""
    key = normalize_name(name)
    for pattern, full in _abbreviations():
        key = pattern.sub(full, key)
    return " ".join(key.split())


def unit_place_key(name: str) -> str:
    """``unit_key`` without a leading "Ủy ban nhân dân": offices name a commune's or a town's
    committee by the place alone ("TT Cam Lộ" for "UBND thị trấn Cam Lộ"); a second, looser key,
    for a match that is the only one."""
    key = unit_key(name)
    committee = unit_key("UBND") + " "
    return key[len(committee) :] if key.startswith(committee) else key


def closest_name(name: str, candidates: list[str], key: Callable[[str], str] = unit_key) -> str | None:
    """The candidate most like ``name`` once both are keyed (for "did you mean ..."), or None
    when none is close (difflib ratio below 0.75)."""
    import difflib

    keyed = {key(candidate): candidate for candidate in candidates}
    found = difflib.get_close_matches(key(name), list(keyed), n=1, cutoff=0.75)
    return keyed[found[0]] if found else None


def known_number(number: str | None) -> str:
    """A document's number as far as it is known, for a public page: "11/KH-UBND" as it is; "" for
    a number without its figures ("/KH-UBND", the plan not yet numbered), which a page leaves out
    rather than print "số /KH-UBND" (the papers print a fill-in blank instead: ``fill_number``)."""
    text = (number or "").strip()
    return "" if text.startswith("/") else text
