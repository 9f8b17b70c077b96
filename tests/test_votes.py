"""The public vote as offices have it: entries named by code, by the post's link or by title,
however the title is typed, in CSV and XLSX, with the snapshot's time."""

from __future__ import annotations

import re
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
LINKS = {
    "e-02": "https://www.facebook.com/tuoitrehuyen/videos/1234567890/",
    "e-03": "https://www.facebook.com/permalink.php?story_fbid=555&id=100",
}


def _portal(tmp_path, n: int = 6, titles: dict[str, str] | None = None, prizes: dict | None = None):
    folder = tmp_path / "entries" / "2024-video"
    folder.mkdir(parents=True)
    contest = {
        "year": 2024,
        "title": "Cuộc thi video cải cách hành chính",
        "organizer": {"name": "UBND huyện"},
        "entry_kinds": ["article"],
        "unit_categories": [{"id": "xa", "name": "Xã"}],
        "units": [{"id": "xa-1", "name": "UBND xã 1", "category": "xa"}],
        "prizes": prizes or {"tiers": [{"id": "bc", "name": "Giải Bình chọn", "count": 1, "basis": "public_vote"}]},
        "results": {"published": True},
    }
    (folder / "contest.yml").write_text(yaml.safe_dump(contest, allow_unicode=True), encoding="utf-8")
    for slug, title in list((titles or TITLES).items())[:n]:
        entry = {
            "title": title,
            "kind": "article",
            "article": "bai.md",
            "authors": [{"name": "Tác giả"}],
            "unit": "xa-1",
            "consent": {"publication": True},
        }
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
    write_xlsx(
        contest.folder / "_ket-qua" / "binh-chon.xlsx",
        ["Tiêu đề", "Liên kết cố định", "Cảm xúc", "Thời điểm"],
        [
            ["TAI KHOAN  DINH DANH dien tu", "", "1.204", "30/9/2024 17:00"],
            ["", "https://m.facebook.com/tuoitrehuyen/videos/1234567890?fbclid=IwAR0x", 988, "30/9/2024 16:55"],
            ["“Một cửa liên thông - gần dân, sát dân”", "", 15, ""],
            ["Chuyển đổi số ở xã Vĩnh Hoà", "", 7, ""],
        ],
    )
    snapshot = read_votes(contest)
    assert snapshot.problems == []
    assert snapshot.counts == {"e-01": 1204, "e-02": 988, "e-03": 15, "e-04": 7}
    assert snapshot.time is not None
    assert (snapshot.time.day, snapshot.time.month, snapshot.time.hour, snapshot.time.minute) == (30, 9, 17, 0)


def test_an_unmatched_or_ambiguous_title_is_said_with_the_closest_titles(tmp_path):
    contest = _portal(tmp_path)
    write_csv(
        contest.folder / "_ket-qua" / "binh-chon.csv",
        ["Tên tác phẩm", "Lượt thích", "Thời điểm"],
        [
            ["Tài khoản định dang điện tử", 5, ""],  # a typo: not a title, the closest one named
            ["cai cach hanh chinh", 9, ""],  # without diacritics: two titles fold to it
            ["Cải cách hành chính", 12, "30/9/2024"],  # with them: the one
            ["Video hay nhất", 3, ""],
        ],
    )  # like no title at all
    snapshot = read_votes(contest)
    assert snapshot.counts == {"e-05": 12}
    found = {p.where.line or 0: p for p in snapshot.problems}
    assert [(found[line].code, line) for line in sorted(found)] == [("VOT002", 2), ("VOT003", 3), ("VOT002", 5)]
    assert "Tài khoản định danh điện tử (e-01)" in found[2].message("vi")
    assert "Cải cách hành chính (e-05)" in found[3].message("vi") and "Cài cách hành chính (e-06)" in found[3].message()
    assert found[5].values["closest"] == "–"


