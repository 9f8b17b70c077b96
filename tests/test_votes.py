"""The public vote as offices have it: entries named by code, by the post's link or by title,
however the title is typed, in CSV and XLSX, with the snapshot's time."""

from __future__ import annotations

import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contest_portal.formats.schema import Milestone
from contest_portal.formats.tables import write_csv, write_xlsx
from contest_portal.formats.votes import link_key, read_votes
from contest_portal.pipeline import load_portal

#: Titles of real district contests' videos; the last two differ only by their diacritics.
TITLES = {
    "e-01": "Tài khoản định danh điện tử",
    "e-02": "Dịch vụ công trực tuyến toàn trình",
    "e-03": "Một cửa liên thông – gần dân, sát dân",
    "e-04": "Chuyển đổi số ở xã Vĩnh Hòa",
    "e-05": "Cải cách hành chính",
    "e-06": "Cài cách hành chính",
}
LINKS = {"e-02": "https://www.facebook.com/tuoitrehuyen/videos/1234567890/",
         "e-03": "https://www.facebook.com/permalink.php?story_fbid=555&id=100"}


def _portal(tmp_path, n: int = 6):
    folder = tmp_path / "entries" / "2024-video"
    folder.mkdir(parents=True)
    contest = {"year": 2024, "title": "Cuộc thi video cải cách hành chính", "organizer": {"name": "UBND huyện"},
               "entry_kinds": ["article"], "unit_categories": [{"id": "xa", "name": "Xã"}],
               "units": [{"id": "xa-1", "name": "UBND xã 1", "category": "xa"}],
               "prizes": {"tiers": [{"id": "bc", "name": "Giải Bình chọn", "count": 1, "basis": "public_vote"}]},
               "results": {"published": True}}
    (folder / "contest.yml").write_text(yaml.safe_dump(contest, allow_unicode=True), encoding="utf-8")
    for slug, title in list(TITLES.items())[:n]:
        entry = {"title": title, "kind": "article", "article": "bai.md", "authors": [{"name": "Tác giả"}],
                 "unit": "xa-1", "consent": {"publication": True}}
        if slug in LINKS:
            entry["links"] = {"fanpage": LINKS[slug]}
        (folder / slug).mkdir()
        (folder / slug / "entry.yml").write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
        (folder / slug / "bai.md").write_text("Bài\n", encoding="utf-8")
    portal = load_portal(tmp_path / "entries", probe=False)
    assert portal.errors == []
    return portal.contests[0]


def test_a_fanpage_export_by_title_and_link_with_its_snapshot_time(tmp_path):
    contest = _portal(tmp_path)
    # as Meta Business Suite exports a page's posts (Vietnamese interface), the titles typed by whoever posted
    write_xlsx(contest.folder / "_ket-qua" / "binh-chon.xlsx",
               ["Tiêu đề", "Liên kết cố định", "Cảm xúc", "Thời điểm"],
               [["TAI KHOAN  DINH DANH dien tu", "", "1.204", "30/9/2024 17:00"],
                ["", "https://m.facebook.com/tuoitrehuyen/videos/1234567890?fbclid=IwAR0x", 988, "30/9/2024 16:55"],
                ["“Một cửa liên thông - gần dân, sát dân”", "", 15, ""],
                ["Chuyển đổi số ở xã Vĩnh Hoà", "", 7, ""]])
    snapshot = read_votes(contest)
    assert snapshot.problems == []
    assert snapshot.counts == {"e-01": 1204, "e-02": 988, "e-03": 15, "e-04": 7}
    assert (snapshot.time.day, snapshot.time.month, snapshot.time.hour, snapshot.time.minute) == (30, 9, 17, 0)


