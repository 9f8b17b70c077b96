"""The one catalogue of user-visible text, and the Vietnamese/English formatting of values.

Every text a user reads (pages, command line, problem messages and hints, value
and schema messages, sheet headers, the contest.yml template) lives in
``locales/<lang>/*.yml``: flat ``key: text`` maps, one file per domain, merged
into one catalogue per language.  Code refers to texts by key, either at once
(``t("key", name=value)``) or later through a language-neutral ``Text`` value
that is rendered in the reader's language (a problem's values, an exception).

Numbers and dates are formatted with Babel, so grouping and month names follow
CLDR; only the patterns that Vietnamese documents use (``30/09/2024``,
``Quý IV/2024``, ``1.000.000 đ``) are chosen here.
"""

from __future__ import annotations

from datetime import date as Date
from datetime import datetime, time
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

if TYPE_CHECKING:  # values imports Text from here
    from contest_portal.core.values import Moment

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every text of one language: the files of ``locales/<lang>/`` merged (a key defined twice is a bug)."""
    folder = resources.files("contest_portal").joinpath("locales", lang)
    merged: dict[str, str] = {}
    for part in sorted((f for f in folder.iterdir() if f.name.endswith(".yml")), key=lambda f: f.name):
        strings = yaml.safe_load(part.read_text(encoding="utf-8")) or {}
        twice = merged.keys() & strings.keys()
        if twice:
            raise ValueError(f"locales/{lang}/{part.name} defines again: {', '.join(sorted(twice))}")
        merged.update(strings)
    return merged


class Text:
    """A user-visible text not yet in a language: a catalogue key and the values of its placeholders.

    Values may themselves be ``Text``; everything is rendered when a reader's language is known
    (``Translator.render``).  ``str()`` gives the default language.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any):
        self.key = key
        self.params = params

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        params = "".join(f", {name}={value!r}" for name, value in self.params.items())
        return f"Text({self.key!r}{params})"

    def __str__(self) -> str:
        return Translator(DEFAULT_LANGUAGE)(self.key, **self.params)

    def bilingual(self) -> str:
        """ "Vietnamese (English)", for messages whose reader's language is not known."""
        vi, en = Translator("vi").render(self), Translator("en").render(self)
        return vi if vi == en else f"{vi} ({en})"


class Count(int):
    """A count a text names ("1.204 lượt"): rendered as the reader's language groups digits
    (``Translator.number``), where a plain int placeholder is written as it is (a year, a rank)."""


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


