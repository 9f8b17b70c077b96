"""The plugin's options are typed: a wrong value stops at mkdocs.yml, naming the option."""

from __future__ import annotations

from datetime import datetime

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from contest_portal.core.values import TIMEZONE

from .conftest import write_mkdocs_yml


def _options(tmp_path, lines: str):
    config = write_mkdocs_yml(tmp_path)
    text = config.read_text(encoding="utf-8").replace('      today: "2024-09-20"\n', lines)
    config.write_text(text, encoding="utf-8")
    return load_config(str(config)).plugins["contest"].config


def test_good_values_are_read_into_their_types(tmp_path):
    options = _options(
        tmp_path,
        '      today: "2024-09-20 17:00"\n      poster_at: 0.25\n'
        "      video_base_url: https://video.example.vn/cuoc-thi\n"
        "      translations: {en: {Trang chủ: Home}}\n",
    )
    assert options.today == datetime(2024, 9, 20, 17, 0, tzinfo=TIMEZONE)
    assert options.poster_at == 0.25 and options.poster_timeout == 30.0  # the default
    assert options.video_base_url == "https://video.example.vn/cuoc-thi"
    assert options.translations == {"en": {"Trang chủ": "Home"}}
    assert options.site_languages is None and options.prepared_media is None  # handed over in code only


@pytest.mark.parametrize(
    "line, option",
    [
        ('      today: "2024-02-30"\n', "today"),  # no such day
        ("      poster_at: 1.5\n", "poster_at"),  # past the end of the video
        ("      poster_at: giữa\n", "poster_at"),  # not a number
        ("      poster_timeout: 0\n", "poster_timeout"),  # no time at all to decode
        ("      video_base_url: ftp://video.example.vn/\n", "video_base_url"),
        ("      video_base_url: javascript://x/%0aalert(1)\n", "video_base_url"),
        ("      translations: {en: [Home]}\n", "translations"),
        ("      site_languages: [vi]\n", "site_languages"),  # not for mkdocs.yml
    ],
)
def test_a_wrong_value_stops_at_mkdocs_yml_naming_the_option(tmp_path, caplog, line, option):
    with pytest.raises(Abort):
        _options(tmp_path, line)
    # MkDocs' message (Plugin 'contest' option 'poster_at': ...), or as the command line says it
    # (mục 'plugins → contest → poster_at'), once a run has put its filter on the log's handlers
    assert f"'{option}'" in caplog.text or f"→ {option}'" in caplog.text