def test_an_unmatched_or_ambiguous_title_is_said_with_the_closest_titles(tmp_path):
    contest = _portal(tmp_path)
    write_csv(contest.folder / "_ket-qua" / "binh-chon.csv", ["Tên tác phẩm", "Lượt thích", "Thời điểm"],
              [["Tài khoản định dang điện tử", 5, ""],      # a typo: not a title, the closest one named
               ["cai cach hanh chinh", 9, ""],              # without diacritics: two titles fold to it
               ["Cải cách hành chính", 12, "30/9/2024"],    # with them: the one
               ["Video hay nhất", 3, ""]])                  # like no title at all
    snapshot = read_votes(contest)
    assert snapshot.counts == {"e-05": 12}
    found = {p.where.line: p for p in snapshot.problems}
    assert [(found[line].code, line) for line in sorted(found)] == [("VOT002", 2), ("VOT003", 3), ("VOT002", 5)]
    assert "Tài khoản định danh điện tử (e-01)" in found[2].message("vi")
    assert "Cải cách hành chính (e-05)" in found[3].message("vi") and "Cài cách hành chính (e-06)" in found[3].message()
    assert found[5].values["closest"] == "–"


def test_a_post_caption_holding_a_whole_title_counts_for_it_and_is_said(tmp_path):
    contest = _portal(tmp_path)
    write_csv(contest.folder / "_ket-qua" / "binh-chon.csv", ["Tiêu đề", "Reactions", "Thời điểm"],
              [["Dịch vụ công trực tuyến toàn trình #CCHC #dichvucong", 40, "30/9/2024"],  # hashtags: the title
               ["Tác phẩm dự thi số 1: Tài khoản định danh điện tử", 30, ""],         # a caption holding one title
               ["Phát động cuộc thi: cai cach hanh chinh", 20, ""],                    # two titles, without marks
               ["Phát động cuộc thi video", 10, ""],                                  # holding none
               ["E-04", 5, ""]])                                                       # a code in the titles' column
    snapshot = read_votes(contest)
    assert snapshot.counts == {"e-02": 40, "e-01": 30, "e-04": 5}
    assert [(p.code, p.where.line, p.severity.value) for p in snapshot.problems] == [
        ("VOT005", 3, "warning"), ("VOT003", 4, "error"), ("VOT002", 5, "error")]
    assert snapshot.problems[0].message("vi") == ("Dòng 'Tác phẩm dự thi số 1: Tài khoản định danh điện tử' được "
                                                   "tính cho tác phẩm Tài khoản định danh điện tử (e-01) (dòng có "
                                                   "chứa đủ tên tác phẩm)")


def test_a_link_no_entry_has_and_a_file_naming_no_work(tmp_path):
    contest = _portal(tmp_path)
    path = contest.folder / "_ket-qua" / "binh-chon.csv"
    write_csv(path, ["Mã tác phẩm", "Đường dẫn", "Số bình chọn", "Thời điểm"],
              [["", "https://www.facebook.com/permalink.php?id=100&story_fbid=555&mibextid=abc", 4, "30/9/2024"],
               ["", "https://www.facebook.com/tuoitrehuyen/videos/999/", 8, ""],
               ["E-05", "https://www.facebook.com/tuoitrehuyen/videos/999/", 6, ""]])  # the code comes first
    snapshot = read_votes(contest)
    assert snapshot.counts == {"e-03": 4, "e-05": 6}
    assert [(p.code, p.where.line) for p in snapshot.problems] == [("VOT004", 3)]
    write_csv(path, ["STT", "Lượt thích"], [[1, 4]])
    assert [p.code for p in read_votes(contest).problems] == ["VOT001"]


def test_a_vote_line_by_title_shows_in_validate_text_output(tmp_path, capsys):
    import build as cli

    from .conftest import write_mkdocs_yml

    contest = _portal(tmp_path)
    write_csv(contest.folder / "_ket-qua" / "binh-chon.csv", ["Tên tác phẩm", "Lượt thích"], [["Tai khoan dinh danh", 5]])
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["validate", "-f", str(config)]) == 1
    out = capsys.readouterr().out
    assert "VOT002" in out and "Tài khoản định danh điện tử (e-01)" in out


@pytest.mark.parametrize("typed,key", [
    ("https://www.facebook.com/x/videos/12/", "facebook.com/x/videos/12"),
    ("facebook.com/x/videos/12?fbclid=1&utm_source=zalo", "facebook.com/x/videos/12"),
    ("https://m.youtube.com/watch?v=abc&t=30s", "youtube.com/watch?v=abc"),
    ("không phải đường dẫn", ""),
])
def test_link_keys(typed, key):
    assert link_key(typed) == key


