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


_DATE_TIME_RE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
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
    text = value.strip()
    try:
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


# --- durations, sizes, resolutions, money -----------------------------------

_DURATION_RE = re.compile(
    r"^(?:(?P<h>\d+(?:[.,]\d+)?)\s*(?:h|giờ))?\s*(?:(?P<m>\d+(?:[.,]\d+)?)\s*(?:m|min|phút))?"
    r"\s*(?:(?P<s>\d+(?:[.,]\d+)?)\s*(?:s|sec|giây))?$"
)
_CLOCK_RE = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


def parse_duration(value: object) -> float:
    """Seconds from ``300``, ``"5m"``, ``"5 phút"``, ``"1m30s"`` or ``"00:05:00"``."""
    if isinstance(value, bool):
        raise Invalid("value.duration")
    if isinstance(value, (int, float)):
        if value < 0:
            raise Invalid("value.duration")
        return float(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if m := _CLOCK_RE.match(text):
            return int(m[1] or 0) * 3600 + int(m[2]) * 60 + int(m[3])
        m = _DURATION_RE.match(text)
        if text and m and any(m.group(g) for g in "hms"):
            num = lambda g: float((m.group(g) or "0").replace(",", "."))  # noqa: E731
            return num("h") * 3600 + num("m") * 60 + num("s")
    raise Invalid("value.duration")


_SIZE_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3,
               "kib": 1024, "mib": 1024**2, "gib": 1024**3}
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
