"""Parsing dates, durations, sizes, resolutions and amounts of money."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from contest_portal.core import values
from contest_portal.core.i18n import Translator


def test_moment_precisions():
    day = values.parse_moment(date(2024, 6, 25))
    assert day.precision == "day"
    assert day.end.hour == 23 and day.end.minute == 59
    minute = values.parse_moment("2024-09-30 17:00")
    assert (minute.start.hour, minute.start.utcoffset()) == (17, timedelta(hours=7))
    month = values.parse_moment("2024-09")
    assert (month.start.day, month.end.day) == (1, 30)
    quarter = values.parse_moment("2024-Q4")
    assert (quarter.start.month, quarter.end.month, quarter.end.day) == (10, 12, 31)
    assert values.parse_moment(2024).precision == "year"


def test_naive_datetime_is_vietnam_time():
    moment = values.parse_moment(datetime(2024, 9, 30, 17, 0, 0))
    assert moment.start.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize("bad", ["2024/9/30", "30/9", "tháng 9", "", True])
def test_bad_moments_explain_the_format(bad):
    with pytest.raises(values.Invalid) as caught:
        values.parse_moment(bad)
    assert "NĂM-THÁNG-NGÀY" in Translator("vi").render(caught.value.text)
    assert "YEAR-MONTH-DAY" in Translator("en").render(caught.value.text)


def test_impossible_date_is_named():
    with pytest.raises(values.Invalid) as caught:
        values.parse_moment("2024-02-30")
    assert Translator("en").render(caught.value.text) == "no such date: 2024-02-30"
    assert Translator("vi").render(caught.value.text) == "ngày không tồn tại: 2024-02-30"
    assert str(caught.value) == "ngày không tồn tại: 2024-02-30 (no such date: 2024-02-30)"


@pytest.mark.parametrize(
    "text,seconds",
    [(300, 300), ("5 phút", 300), ("10m", 600), ("1m30s", 90), ("90 giây", 90), ("00:05:00", 300), ("1h", 3600)],
)
def test_durations(text, seconds):
    assert values.parse_duration(text) == seconds


def test_duration_rejects_nonsense():
    with pytest.raises(ValueError):
        values.parse_duration("năm phút")


def test_sizes_resolutions_ratios():
    assert values.parse_size("500 MB") == 500_000_000
    assert values.parse_size("1 GiB") == 1024**3
    assert values.parse_resolution("1920x1080") == values.Resolution(1920, 1080)
    assert values.parse_resolution("1.280 x 720") == values.Resolution(1280, 720)
    assert values.parse_aspect_ratio("16:9") == (16, 9)
    with pytest.raises(ValueError, match="969"):
        values.parse_aspect_ratio(969)  # what YAML makes of an unquoted 16:9


@pytest.mark.parametrize(
    "text,amount", [(1000000, 1000000), ("1.000.000", 1000000), ("1.000.000 đ", 1000000), ("500000 VND", 500000)]
)
def test_vnd(text, amount):
    assert values.parse_vnd(text) == amount


def test_vnd_rejects_decimals_and_negatives():
    for bad in ("1,5 triệu", -1, 2.5):
        with pytest.raises(ValueError):
            values.parse_vnd(bad)


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example\\@www.facebook.com/video",
        "https://user@www.facebook.com/v",
        "https://www.facebook.com/v\\x",
    ],
)
def test_links_that_browsers_would_read_differently_are_refused(url):
    with pytest.raises(values.Invalid) as caught:
        values.parse_http_url(url)
    assert "chép lại" in str(caught.value.text)


@pytest.mark.parametrize(
    "typed, iso",
    [
        ("24/01/2025 16:30", "2025-01-24 16:30"),
        ("24/1/2025", "2025-01-24"),
        ("24-01-2025 16h30", "2025-01-24 16:30"),
        ("16h30 ngày 24/01/2025", "2025-01-24 16:30"),
        ("24.01.2025 16 giờ 30", "2025-01-24 16:30"),
        ("24/01/2025 16h", "2025-01-24 16:00"),
        ("２４/０１/２０２５ １６：３０", "2025-01-24 16:30"),
    ],
)
def test_dates_as_offices_type_them_day_first(typed, iso):
    assert values.parse_moment(typed).text == iso


@pytest.mark.parametrize(
    "cell, iso",
    [
        (45681.6875, "2025-01-24 16:30"),
        (45681, "2025-01-24"),
        ("45681,6875", "2025-01-24 16:30"),
        (2025, "2025"),
        (datetime(2025, 1, 24, 16, 30), "2025-01-24 16:30"),
    ],
)
def test_spreadsheet_date_cells_and_excel_serials(cell, iso):
    assert values.excel_moment(cell).text == iso


@pytest.mark.parametrize(
    "typed, seconds",
    [
        ("2 phút 35 giây", 155.0),
        ("2:35.9", 155.9),
        ("00:02:35,25", 155.25),
        ("95", 95.0),
        ("95,5", 95.5),
        ("２:３５", 155.0),
    ],
)
def test_durations_as_quiz_sheets_write_them(typed, seconds):
    assert values.parse_duration(typed) == pytest.approx(seconds)


def test_time_cells_keep_their_fractions_of_a_second():
    from datetime import time, timedelta

    assert values.parse_duration(time(0, 2, 35, 900000)) == pytest.approx(155.9)
    assert values.parse_duration(timedelta(minutes=2, seconds=35, microseconds=900000)) == pytest.approx(155.9)


def test_24_00_is_the_end_of_the_day_and_reads_so():
    moment = values.parse_moment("2021-10-15 24:00")
    assert moment.end == datetime(2021, 10, 15, 23, 59, 59, 999999, tzinfo=values.TIMEZONE)
    assert Translator("vi").moment(moment) == "hết ngày 15/10/2021"
    with pytest.raises(values.Invalid):
        values.parse_moment("2021-10-15 24:01")
