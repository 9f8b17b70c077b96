"""Parsers for the small value types of contest files.

Each parser takes what YAML produced (often a string, sometimes a date or a
number) and returns a typed value, or raises ``Invalid`` (a ``ValueError``) with a
message a clerk can act on: a catalogue key (``value.*`` in ``locales/<lang>/values.yml``)
rendered in the reader's language.  They are used by the pydantic models in ``schema.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from contest_portal.core.i18n import Text

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


class Invalid(ValueError):
    """A value that cannot be used; ``text`` explains it in the reader's language."""

    def __init__(self, key: str, /, **params: object):
        self.text = Text(key, **params)
        super().__init__(self.text.bilingual())


def parse_slug(value: object) -> str:
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise Invalid("value.slug")
    return value


# --- moments in time ------------------------------------------------------

PRECISIONS = ("minute", "day", "month", "quarter", "year")


@dataclass(frozen=True)
class Moment:
    """A point or period in Vietnam time, as precise as the document says.

    ``start`` and ``end`` bound the period: a whole day for ``2024-06-25``,
    the whole month for ``2024-09``, the whole quarter for ``2024-Q4``.
    """

    start: datetime
    end: datetime
    precision: str
    text: str

    def __str__(self) -> str:
        return self.text


_DATE_TIME_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
# Vietnamese office forms: 24/01/2025, 24-1-2025, 24.01.2025, then a time 16:30, 16h30, 16h,
# "16 giờ 30" (the day comes first: Decree 30/2020/ND-CP writes dates as day, month, year).
_OFFICE_DATE_RE = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:,?\s+(?:(?:lúc|luc)\s+)?(\d{1,2})\s*(?::|h|giờ|gio)\s*(\d{2})?(?::(\d{2}))?(?:\s*(?:phút|phut|p))?)?$",
    re.IGNORECASE,
)
# The time first, as offices also write: "16h30 ngày 24/01/2025", "16:30 24/01/2025".
_TIME_FIRST_RE = re.compile(
    r"^(\d{1,2})\s*(?::|h|giờ|gio)\s*(\d{2})?(?:\s*(?:phút|phut|p))?,?\s+(?:(?:ngày|ngay)\s+)?"
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$",
    re.IGNORECASE,
)
_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER_RE = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR_RE = re.compile(r"^(\d{4})$")


def _month_end(year: int, month: int) -> datetime:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return datetime.combine(nxt, time(), TIMEZONE) - timedelta(microseconds=1)


def parse_moment(value: object) -> Moment:
    """Parse a date, a date-time, a month, a quarter or a year into a Moment.

    ``2021-10-15 24:00`` is the end of 15/10/2021 (23:59:59.999999), the way plans write a deadline.
    Raises ``Invalid`` ("value.no_such_date" for 2024-02-30 or 25:00, "value.moment" otherwise).
    """
    if isinstance(value, datetime):
        dt = value if value.tzinfo else value.replace(tzinfo=TIMEZONE)
        dt = dt.astimezone(TIMEZONE)
        return Moment(dt, dt, "minute", dt.strftime("%Y-%m-%d %H:%M"))
    if isinstance(value, date):
        start = datetime.combine(value, time(), TIMEZONE)
        return Moment(start, start + timedelta(days=1, microseconds=-1), "day", value.isoformat())
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2999:
        value = str(value)
    if not isinstance(value, str):
        raise Invalid("value.moment")
    text = ascii_digits(value).strip()
    try:
        if m := _OFFICE_DATE_RE.match(text):
            return _office_moment(text, int(m[3]), int(m[2]), int(m[1]), m[4], m[5], m[6])
        if m := _TIME_FIRST_RE.match(text):
            return _office_moment(text, int(m[5]), int(m[4]), int(m[3]), m[1], m[2], None)
        if m := _DATE_TIME_RE.match(text):
            y, mo, d = int(m[1]), int(m[2]), int(m[3])
            if m[4] is None:
                return parse_moment(date(y, mo, d))
            if (int(m[4]), int(m[5]), int(m[6] or 0)) == (24, 0, 0):
                # "24 giờ 00 ngày 15/10/2021": the end of that day, as plans write a deadline
                day_end = parse_moment(date(y, mo, d)).end
                return Moment(day_end, day_end, "minute", text)
            dt = datetime(y, mo, d, int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=TIMEZONE)
            return Moment(dt, dt, "minute", text)
        if m := _MONTH_RE.match(text):
            y, mo = int(m[1]), int(m[2])
            start = datetime(y, mo, 1, tzinfo=TIMEZONE)
            return Moment(start, _month_end(y, mo), "month", text)
        if m := _QUARTER_RE.match(text):
            y, q = int(m[1]), int(m[2])
            start = datetime(y, 3 * q - 2, 1, tzinfo=TIMEZONE)
            return Moment(start, _month_end(y, 3 * q), "quarter", text)
        if m := _YEAR_RE.match(text):
            y = int(m[1])
            return Moment(datetime(y, 1, 1, tzinfo=TIMEZONE), _month_end(y, 12), "year", text)
    except ValueError:  # e.g. 2024-02-30
        raise Invalid("value.no_such_date", text=text) from None
    raise Invalid("value.moment")


