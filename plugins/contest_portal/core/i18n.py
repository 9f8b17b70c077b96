"""Translations of generated text and the Vietnamese/English formatting of values.

Strings live in ``locales/<lang>.yml`` (flat ``key: text`` maps).  Numbers and
dates are formatted with Babel, so grouping and month names follow CLDR;
only the patterns that Vietnamese documents use (``30/9/2024``, ``Quý IV/2024``,
``1.000.000 đ``) are chosen here.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from contest_portal.core.values import Moment

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    text = resources.files("contest_portal").joinpath("locales", f"{lang}.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


class Translator:
    """``t("key", name=value)`` looks up a string and fills its placeholders."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE):
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self.strings = catalog(self.lang)
        self.fallback = catalog(DEFAULT_LANGUAGE)

    def __call__(self, key: str, **values) -> str:
        text = self.strings.get(key) or self.fallback.get(key) or key
        return text.format(**values) if values else text

    # --- values -------------------------------------------------------------

    def money(self, amount: int | None) -> str:
        if amount is None:
            return self("prize.amount_unset")
        return f"{format_decimal(amount, locale=self.lang)} {self('currency.symbol')}"

    def date(self, value) -> str:
        return format_date(value, "d/M/yyyy" if self.lang == "vi" else "d MMM yyyy", locale=self.lang)

    def moment(self, moment: Moment | None) -> str:
        if moment is None:
            return ""
        start = moment.start
        if moment.precision == "minute":
            return self.moment_of(start)
        if moment.precision == "day":
            return self.date(start.date())
        if moment.precision == "month":
            return self("date.month", month=start.month, year=start.year,
                        month_name=format_date(start.date(), "MMMM", locale=self.lang))
        if moment.precision == "quarter":
            quarter = (start.month - 1) // 3 + 1
            return self("date.quarter", roman=_ROMAN[quarter], quarter=quarter, year=start.year)
        return str(start.year)

    def moment_of(self, value) -> str:
        """A datetime written like a minute-precise moment ("17:00 ngày 30/9/2024")."""
        pattern = "HH:mm 'ngày' d/M/yyyy" if self.lang == "vi" else "d MMM yyyy, HH:mm"
        return format_datetime(value, pattern, tzinfo=value.tzinfo, locale=self.lang)

    def instant(self, value) -> str:
        """A deadline: "1/5/2025" at midnight, "hết ngày 30/9/2024" at the end of a day, else with the time."""
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return self.date(value.date())
        if (value.hour, value.minute, value.second) == (23, 59, 59):
            return self("date.end_of_day", date=self.date(value.date()))
        return self.moment_of(value)

    def moment_range(self, start: Moment | None, end: Moment | None) -> str:
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