def test_a_post_caption_holding_a_whole_title_counts_for_it_and_is_said(tmp_path):
    contest = _portal(tmp_path)
    write_csv(
        contest.folder / "_ket-qua" / "binh-chon.csv",
        ["Tiêu đề", "Reactions", "Thời điểm"],
        [
            ["Dịch vụ công trực tuyến toàn trình #CCHC #dichvucong", 40, "30/9/2024"],  # hashtags: the title
            ["Tác phẩm dự thi số 1: Tài khoản định danh điện tử", 30, ""],  # a caption holding one title
            ["Phát động cuộc thi: cai cach hanh chinh", 20, ""],  # two titles, without marks
            ["Phát động cuộc thi video", 10, ""],  # holding none
            ["E-04", 5, ""],
        ],
    )  # a code in the titles' column
    snapshot = read_votes(contest)
    assert snapshot.counts == {"e-02": 40, "e-01": 30, "e-04": 5}
    assert [(p.code, p.where.line, p.severity.value) for p in snapshot.problems] == [
        ("VOT005", 3, "warning"),
        ("VOT003", 4, "error"),
        ("VOT002", 5, "error"),
    ]
    assert snapshot.problems[0].message("vi") == (
        "Dòng 'Tác phẩm dự thi số 1: Tài khoản định danh điện tử' được "
        "tính cho tác phẩm Tài khoản định danh điện tử (e-01) (dòng có "
        "chứa đủ tên tác phẩm)"
    )


def test_a_link_no_entry_has_and_a_file_naming_no_work(tmp_path):
    contest = _portal(tmp_path)
    path = contest.folder / "_ket-qua" / "binh-chon.csv"
    write_csv(
        path,
        ["Mã tác phẩm", "Đường dẫn", "Số bình chọn", "Thời điểm"],
        [
            ["", "https://www.facebook.com/permalink.php?id=100&story_fbid=555&mibextid=abc", 4, "30/9/2024"],
            ["", "https://www.facebook.com/tuoitrehuyen/videos/999/", 8, ""],
            ["E-05", "https://www.facebook.com/tuoitrehuyen/videos/999/", 6, ""],
        ],
    )  # the code comes first
    snapshot = read_votes(contest)
    assert snapshot.counts == {"e-03": 4, "e-05": 6}
    assert [(p.code, p.where.line) for p in snapshot.problems] == [("VOT004", 3)]
    write_csv(path, ["STT", "Lượt thích"], [[1, 4]])
    assert [p.code for p in read_votes(contest).problems] == ["VOT001"]


def test_a_vote_line_by_title_shows_in_validate_text_output(tmp_path, capsys):
    import build as cli

    from .conftest import write_mkdocs_yml

    contest = _portal(tmp_path)
    write_csv(
        contest.folder / "_ket-qua" / "binh-chon.csv", ["Tên tác phẩm", "Lượt thích"], [["Tai khoan dinh danh", 5]]
    )
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["validate", "-f", str(config)]) == 1
    out = capsys.readouterr().out
    assert "VOT002" in out and "Tài khoản định danh điện tử (e-01)" in out


@pytest.mark.parametrize(
    "typed,key",
    [
        ("https://www.facebook.com/x/videos/12/", "facebook.com/x/videos/12"),
        ("facebook.com/x/videos/12?fbclid=1&utm_source=zalo", "facebook.com/x/videos/12"),
        ("https://m.youtube.com/watch?v=abc&t=30s", "youtube.com/watch?v=abc"),
        ("không phải đường dẫn", ""),
    ],
)
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
    "upper": str.upper,
    "lower": str.lower,
    "title": str.title,
    "spaces": lambda s: "  " + s.replace(" ", "   ") + " ",
    "nfd": lambda s: unicodedata.normalize("NFD", s),
    "tone": _tone_moved,
    "quoted": lambda s: f"“{s}”",
    "no_marks": _without_marks,
    "hashtags": lambda s: f"{s} #CCHC #chuyendoiso",
    "caption": lambda s: f"Tác phẩm dự thi số 7: {s}",
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    slug=st.sampled_from(sorted(TITLES)),
    typings=st.lists(st.sampled_from(sorted(TYPINGS)), max_size=4),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
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
    writer(
        contest.folder / "_ket-qua" / f"binh-chon.{fmt}",
        ["Tên tác phẩm", "Số lượt bình chọn", "Thời điểm"],
        [[typed, 42, "30/09/2024 17:00"]],
    )
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
    for taken, codes in (
        ("30/9/2024 16:59", ["VOT007"]),
        ("30/9/2024", []),
        ("30/9/2024 17:00", []),
        ("01/10/2024 08:00", []),
    ):
        write_csv(path, ["Mã tác phẩm", "Số bình chọn", "Thời điểm"], [["e-01", 4, taken]])
        snapshot = read_votes(contest)
        assert [p.code for p in snapshot.problems] == codes, taken
    write_csv(path, ["Mã tác phẩm", "Số bình chọn", "Thời điểm"], [["e-01", 4, "30/9/2024 16:59"]])
    assert read_votes(contest).problems[0].message("vi") == (
        "Số lượt bình chọn lấy lúc 16:59 30/09/2024, trước khi hết thời gian bình chọn (17:00 30/09/2024)"
    )