def _office_moment(
    text: str, year: int, month: int, day: int, hour: str | None, minute: str | None, second: str | None
) -> Moment:
    """The Moment of a date (and time) an office typed day first; ``text`` is rewritten in ISO form."""
    if hour is None:
        return parse_moment(date(year, month, day))
    dt = datetime(year, month, day, int(hour), int(minute or 0), int(second or 0), tzinfo=TIMEZONE)
    return Moment(dt, dt, "minute", dt.strftime("%Y-%m-%d %H:%M"))


#: Excel counts days from 1899-12-30 (its serial 1 is 1900-01-01, and it keeps Lotus' 29 Feb 1900).
EXCEL_EPOCH = datetime(1899, 12, 30)


def excel_moment(value: object) -> Moment:
    """A Moment from a spreadsheet cell: a date or date-time cell, an Excel serial number
    (45681.6875 is 2025-01-24 16:30; from 1 = 1900-01-01 to 2958465 = 9999-12-31), or text
    ``parse_moment`` reads (ISO or day-first office forms). Raises Invalid."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        if isinstance(value, int) and 1900 <= value <= 2999:
            return parse_moment(value)  # a year, as YAML would read it
        moment = EXCEL_EPOCH + timedelta(days=float(value))
        if float(value).is_integer():
            return parse_moment(moment.date())
        return parse_moment(moment.replace(second=0, microsecond=0) + timedelta(minutes=round(moment.second / 60)))
    if isinstance(value, str) and re.fullmatch(r"\d{5}(?:[.,]\d+)?", ascii_digits(value).strip()):
        return excel_moment(float(ascii_digits(value).strip().replace(",", ".")))
    return parse_moment(value)


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text it shows: a whole number stored as a float (a formula's
    result, a sheet made by another program: 7.0) as "7", None as "", text stripped."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def ascii_digits(text: str) -> str:
    """Full-width digits and separators (typed with a Japanese or Chinese input method, or
    pasted from a PDF) as ASCII: '１６：３０' → '16:30'. Other characters are kept."""
    return text.translate(_FULL_WIDTH)


_FULL_WIDTH = {0xFF10 + i: ord("0") + i for i in range(10)} | {
    0xFF1A: ord(":"),
    0xFF0E: ord("."),
    0xFF0C: ord(","),
    0xFF0F: ord("/"),
    0xFF0D: ord("-"),
    0x3000: ord(" "),
}


# --- durations, sizes, resolutions, money -----------------------------------

_DURATION_RE = re.compile(
    r"^(?:(?P<h>\d+(?:[.,]\d+)?)\s*(?:h|giờ))?\s*(?:(?P<m>\d+(?:[.,]\d+)?)\s*(?:m|min|phút))?"
    r"\s*(?:(?P<s>\d+(?:[.,]\d+)?)\s*(?:s|sec|giây))?$"
)
_CLOCK_RE = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d+))?$")


def parse_duration(value: object) -> float:
    """Seconds from ``300``, ``"5m"``, ``"5 phút"``, ``"2 phút 35 giây"``, ``"1m30s"``,
    ``"00:05:00"`` or ``"2:35.9"`` (155.9: tenths kept, a quiz time must not lose them), or from a
    spreadsheet's time cell (a ``time`` or ``timedelta``, fractions of a second kept)."""
    if isinstance(value, bool):
        raise Invalid("value.duration")
    if isinstance(value, timedelta):
        if value.total_seconds() < 0:
            raise Invalid("value.duration")
        return value.total_seconds()
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1_000_000
    if isinstance(value, (int, float)):
        if value < 0:
            raise Invalid("value.duration")
        return float(value)
    if isinstance(value, str):
        text = ascii_digits(value).strip().lower()
        if m := _CLOCK_RE.match(text):
            return int(m[1] or 0) * 3600 + int(m[2]) * 60 + int(m[3]) + float(f"0.{m[4] or 0}")
        if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
            return float(text.replace(",", "."))
        m = _DURATION_RE.match(text)
        if text and m and any(m.group(g) for g in "hms"):
            hours, minutes, seconds = (float((m.group(g) or "0").replace(",", ".")) for g in "hms")
            return hours * 3600 + minutes * 60 + seconds
    raise Invalid("value.duration")


