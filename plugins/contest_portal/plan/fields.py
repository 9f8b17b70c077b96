"""What the extractor finds in a plan, and the small readings every part of it shares.

Shapes: ``Extraction.fields`` maps a contest.yml key path (``("document", "number")``,
``("timeline",)``) to a ``Field`` (the value, the paragraphs it came from, a ``question`` when the
plan's words give no value the tool can be sure of); ``Extraction.used`` holds the numbers of the
paragraphs a value came from; ``sections`` each paragraph's section ("III.3").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from contest_portal.core.values import Invalid, parse_moment
from contest_portal.plan.read_document import PlanLine, all_upper

__all__ = [
    "BULLET",
    "DATE",
    "HEADING",
    "MOMENT",
    "Extraction",
    "Field",
    "after_colon",
    "all_upper",
    "date_text",
    "is_furniture",
    "is_heading",
    "moment_text",
    "put_date",
    "strip_bullet",
]


@dataclass
class Field:
    """A drafted value and the plan paragraphs it came from; ``question``: why the value is left
    to the clerk (then ``value`` is None)."""

    value: Any
    sources: list[PlanLine]
    question: str | None = None


@dataclass
class Extraction:
    fields: dict[tuple[str, ...], Field] = field(default_factory=dict)
    sections: dict[int, str] = field(default_factory=dict)  # paragraph number → "IV.1"
    used: set[int] = field(default_factory=set)

    def put(self, path: tuple[str, ...], value: Any, *sources: PlanLine, question: str | None = None) -> None:
        if path in self.fields:  # the first statement wins; a repetition is still a used line
            self.fields[path].sources += [s for s in sources if s not in self.fields[path].sources]
        else:
            self.fields[path] = Field(value, list(sources), question)
        self.used.update(s.number for s in sources)


HEADING = re.compile(r"^(?P<mark>[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.\s*(?P<rest>.*)$")
BULLET = re.compile(r"^[-+•*–]\s*")
DATE = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{2,6})"
TIME = r"(\d{1,2})\s*(?:giờ|h|:)\s*(\d{2})?\s*(?:phút)?"
MOMENT = re.compile(rf"(?:{TIME},?\s*(?:ngày\s*)?)?{DATE}", re.IGNORECASE)


def is_furniture(text: str) -> bool:
    """A heading, a label or the closing sentence: no value of its own to draft (not reported unused)."""
    return bool(
        re.match(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.\s*[^:]{0,90}:?$", text)
        or re.match(r"^[-+]?\s*[^:]{1,40}:$", text)
        or text.startswith("Trên đây")
        or re.match(r"^(CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]\s*Tự do)", text)
    )


def is_heading(text: str) -> bool:
    rest = HEADING.match(text)
    return bool(rest) and (len(text) < 90 or ":" in text[:90])


def after_colon(text: str) -> str:
    return text.split(":", 1)[1].strip() if ":" in text else ""


def strip_bullet(text: str) -> str:
    return BULLET.sub("", text).strip()


# --- dates ------------------------------------------------------------------------------------


def date_text(day: str, month: str, year: str) -> str | None:
    """ "2024-09-30" for a day that exists, else None ("24/8/20224", "31/9/2024")."""
    if len(year) != 4:
        return None
    try:
        return str(parse_moment(f"{int(day)}/{int(month)}/{year}"))
    except Invalid:
        return None


def put_date(found: Extraction, path: tuple[str, ...], text: str, line: PlanLine) -> None:
    m = re.match(DATE, text)
    date = date_text(m[1], m[2], m[3]) if m else None
    found.put(path, date, line, question=None if date else "date")


def moment_text(m: re.Match) -> str | None:
    """A matched ``MOMENT`` as contest.yml writes it: "2024-09-30 17:00", "2024-09-30", None if impossible."""
    date = date_text(m[3], m[4], m[5])
    if date is None or m[1] is None:
        return date
    hour, minute = int(m[1]), int(m[2] or 0)
    if (hour, minute) == (24, 0):
        return date  # "24 giờ 00 ngày 15/10/2021": the whole day
    if hour > 23 or minute > 59:
        return None
    return f"{date} {hour:02d}:{minute:02d}"