#: The Vĩnh Linh district's titles as entry.yml writes them (the sample's 2024 contest).
VINH_LINH = {
    "vl-01": "Dịch vụ công trực tuyến – người dân không phải đi lại",
    "vl-02": "Bộ phận Một cửa hiện đại ở xã Vĩnh Giang",
    "vl-06": "Tiểu phẩm: Bác Ba đi làm giấy khai sinh",
    "vl-07": "Chữ ký số – ký nhanh, làm việc mọi nơi",
}


def test_a_typed_list_with_a_total_row_and_an_announcement_post(tmp_path):
    """A hand-typed list: its "Tổng cộng" row below is skipped and said (TAB005, by the table
    reader), a row naming no entry whose count is the sum of those above too (VOT008); the fanpage's announcement post stays an error with
    the hint to delete it."""
    contest = _portal(tmp_path, titles=VINH_LINH)
    path = contest.folder / "_ket-qua" / "binh-chon.xlsx"
    write_xlsx(
        path,
        ["STT", "Tên video", "Lượt thích", "Thời điểm"],
        [
            [1, "Dịch vụ công trực tuyến – người dân không phải đi lại", 412, "10/7/2024 17:00"],
            [2, "BỘ PHẬN MỘT CỬA HIỆN ĐẠI Ở XÃ VĨNH GIANG", 988, "10/7/2024 17:00"],
            [3, "Thông báo phát động bình chọn Cuộc thi video CCHC năm 2024", 1500, "10/7/2024 17:00"],
            ["", "Tổng cộng", 2900, ""],
        ],
    )
    snapshot = read_votes(contest)
    assert snapshot.counts == {"vl-01": 412, "vl-02": 988}
    # the "Tổng cộng" row is one the table reader itself skips and says (TAB005), as in every sheet
    problems = sorted(snapshot.problems, key=lambda p: p.where.line or 0)
    assert [(p.code, p.where.line, p.severity.value) for p in problems] == [
        ("VOT002", 4, "error"),
        ("TAB005", 5, "warning"),
    ]
    assert "bài thông báo của fanpage" in problems[0].hint("vi")
    # no total word: the row naming no entry whose count is the sum of those above (412 + 988)
    write_xlsx(path, ["Tên video", "Lượt thích"], [[VINH_LINH["vl-01"], 412], [VINH_LINH["vl-02"], 988], ["", 1400]])
    assert [(p.code, p.where.line) for p in read_votes(contest).problems] == [("VOT008", 4), ("VOT006", None)]
    # a Meta export's English "Total" row is the table reader's closing row too, as "Tổng cộng" is
    write_xlsx(
        path, ["Tên video", "Lượt thích"], [[VINH_LINH["vl-01"], 412], [VINH_LINH["vl-02"], 988], ["Total", 1400]]
    )
    snapshot = read_votes(contest)
    assert snapshot.counts == {"vl-01": 412, "vl-02": 988}
    assert [(p.code, p.where.line) for p in snapshot.problems] == [("TAB005", 4), ("VOT006", None)]
    # an entry with exactly the sum of those above is an entry, not a total
    write_xlsx(
        path,
        ["Tên video", "Lượt thích"],
        [[VINH_LINH["vl-01"], 412], [VINH_LINH["vl-02"], 988], [VINH_LINH["vl-06"], 1400]],
    )
    assert read_votes(contest).counts == {"vl-01": 412, "vl-02": 988, "vl-06": 1400}


def test_an_entry_on_two_lines_counts_neither_and_names_both(tmp_path):
    contest = _portal(tmp_path, titles=VINH_LINH)
    path = contest.folder / "_ket-qua" / "binh-chon.csv"
    write_csv(
        path,
        ["Tên tác phẩm", "Lượt thích"],
        [
            ["Bộ phận Một cửa hiện đại ở xã Vĩnh Giang", 988],
            [VINH_LINH["vl-01"], 412],
            ["Bo phan Mot cua hien dai o xa Vinh Giang", 990],
        ],
    )
    snapshot = read_votes(contest)
    assert snapshot.counts == {"vl-01": 412}
    assert [(p.code, p.where.line, p.severity.value) for p in snapshot.problems] == [
        ("VOT009", 4, "error"),
        ("VOT006", None, "warning"),
    ]
    assert snapshot.problems[0].message("vi") == (
        "Tác phẩm Bộ phận Một cửa hiện đại ở xã Vĩnh Giang (vl-02) có hai dòng: dòng 2 (988 lượt) và dòng 4 "
        "(990 lượt); chưa tính dòng nào"
    )
    write_csv(path, ["Mã tác phẩm", "Lượt thích"], [["vl-01", 5], ["VL-01", 5]])  # by code
    assert [(p.code, p.where.line) for p in read_votes(contest).problems] == [("VOT009", 3)]