_SIZE_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3, "kib": 1024, "mib": 1024**2, "gib": 1024**3}
_SIZE_RE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([kmg]i?b|b)$")


def parse_size(value: object) -> int:
    """Bytes from ``"500 MB"``, ``"1 GB"``, ``"700MiB"`` or a plain number of bytes."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        m = _SIZE_RE.match(value.strip().lower())
        if m:
            return int(float(m[1].replace(",", ".")) * _SIZE_UNITS[m[2]])
    raise Invalid("value.size")


@dataclass(frozen=True)
class Resolution:
    width: int
    height: int

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"


_RES_RE = re.compile(r"^(\d{2,5})\s*[x×*]\s*(\d{2,5})$")


def parse_resolution(value: object) -> Resolution:
    if isinstance(value, str):
        m = _RES_RE.match(value.strip().lower().replace(".", ""))
        if m:
            return Resolution(int(m[1]), int(m[2]))
    raise Invalid("value.resolution")


def parse_aspect_ratio(value: object) -> tuple[int, int]:
    if isinstance(value, str):
        m = re.match(r"^(\d{1,3})\s*:\s*(\d{1,3})$", value.strip())
        if m and int(m[1]) > 0 and int(m[2]) > 0:
            return int(m[1]), int(m[2])
    raise Invalid("value.aspect_ratio")


MAX_VND = 10**12  # a thousand billion đồng: anything above is a typing mistake


def parse_vnd(value: object) -> int:
    """An amount of Vietnamese đồng from ``1000000``, ``"1.000.000"`` or ``"1.000.000 đ"``."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_VND:
        return value
    if isinstance(value, str):
        text = re.sub(r"\s*(đồng|đ|vnđ|vnd|₫)\s*$", "", value.strip().lower())
        if re.fullmatch(r"\d{1,3}(?:[.,\s]\d{3})*|\d+", text) and int(re.sub(r"[.,\s]", "", text)) <= MAX_VND:
            return int(re.sub(r"[.,\s]", "", text))
    raise Invalid("value.vnd")


# --- links ---------------------------------------------------------------------------

_URL_RE = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)
_EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$", re.IGNORECASE)


def ambiguous_host(url: str) -> bool:
    """True when browsers and Python may not agree on the link's host:
    "https://evil.example\\@www.facebook.com/..." is facebook.com to urlsplit, evil.example to a browser."""
    return "\\" in url or "@" in urlsplit(url).netloc or any(ord(c) < 33 for c in url)


def parse_http_url(value: object) -> str:
    """Only http(s) links are accepted: ``javascript:``, ``data:`` and others could run script."""
    if isinstance(value, str) and _URL_RE.match(value.strip()):
        text = value.strip()
        if ambiguous_host(text):
            raise Invalid("value.url_odd_characters")
        return text
    raise Invalid("value.url_scheme")


def parse_email(value: object) -> str:
    if isinstance(value, str) and _EMAIL_RE.match(value.strip()):
        return value.strip()
    raise Invalid("value.email")