def _tone_moved(text: str) -> str:
    """The new-style tone placement ("hoà" for "hòa"): the tone mark moved onto the second vowel."""
    return text.replace("òa", "oà").replace("ỏa", "oả").replace("ủy", "uỷ").replace("Hòa", "Hoà")


def _without_marks(text: str) -> str:
    letters = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in letters if unicodedata.category(c) != "Mn")


#: The ways a title is typed: each a function of the title, applied in any combination.
TYPINGS = {
    "upper": str.upper, "lower": str.lower, "title": str.title,
    "spaces": lambda s: "  " + s.replace(" ", "   ") + " ",
    "nfd": lambda s: unicodedata.normalize("NFD", s),
    "tone": _tone_moved,
    "quoted": lambda s: f"“{s}”",
    "no_marks": _without_marks,
    "hashtags": lambda s: f"{s} #CCHC #chuyendoiso",
    "caption": lambda s: f"Tác phẩm dự thi số 7: {s}",
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slug=st.sampled_from(sorted(TITLES)), typings=st.lists(st.sampled_from(sorted(TYPINGS)), max_size=4),
       fmt=st.sampled_from(["csv", "xlsx"]))
def test_however_a_title_is_typed_its_votes_count_for_it_or_it_is_said(tmp_path_factory, slug, typings, fmt):
    """The invariant over the ways a title is typed: the line's votes count for that entry (said
    by the warning VOT005 when the line holds more than the title), or (only when the diacritics
    are gone and another title has the same letters) VOT003 names it."""
    tmp = tmp_path_factory.mktemp("votes")
    contest = _portal(tmp)
    typed = TITLES[slug]
    for name in typings:
        typed = TYPINGS[name](typed)
    writer = write_xlsx if fmt == "xlsx" else write_csv
    writer(contest.folder / "_ket-qua" / f"binh-chon.{fmt}", ["Tên tác phẩm", "Số lượt bình chọn", "Thời điểm"],
           [[typed, 42, "30/09/2024 17:00"]])
    snapshot = read_votes(contest)
    if "no_marks" in typings and slug in ("e-05", "e-06"):
        assert snapshot.counts == {} and [p.code for p in snapshot.problems] == ["VOT003"]
        assert f"({slug})" in snapshot.problems[0].message("vi")
    else:
        assert snapshot.counts == {slug: 42}
        assert [p.code for p in snapshot.problems] == (["VOT005"] if "caption" in typings else [])


def test_counts_without_a_time_or_taken_before_the_voting_ends_are_said(tmp_path):
    contest = _portal(tmp_path)
    path = contest.folder / "_ket-qua" / "binh-chon.csv"
    write_csv(path, ["Mã tác phẩm", "Số bình chọn"], [["e-01", 4]])
    assert [(p.code, p.severity.value) for p in read_votes(contest).problems] == [("VOT006", "warning")]
    # the plan's voting ends at 17:00 on 30/9/2024 (as contest.yml writes it)
    contest.spec.timeline.append(Milestone.model_validate({"kind": "voting", "end": "2024-09-30 17:00"}))
    for taken, codes in (("30/9/2024 16:59", ["VOT007"]), ("30/9/2024", []), ("30/9/2024 17:00", []),
                         ("01/10/2024 08:00", [])):
        write_csv(path, ["Mã tác phẩm", "Số bình chọn", "Thời điểm"], [["e-01", 4, taken]])
        snapshot = read_votes(contest)
        assert [p.code for p in snapshot.problems] == codes, taken
    write_csv(path, ["Mã tác phẩm", "Số bình chọn", "Thời điểm"], [["e-01", 4, "30/9/2024 16:59"]])
    assert read_votes(contest).problems[0].message("vi") == (
        "Số lượt bình chọn lấy lúc 16:59 30/09/2024, trước khi hết thời gian bình chọn (17:00 30/09/2024)")