#: Meta Business Suite's export of a page's posts (English interface), as the tester had it.
META = [
    "Post ID",
    "Page name",
    "Title",
    "Description",
    "Publish time",
    "Permalink",
    "Reach",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
]


def _meta_row(title: str, description: str, link: str, reactions: int) -> list[object]:
    return [
        "123",
        "Đài Truyền thanh Vĩnh Linh",
        title,
        description,
        "07/01/2024 09:10",
        link,
        4120,
        reactions + 50,
        reactions,
        30,
        20,
    ]


def test_a_meta_business_suite_export_falls_back_to_titles_and_descriptions(tmp_path):
    """Entries without links.fanpage: a post's link matches none, so its title names it, else its
    description; VOT004 only when neither names an entry; a row naming nothing is VOT010 (not
    JUR002 "–"). The count is Reactions (the plan says "bình chọn"), never the sum with comments."""
    prizes = {"tiers": [{"id": "bc", "name": "Giải được bình chọn nhiều nhất", "count": 1, "basis": "public_vote"}]}
    contest = _portal(tmp_path, titles=VINH_LINH, prizes=prizes)
    path = contest.folder / "_ket-qua" / "binh-chon.csv"
    post = "https://www.facebook.com/reel/{}"
    write_csv(
        path,
        META,
        [
            _meta_row(VINH_LINH["vl-01"], "Tác phẩm dự thi số 1 #CCHC", post.format(1), 412),
            _meta_row(
                "",
                "Tác phẩm dự thi số 2: Bộ phận Một cửa hiện đại ở xã Vĩnh Giang #CCHC. Hãy bấm Thích!",
                post.format(2),
                988,
            ),
            _meta_row("Video hay", "Hãy bấm Thích để bình chọn!", post.format(3), 7),
            _meta_row("", "", "", 9),
        ],
    )
    snapshot = read_votes(contest)
    assert snapshot.counts == {"vl-01": 412, "vl-02": 988}
    assert [(p.code, p.where.line) for p in snapshot.problems] == [
        ("VOT005", 3),
        ("VOT004", 4),
        ("VOT010", 5),
        ("VOT006", None),
    ]
    assert snapshot.problems[2].message("en") == "The row gives no title, code or post link of an entry"


def test_which_count_column_a_fanpage_export_is_counted_from(tmp_path):
    """Reactions, or "Reactions, Comments and Shares" when the plan counts interactions; when
    the plan says neither, Reactions and VOT011 names both columns."""
    for wording, count, codes in (
        ("Giải được bình chọn nhiều nhất", 412, []),
        ("Giải tương tác nhiều nhất", 462, []),
        ("Giải Fanpage", 412, ["VOT011"]),
    ):
        tmp = tmp_path / str(count) / str(len(codes))
        contest = _portal(
            tmp, titles=VINH_LINH, prizes={"tiers": [{"id": "bc", "name": wording, "count": 1, "basis": "public_vote"}]}
        )
        write_csv(
            contest.folder / "_ket-qua" / "binh-chon.csv",
            META + ["Thời điểm"],
            [_meta_row(VINH_LINH["vl-01"], "", "", 412) + ["10/7/2024 17:00"]],
        )
        snapshot = read_votes(contest)
        assert snapshot.counts == {"vl-01": count}, wording
        assert [p.code for p in snapshot.problems] == codes, wording
    assert snapshot.problems[0].message("vi") == (
        "Tệp có hai cột số lượt; đã tính theo cột 'Reactions', không theo cột 'Reactions, Comments and Shares'"
    )


