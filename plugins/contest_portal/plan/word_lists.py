"""The numbers and bullets Word draws before list paragraphs, which are not in their text.

A plan's headings "I.", "1.", "1.1." and its "-" items are often Word's automatic numbering: the
paragraph's text (python-docx's ``paragraph.text``) has no "I." and no "-". ``ListLabels`` reads
the document's numbering definitions (``word/numbering.xml``: each list's levels with their
number format, label text such as "%1." or "%1.%2.", and start) and counts the paragraphs of each
list as Word does, so the reader sees "II. NỘI DUNG" and "- Tuyên truyền …" as a reader of the
printed page does. Source: ECMA-376 Part 1, §17.9 (numbering).
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

#: Number formats of ECMA-376 §17.18.59 this reader renders; others are counted as decimal.
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(number: int) -> str:
    """ "IV" for 4."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _formatted(number: int, kind: str) -> str:
    if kind == "upperRoman":
        return roman(number)
    if kind == "lowerRoman":
        return roman(number).lower()
    if kind == "upperLetter":
        return chr(ord("A") + (number - 1) % 26)
    if kind == "lowerLetter":
        return chr(ord("a") + (number - 1) % 26)
    return str(number)


class ListLabels:
    """The label Word draws before each list paragraph of ``document`` ("II.", "1.2.", "-"), in
    document order: call ``label`` once per paragraph, in order."""

    def __init__(self, document: Any):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → level → (format, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # a document without lists
            return
        abstract = {}
        for definition in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for level in definition.findall(qn("w:lvl")):
                kind, text, start = level.find(qn("w:numFmt")), level.find(qn("w:lvlText")), level.find(qn("w:start"))
                levels[int(level.get(qn("w:ilvl")))] = (
                    kind.get(qn("w:val")) if kind is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            abstract[definition.get(qn("w:abstractNumId"))] = levels
        for number in numbering.findall(qn("w:num")):
            reference = number.find(qn("w:abstractNumId"))
            if reference is not None:
                self.levels[number.get(qn("w:numId"))] = abstract.get(reference.get(qn("w:val")), {})

    def label(self, paragraph: Any) -> str | None:
        """The label of ``paragraph`` ("II.", "1.2.", "-" for a bullet), None when it is in no list."""
        properties = paragraph._p.pPr
        numbering = properties.numPr if properties is not None else None
        if numbering is None and paragraph.style is not None and paragraph.style.element.pPr is not None:
            numbering = paragraph.style.element.pPr.numPr  # a list style ("List Bullet", "List Number")
        if numbering is None or numbering.numId is None:
            return None
        list_id = str(numbering.numId.val)
        level = int(numbering.ilvl.val) if numbering.ilvl is not None else 0
        levels = self.levels.get(list_id)
        if not levels or level not in levels:
            return None
        kind, text, _start = levels[level]
        if kind == "bullet":
            return "-"
        if kind == "none":
            return None
        counters = self.counters.setdefault(list_id, {})
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counters if k > level]:  # a new item restarts the levels below it
            del counters[deeper]
        for outer in range(level):
            counters.setdefault(outer, levels.get(outer, ("decimal", "", 1))[2])
        for outer in range(level, -1, -1):
            outer_kind = levels.get(outer, ("decimal", "", 1))[0]
            text = text.replace(f"%{outer + 1}", _formatted(counters[outer], outer_kind))
        return text.strip() or None
