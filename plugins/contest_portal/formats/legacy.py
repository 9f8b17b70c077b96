"""Vietnamese typed in the legacy 8-bit encodings TCVN3 (ABC, fonts ".VnTime") and VNI (fonts
"VNI-Times"), found and converted to Unicode.

Such text reaches the tool as Latin-1 letters: a CSV saved by an old program, or an XLSX whose
cells were typed with a legacy font (Excel stores the Windows code page 1252 characters the
keyboard driver sent). "Nguyễn Thị Mẫu" typed in TCVN3 reads "NguyÔn ThÞ MÉu"; in VNI it reads
"Nguyeãn Thò Maãu". Both are recognisable: the text has no letter of Unicode Vietnamese (no
"ư", "đ", "ạ" … above U+00FF, which any real Vietnamese text of a few words has) and many
sequences real text never has (an upper-case accented letter inside a lower-case word, "®" or
"µ" between letters for TCVN3; a vowel followed by "ø", "ù", "û", "õ", "ï" for VNI).

Sources: TCVN 5712:1993 (the VN3 code table the ABC fonts use: lower-case letters only, upper
case comes from the ".VnTimeH" fonts with the same codes, so converted text is lower case where
those were used); the VNI Windows layout (a base vowel followed by one character for its
marks). Both are the tables Unikey's converter (UniKey Toolkit) uses.
"""

from __future__ import annotations

import re
import unicodedata

# --- TCVN3 (VN3): one byte per letter -------------------------------------------------------

# The vowels and their five toned forms in VN3 byte order: grave, hook, tilde, acute, dot below.
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TONE_MARKS = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # in the order above
_TCVN3_PLAIN = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
}
TCVN3 = {chr(code): letter for code, letter in _TCVN3_PLAIN.items()} | {
    chr(code): unicodedata.normalize("NFC", vowel + mark)
    for vowel, codes in _TCVN3_TONED.items()
    for code, mark in zip(codes, _TONE_MARKS)
}
_TCVN3_TABLE = str.maketrans(TCVN3)
# Sequences of TCVN3 text that Unicode Vietnamese never has: a VN3 letter that is a symbol in
# Latin-1 (µ ¶ · ¸ ¹ » ¼ ½ ¾ ¨ © ª « ¬ ® and the soft hyphen for "ư") next to a letter, or an
# upper-case accented Latin-1 letter after a lower-case one ("NguyÔn", "ThÞ").
_TCVN3_SIGN = re.compile(
    r"(?<=[a-zA-Z])[\u00a8-\u00ae\u00b5-\u00be]|[\u00a8-\u00ae\u00b5-\u00be](?=[a-z])"
    r"|(?<=[a-z])[\u00c6-\u00de](?![A-Z\u00c0-\u00de])"
)

# --- VNI: a base letter, then one character for its marks ----------------------------------

_VNI_MARKS = {  # lower-case mark character → (vowel mark, tone mark); upper case is the same letter upper-cased
    "ø": ("", "\u0300"),
    "ù": ("", "\u0301"),
    "û": ("", "\u0309"),
    "õ": ("", "\u0303"),
    "ï": ("", "\u0323"),
    "â": ("\u0302", ""),
    "á": ("\u0302", "\u0301"),
    "à": ("\u0302", "\u0300"),
    "å": ("\u0302", "\u0309"),
    "ã": ("\u0302", "\u0303"),
    "ä": ("\u0302", "\u0323"),
    "ê": ("\u0306", ""),
    "é": ("\u0306", "\u0301"),
    "è": ("\u0306", "\u0300"),
    "ú": ("\u0306", "\u0309"),
    "ü": ("\u0306", "\u0303"),
    "ë": ("\u0306", "\u0323"),
}
_VNI_SINGLE = {"ñ": "đ", "ô": "ơ", "ö": "ư", "î": "ỵ", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}  # and upper case
_VNI_BASES = "aeouyAEOUY" + "ôöÔÖ"
_VNI_MARK_CHARS = "".join(_VNI_MARKS) + "".join(_VNI_MARKS).upper()
_VNI_SEQUENCE = re.compile(
    f"([{_VNI_BASES}])([{_VNI_MARK_CHARS}]?)|([{''.join(_VNI_SINGLE)}{''.join(_VNI_SINGLE).upper()}])"
)
_VNI_SIGN = re.compile("(?<=[a-zA-Z])[aeouyAEOUY][øùûõïØÙÛÕÏäëÄË]|(?<=[a-z])[ñö](?=[a-z])")

#: Unicode letters that only real Vietnamese text (not text read in a legacy encoding) contains:
#: everything above Latin-1 (ă đ ĩ ũ ơ ư and the letters of U+1EA0–U+1EF9) and combining marks.
_UNICODE_VIETNAMESE = re.compile(r"[\u0100-\u024f\u0300-\u036f\u1ea0-\u1ef9]")


def detect(texts: list[str]) -> str | None:
    """ "TCVN3" or "VNI" when the texts of a table (all its cells, header too) were typed in that
    legacy encoding and read as Latin-1; None when they read as Unicode (or as plain ASCII).

    Decided over the whole table, not per cell: at least three tell-tale sequences and no
    letter of Unicode Vietnamese anywhere (a mixed table is left alone).
    """
    joined = "\n".join(texts)
    if _UNICODE_VIETNAMESE.search(joined):
        return None
    tcvn3, vni = len(_TCVN3_SIGN.findall(joined)), len(_VNI_SIGN.findall(joined))
    if max(tcvn3, vni) < 3:
        return None
    return "TCVN3" if tcvn3 >= vni else "VNI"


def convert(text: str, encoding: str) -> str:
    """``text`` (typed in ``encoding``, "TCVN3" or "VNI", read as Latin-1) as Unicode NFC."""
    if encoding == "TCVN3":
        return unicodedata.normalize("NFC", text.translate(_TCVN3_TABLE))
    return unicodedata.normalize("NFC", _VNI_SEQUENCE.sub(_vni_letter, text))


def _vni_letter(match: re.Match[str]) -> str:
    if match[3]:
        single = match[3]
        return _VNI_SINGLE[single] if single in _VNI_SINGLE else _VNI_SINGLE[single.lower()].upper()
    base, mark = match[1], match[2]
    if base.lower() in "ôö":
        base = _VNI_SINGLE[base] if base in _VNI_SINGLE else _VNI_SINGLE[base.lower()].upper()
    if not mark:
        return base
    vowel_mark, tone = _VNI_MARKS[mark.lower()]
    return unicodedata.normalize("NFC", base + vowel_mark + tone)