def test_near_matches_count_and_are_said_and_suggestions_share_words(tmp_path):
    """kí/ký, a title cut by the fanpage ("…"), a title without its beginning: counted with the
    warning VOT015; a line sharing words with one title suggests it."""
    contest = _portal(tmp_path, titles=VINH_LINH)
    write_csv(
        contest.folder / "_ket-qua" / "binh-chon.csv",
        ["Tên tác phẩm", "Lượt thích", "Thời điểm"],
        [
            ["Chữ kí số - kí nhanh, làm việc mọi nơi", 198, "10/7/2024 17:00"],
            ["Dịch vụ công trực tuyến – người dân không...", 412, ""],
            ["Bác Ba đi làm giấy khai sinh", 1204, ""],
            ["Bộ phận…", 988, ""],  # two words left: could be any title
            ['Video "Chữ ký số" #CCHC', 5, ""],
        ],
    )
    snapshot = read_votes(contest)
    assert snapshot.counts == {"vl-07": 198, "vl-01": 412, "vl-06": 1204}
    assert [(p.code, p.where.line, p.severity.value) for p in snapshot.problems] == [
        ("VOT015", 2, "warning"),
        ("VOT015", 3, "warning"),
        ("VOT015", 4, "warning"),
        ("VOT002", 5, "error"),
        ("VOT002", 6, "error"),
    ]
    assert snapshot.problems[4].values["closest"] == "Chữ ký số – ký nhanh, làm việc mọi nơi (vl-07)"


def test_counts_and_times_as_offices_type_them(tmp_path):
    """1,204 and 1 204 and "1204 lượt" are 1204; "1,2K" is not exact (VOT012); a count or a time
    that cannot be read names its cell and what to type (VOT013, VOT014)."""
    contest = _portal(tmp_path, titles=VINH_LINH)
    write_csv(
        contest.folder / "_ket-qua" / "binh-chon.csv",
        ["Mã tác phẩm", "Lượt thích", "Thời điểm"],
        [
            ["vl-01", "1,204", "10/07/2024 5:00 PM"],
            ["vl-02", "1 204", "10/7/24 17:00"],
            ["vl-06", "1204 lượt", "2024-07-10T10:00:00Z"],
            ["vl-07", "1,2K", "10/7/2024 17:00"],
        ],
    )
    snapshot = read_votes(contest)
    assert snapshot.counts == {"vl-01": 1204, "vl-02": 1204, "vl-06": 1204}
    assert snapshot.time is not None
    assert snapshot.time.strftime("%H:%M %d/%m/%Y") == "17:00 10/07/2024" and not snapshot.whole_day
    assert [(p.code, p.where.line) for p in snapshot.problems] == [("VOT012", 5)]
    assert snapshot.problems[0].message("vi") == "Ô B5: '1,2K' là số làm tròn, không phải số lượt chính xác"
    write_csv(
        contest.folder / "_ket-qua" / "binh-chon.csv",
        ["Mã tác phẩm", "Lượt thích", "Thời điểm"],
        [["vl-01", "nhiều", ""], ["vl-02", 5, "chiều 10/7"]],
    )
    problems = read_votes(contest).problems
    assert [(p.code, p.where.line) for p in problems] == [("VOT013", 2), ("VOT014", 3), ("VOT006", None)]
    assert problems[1].message("vi") == "Ô C3: không đọc được thời điểm 'chiều 10/7'"
    assert "10/07/2024 17:00" in problems[1].hint("vi")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    count=st.integers(min_value=0, max_value=9_999_999),
    style=st.sampled_from(["plain", "dot", "comma", "space", "nbsp", "word", "int", "float"]),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
def test_however_a_count_is_typed_it_is_read_exactly(tmp_path_factory, count, style, fmt):
    """The invariant over the ways a count is typed: the exact count is read, or nothing counts."""
    grouped = f"{count:,}"
    typed: object = {
        "plain": str(count),
        "dot": grouped.replace(",", "."),
        "comma": grouped,
        "space": grouped.replace(",", " "),
        "nbsp": grouped.replace(",", "\u00a0"),
        "word": f"{count} lượt",
        "int": count,
        "float": float(count),
    }[style]
    contest = _portal(tmp_path_factory.mktemp("counts"), titles=VINH_LINH)
    fmt = "xlsx" if style == "float" else fmt  # a number cell, as Excel stores it
    writer = write_xlsx if fmt == "xlsx" else write_csv
    writer(
        contest.folder / "_ket-qua" / f"binh-chon.{fmt}",
        ["Mã tác phẩm", "Lượt thích", "Thời điểm"],
        [["vl-01", typed, "10/7/2024 17:00"]],
    )
    snapshot = read_votes(contest)
    assert snapshot.counts == {"vl-01": count} and snapshot.problems == []


