"""Vietnamese text compared the way people mean it: one fold, one slug, one name key.

Every comparison of names, titles, headers and search words goes through here, so the
Vietnamese fold (NFD, marks dropped, "đ" → "d", lower case) exists once.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_D = str.maketrans({"đ": "d", "Đ": "D"})  # "đ" is a letter of its own in Unicode, not "d" with a mark


def fold(text: str) -> str:
    """'Đơn vị Hòa Bình' → 'don vi hoa binh': lower case, without diacritics (NFD marks dropped)."""
    value = unicodedata.normalize("NFD", text).translate(_D)
    return "".join(c for c in value if unicodedata.category(c) != "Mn").lower()


def slugify(text: str) -> str:
    """'Nguyễn Văn Nam' → 'nguyen-van-nam' (judge ids, register entry ids, news slugs)."""
    return "-".join("".join(c if c.isalnum() else " " for c in fold(text)).split())


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


def normalize_name(name: str) -> str:
    """Compare names ignoring letter case, extra spaces and Unicode form (NFC/NFD).

    Diacritics still matter: "Lê Văn Hùng" and "Le Van Hung" are different people.
    """
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())