class Translator:
    """``t("key", name=value)`` looks up a string and fills its placeholders."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE):
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self.strings = catalog(self.lang)
        self.fallback = catalog(DEFAULT_LANGUAGE)

    def __call__(self, key: str, /, **values: Any) -> str:
        text = self.strings.get(key) or self.fallback.get(key) or key
        if not values:
            return text
        return text.format(**{name: self.render(value) for name, value in values.items()})

    def fill(self, key: str, values: dict[str, Any]) -> str:
        """Like ``t(key, **values)``, but a placeholder without a value is left empty (problem messages)."""
        text = self.strings.get(key) or self.fallback.get(key) or key
        return text.format_map(_Blank({name: self.render(value) for name, value in values.items()}))

    def render(self, value: Any) -> Any:
        """A ``Text`` in this language; any other value as it is."""
        if isinstance(value, Text):
            return self(value.key, **value.params)
        if isinstance(value, Count):
            return self.number(int(value))
        return value

    # --- values -------------------------------------------------------------

    def money(self, amount: int | None) -> str:
        if amount is None:
            return self("prize.amount_unset")
        return f"{format_decimal(amount, locale=self.lang)} {self('currency.symbol')}"

    def number(self, value: int | None) -> str:
        """A count as documents write it: "1.540" in Vietnamese, "1,540" in English ("" for None)."""
        return "" if value is None else format_decimal(value, locale=self.lang)

    def points(self, value: float | None) -> str:
        """A score with two decimals: "90,25" in Vietnamese, "90.25" in English ("" for None)."""
        return "" if value is None else format_decimal(value, format="#,##0.00", locale=self.lang)

    def decimal(self, value: float | None, places: int | None = None) -> str:
        """A number as written: without needless decimals ("60", "0,5" in Vietnamese), or with
        exactly ``places`` decimals ("90,00"); "" for None."""
        if value is None:
            return ""
        return format_decimal(
            value, format="#,##0" + ("." + "0" * places if places else "" if places == 0 else ".##"), locale=self.lang
        )

    def date(self, value: Date) -> str:
        return format_date(value, self("date.pattern"), locale=self.lang)

    def moment(self, moment: Moment | None) -> str:
        if moment is None:
            return ""
        start = moment.start
        if moment.precision == "minute" and start.time() == time.max:  # "24:00": the end of the day
            return self("date.end_of_day", date=self.date(start.date()))
        if moment.precision == "minute":
            return self.moment_of(start)
        if moment.precision == "day":
            return self.date(start.date())
        if moment.precision == "month":
            return self(
                "date.month",
                month=start.month,
                year=start.year,
                month_name=format_date(start.date(), "MMMM", locale=self.lang),
            )
        if moment.precision == "quarter":
            quarter = (start.month - 1) // 3 + 1
            return self("date.quarter", roman=_ROMAN[quarter], quarter=quarter, year=start.year)
        return str(start.year)

    def moment_of(self, value: datetime) -> str:
        """A datetime written like a minute-precise moment ("17:00 ngày 30/9/2024")."""
        return format_datetime(value, self("date.time_pattern"), tzinfo=value.tzinfo, locale=self.lang)

    def as_of(self, value: datetime, whole_day: bool = False) -> str:
        """When counts were taken: "lúc 17:00 ngày 10/07/2024", or for a date without an hour
        (``whole_day``) "hết ngày 10/07/2024" ("end of 10 Jul 2024")."""
        if whole_day:
            return self("date.end_of_day", date=self.date(value.date()))
        return self("date.at_time", time=self.moment_of(value))

    def instant(self, value: datetime) -> str:
        """A deadline: "1/5/2025" at midnight, "hết ngày 30/9/2024" at the end of a day, else with the time."""
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return self.date(value.date())
        if (value.hour, value.minute, value.second) == (23, 59, 59):
            return self("date.end_of_day", date=self.date(value.date()))
        return self.moment_of(value)

    def moment_range(self, start: Moment | None, end: Moment | None, *, before: bool = False) -> str:
        """ "từ 20/06/2024 đến hết ngày 25/06/2024"; with ``before`` (a strict deadline, "trước 16h00")
        the end reads "trước 16:00 ngày 14/11/2023"."""
        if end and before:
            last = self("date.before", end=self.moment(end))
            return self("date.range_before", start=self.moment(start), end=last) if start else last
        if start and end:
            return self("date.range", start=self.moment(start), end=self.moment_end(end))
        if end:
            return self("date.until", end=self.moment_end(end))
        return self.moment(start)

    def moment_end(self, moment: Moment) -> str:
        """An end given as a whole day reads "hết ngày 25/6/2024" in Vietnamese."""
        if moment.precision == "day":
            return self("date.end_of_day", date=self.date(moment.start.date()))
        return self.moment(moment)

    def duration(self, seconds: float | None) -> str:
        if seconds is None:
            return ""
        total = int(round(seconds))
        hours, rest = divmod(total, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"

    def duration_words(self, seconds: float | None) -> str:
        if seconds is None:
            return ""
        minutes, secs = divmod(int(round(seconds)), 60)
        if secs == 0:
            return self("duration.minutes", minutes=minutes)
        if minutes == 0:
            return self("duration.seconds", seconds=secs)
        return self("duration.minutes_seconds", minutes=minutes, seconds=secs)

    def size(self, size: int | None) -> str:
        if size is None:
            return ""
        for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
            if size >= factor:
                return f"{format_decimal(round(size / factor, 1), locale=self.lang)} {unit}"
        return f"{size} B"