def test_an_excel_date_cell_is_a_whole_day(tmp_path):
    """A date cell in the vote sheet (openpyxl reads it as 00:00 of that day) is the date, the
    whole day, as a date typed without an hour: never "00:00"."""
    import datetime

    contest = _portal(tmp_path, titles=VINH_LINH)
    write_xlsx(
        contest.folder / "_ket-qua" / "binh-chon.xlsx",
        ["Mã tác phẩm", "Lượt thích", "Thời điểm"],
        [["vl-01", 4, datetime.date(2024, 7, 10)]],
    )
    snapshot = read_votes(contest)
    assert snapshot.time is not None
    assert snapshot.whole_day and snapshot.time.strftime("%d/%m/%Y %H:%M") == "10/07/2024 23:59"


def test_counts_taken_before_submissions_close_are_said_when_voting_has_no_end(tmp_path):
    contest = _portal(tmp_path, titles=VINH_LINH)
    contest.spec.timeline.append(Milestone.model_validate({"kind": "submission", "end": "2024-07-10"}))
    path = contest.folder / "_ket-qua" / "binh-chon.csv"
    for taken, codes in (("10/7/2024 17:00", ["VOT016"]), ("10/7/2024", []), ("11/7/2024 08:00", [])):
        write_csv(path, ["Mã tác phẩm", "Lượt thích", "Thời điểm"], [["vl-01", 4, taken]])
        assert [p.code for p in read_votes(contest).problems] == codes, taken
    write_csv(path, ["Mã tác phẩm", "Lượt thích", "Thời điểm"], [["vl-01", 4, "10/7/2024 17:00"]])
    assert read_votes(contest).problems[0].message("vi") == (
        "Số lượt bình chọn lấy lúc 17:00 10/07/2024, trước khi hết hạn nhận tác phẩm (23:59 10/07/2024)"
    )


#: Titles for the near matches: the sample's, and two that differ only by their diacritics.
NEAR = VINH_LINH | {"e-05": "Cải cách hành chính hiện đại", "e-06": "Cài cách hành chính hiện đại"}
#: i/y spellings as people type them ("kí"/"ký", "lí"/"lý"): a syllable of consonants and one i
#: or y, that letter swapped, its tone kept ("chính" has no other spelling).
_IY = str.maketrans("ýỳỷỹỵyíìỉĩịi", "íìỉĩịiýỳỷỹỵy")


def _iy(text: str) -> str:
    return re.sub(
        r"\b([bcdghklmnpqrstvx]+|qu)([ýỳỷỹỵyíìỉĩịi])\b", lambda m: m[1] + m[2].translate(_IY), text, flags=re.IGNORECASE
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    slug=st.sampled_from(sorted(NEAR)),
    typings=st.lists(st.sampled_from(["upper", "nfd", "tone", "quoted"]), max_size=2),
    change=st.sampled_from(["iy", "cut", "tail", "none"]),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
def test_however_a_title_is_shortened_or_spelled_it_counts_and_is_said(tmp_path_factory, slug, typings, change, fmt):
    """The invariant over titles a person would still match: i/y swapped, cut after three words
    with "…", or without their first word: counted for that entry with the warning VOT015 (or
    as typed when nothing changed); of two titles differing only by diacritics, the one typed
    (VOT003 when what differs is cut off)."""
    title = NEAR[slug]
    words = title.split()
    typed = {"iy": _iy(title), "cut": " ".join(words[:3]) + "…", "tail": " ".join(words[1:]), "none": title}[change]
    for name in typings:
        typed = TYPINGS[name](typed)
    contest = _portal(tmp_path_factory.mktemp("near"), n=len(NEAR), titles=NEAR)
    writer = write_xlsx if fmt == "xlsx" else write_csv
    writer(
        contest.folder / "_ket-qua" / f"binh-chon.{fmt}",
        ["Tên tác phẩm", "Lượt thích", "Thời điểm"],
        [[typed, 42, "10/7/2024 17:00"]],
    )
    snapshot = read_votes(contest)
    codes = [p.code for p in snapshot.problems]
    if change == "tail" and slug in ("e-05", "e-06"):  # without "Cải"/"Cài" the two are the same words
        assert snapshot.counts == {} and codes == ["VOT003"]
    elif change == "none" or (change == "iy" and _iy(title) == title):
        assert snapshot.counts == {slug: 42} and codes == []
    else:
        assert snapshot.counts == {slug: 42} and codes == ["VOT015"], typed
