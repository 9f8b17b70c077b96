"""The site writer: each in-memory output's bytes, and never two files at one path (SIT001)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from contest_portal.publish.outputs import output_bytes
from contest_portal.publish.site_paths import DuplicateOutput, SitePaths
from contest_portal.site.exports import Table
from contest_portal.site.ics import CalendarEvent, ContestCalendar
from contest_portal.site.pages import OutputSpec


def test_csv_and_json_bytes():
    table = Table(["Giải", "Mã"], [["Nhất", "=1+1"], ["Nhì", None]])
    assert output_bytes(
        OutputSpec("c/ket-qua.csv", "csv", table)
    ) == '\ufeff"Giải","Mã"\r\n"Nhất","\'=1+1"\r\n"Nhì",""\r\n'.encode("utf-8")  # every field quoted
    assert json.loads(output_bytes(OutputSpec("c/ket-qua.json", "json", {"tên": "Nhất"}))) == {"tên": "Nhất"}


def test_a_dated_xlsx_is_the_same_bytes_twice():
    table = Table(["a"], [[1]], "sheet", dated=datetime(2025, 1, 1))
    first = output_bytes(OutputSpec("x.xlsx", "xlsx", table))
    assert first[:2] == b"PK" and first == output_bytes(OutputSpec("x.xlsx", "xlsx", table))


def test_calendar_bytes():
    calendar = ContestCalendar(
        "Cuộc thi",
        [CalendarEvent("c-1@contest-portal", "Nộp bài – Cuộc thi", date(2025, 5, 1), date(2025, 6, 1))],
        stamp=datetime(2025, 1, 1, 8, 0),
        url="https://example.org/c/",
    )
    text = output_bytes(OutputSpec("c/lich.ics", "ics", calendar)).decode("utf-8")
    assert "BEGIN:VEVENT" in text and "DTSTART;VALUE=DATE:20250501" in text and "URL:https://example.org/c/" in text


def test_the_same_path_twice_is_refused_with_sit001():
    paths = SitePaths()
    paths.claim("c/ket-qua.json")
    paths.claim("c/ket-qua.csv")
    with pytest.raises(DuplicateOutput) as caught:
        paths.claim("c/ket-qua.json")
    assert caught.value.problem.code == "SIT001" and caught.value.problem.values == {"path": "c/ket-qua.json"}
    assert paths.claimed == ["c/ket-qua.json", "c/ket-qua.csv"]


def test_a_path_taken_by_another_file_is_refused():
    taken = frozenset({"c/lich.ics"})  # e.g. MkDocs' files.src_uris: a hand-written file at that path
    with pytest.raises(DuplicateOutput, match="c/lich.ics"):
        SitePaths(taken=taken).claim("c/lich.ics")


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="pdf"):
        output_bytes(OutputSpec("c/x.pdf", "pdf", None))  # type: ignore[arg-type]


def test_a_build_refuses_a_hand_written_file_at_an_output_path(tmp_path, tree, caplog, capsys):
    """The plugin claims every output's path: a file of site_src/ at the calendar's path stops the build."""
    import build as cli

    from .conftest import write_mkdocs_yml

    tree.contest()  # its timeline makes 2025-thu-nghiem/lich-cuoc-thi.ics
    config = write_mkdocs_yml(tmp_path)
    (tmp_path / "docs" / "2025-thu-nghiem").mkdir()
    (tmp_path / "docs" / "2025-thu-nghiem" / "lich-cuoc-thi.ics").write_text("BEGIN:VCALENDAR\n", encoding="utf-8")
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == 1
    assert "SIT001" in caplog.text and "2025-thu-nghiem/lich-cuoc-thi.ics" in caplog.text
    assert "Traceback" not in caplog.text + capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_build_refuses_a_hand_written_file_at_a_media_path(tmp_path, tree, caplog, capsys):
    """Media are claimed by the same check as pages and outputs: a file of site_src/ where an entry's
    video is published stops the build with SIT001, before anything is linked into a site."""
    import build as cli

    from .conftest import write_mkdocs_yml

    tree.contest()
    tree.entry()  # its video is published at 2025-thu-nghiem/media/e-01/video.mp4
    config = write_mkdocs_yml(tmp_path)
    hand_written = tmp_path / "docs" / "2025-thu-nghiem" / "media" / "e-01"
    hand_written.mkdir(parents=True)
    (hand_written / "video.mp4").write_bytes(b"not the entry's video")
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == 1
    assert "SIT001" in caplog.text and "2025-thu-nghiem/media/e-01/video.mp4" in caplog.text
    assert "Traceback" not in caplog.text + capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_the_site_writer_claims_a_plan_once_and_publishes_it(tmp_path):
    """write_site: an output and a media file at one path is SIT001; a plan without one is written
    whole: the media file's bytes in the site (a file of its own, never the entry's), the folder marked."""
    from contest_portal.pipeline import write_site
    from contest_portal.publish.headers import PageScripts
    from contest_portal.publish.staging import MARKER
    from contest_portal.site.pages import MediaSpec, SitePlan

    source = tmp_path / "entries" / "video.mp4"
    source.parent.mkdir()
    source.write_bytes(b"\x00\x00\x00\x18ftypmp42 a video")
    clash = SitePlan(
        outputs=[OutputSpec("c/media/e-01/video.mp4", "json", {})],
        media={"v": MediaSpec("c/media/e-01/video.mp4", source)},
    )
    with pytest.raises(DuplicateOutput, match="c/media/e-01/video.mp4"):
        write_site(clash, tmp_path / "site")
    plan = SitePlan(
        outputs=[OutputSpec("c/ket-qua.json", "json", {"giải": 1})],
        media={"v": MediaSpec("c/media/e-01/video.mp4", source)},
    )
    writer = write_site(plan, tmp_path / "site", taken=frozenset({"index.md"}))
    assert writer.paths.claimed == ["c/ket-qua.json", "c/media/e-01/video.mp4"]
    assert [spec.src_uri for spec, _ in writer.outputs] == ["c/ket-qua.json"]
    assert json.loads(writer.outputs[0][1]) == {"giải": 1}
    writer.start(store=None, live=None)
    assert writer.published().copied == 1
    published = tmp_path / "site" / "c" / "media" / "e-01" / "video.mp4"
    assert published.read_bytes() == b"\x00\x00\x00\x18ftypmp42 a video" and not published.samefile(source)
    writer.mark()
    assert (tmp_path / "site" / MARKER).is_file()
    stats, packed = writer.finish(
        seen=PageScripts(), embed_origins=(), base_path="/", index=lambda: {"search_pages": 3}, precompress=False
    )
    assert stats == {"search_pages": 3} and packed is None
    with pytest.raises(DuplicateOutput, match="index.md"):
        write_site(SitePlan(outputs=[OutputSpec("index.md", "json", {})]), tmp_path / "site2", taken={"index.md"})
