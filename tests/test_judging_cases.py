"""Results exactly as the committee decides (issue 18): abstaining judges, tie-breaks over the
judges that count, namesakes in the quiz, prizes per unit, consent in every public output.

Every expected winner, mean and amount below is worked out by hand in the comments.
"""

from __future__ import annotations

import re

import yaml

from contest_portal.formats.tables import write_csv
from contest_portal.judging.results import ContestResults
from contest_portal.model import ContestRecord
from contest_portal.pipeline import load_portal

from .conftest import file_name


def results_of(contest: ContestRecord) -> ContestResults:
    """The contest's results, which every case here has (marks or a decision to rank)."""
    assert contest.results is not None, f"{contest.slug} has no results"
    return contest.results


CRITERIA = [
    {"id": "noi-dung", "name": "Nội dung", "max_points": 60, "weight": 1},
    {"id": "hinh-thuc", "name": "Hình thức", "max_points": 40, "weight": 1},
]
HEADER = ["Mã tác phẩm", "Tên tác phẩm", "Nội dung (tối đa 60)", "Hình thức (tối đa 40)", "Ghi chú"]


def make_contest(root, *, people, units=2, entries=(), judging=None, prizes=None, results=None, extra=None):
    """A contest folder under ``root`` with article entries: ``entries`` is a list of
    (slug, unit number, entry.yml overrides)."""
    folder = root / "2025-thu"
    folder.mkdir(parents=True)
    contest = {
        "year": 2025,
        "title": "Cuộc thi thử",
        "organizer": {"name": "UBND huyện"},
        "entry_kinds": ["article"],
        "unit_categories": [{"id": "xa", "name": "Xã"}],
        "units": [{"id": f"xa-{i}", "name": f"UBND xã {i}", "category": "xa"} for i in range(1, units + 1)],
        "organization": {"people": people},
        "judging": {"criteria": CRITERIA, **(judging or {})},
        "prizes": prizes or {"tiers": []},
        "results": results or {"published": True},
        **(extra or {}),
    }
    (folder / "contest.yml").write_text(yaml.safe_dump(contest, allow_unicode=True), encoding="utf-8")
    for slug, unit, overrides in entries:
        entry = folder / slug
        entry.mkdir()
        data = {
            "title": f"Tác phẩm {slug}",
            "kind": "article",
            "article": "bai.md",
            "authors": [{"name": f"Tác giả {slug}"}],
            "unit": f"xa-{unit}",
            "consent": {"publication": True},
            **overrides,
        }
        (entry / "entry.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        (entry / "bai.md").write_text(f"Bài {slug}\n", encoding="utf-8")
    return folder


def sheet(folder, judge: str, rows: list[list]) -> None:
    write_csv(folder / "_ket-qua" / "diem" / f"{judge}.csv", HEADER, rows)


def codes(contest) -> list[str]:
    return sorted(p.code for p in contest.problems)


# --- 5. a judge who abstains -------------------------------------------------------------------

JURY3 = [
    {"id": "gk-1", "name": "Giám khảo Một", "role": "jury", "unit": "Sở Nội vụ"},
    {"id": "gk-2", "name": "Giám khảo Hai", "role": "jury", "unit": "Đài Truyền thanh"},
    {"id": "gk-3", "name": "Giám khảo Ba", "role": "jury", "unit": "UBND xã 1"},
]


def test_empty_row_of_own_unit_and_marked_row_are_abstentions(tmp_path):
    folder = make_contest(tmp_path, people=JURY3, entries=[("e-01", 1, {}), ("e-02", 2, {})])
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""], ["e-02", "", 40, 30, ""]])  # 80, 70
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""], ["e-02", "", "", "", "Không chấm"]])  # 84, abstains
    sheet(folder, "gk-3", [["e-01", "", "", "", ""], ["e-02", "", 50, 36, ""]])  # own unit, 86
    contest = load_portal(tmp_path).contests[0]
    assert codes(contest) == []  # no "missing score", no conflict of interest: abstentions
    ranking = {r.entry.slug: (r.score, r.judges) for r in results_of(contest).ranking}
    # e-01: (80 + 84) / 2 = 82; e-02: (70 + 86) / 2 = 78
    assert ranking == {"e-01": (82.0, 2), "e-02": (78.0, 2)}


def test_deleted_row_of_own_unit_is_an_abstention_but_of_another_unit_is_missing(tmp_path):
    folder = make_contest(tmp_path, people=JURY3, entries=[("e-01", 1, {}), ("e-02", 2, {})])
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""], ["e-02", "", 40, 30, ""]])
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""]])  # e-02 deleted: not their unit
    sheet(folder, "gk-3", [["e-02", "", 50, 36, ""]])  # e-01 deleted: their own unit
    contest = load_portal(tmp_path).contests[0]
    missing = [p for p in contest.problems if p.code == "JUR004"]
    assert [(file_name(p), p.values["entry"]) for p in missing] == [("gk-2.csv", "e-02")]


def test_empty_row_not_marked_of_another_unit_is_still_missing(tmp_path):
    folder = make_contest(tmp_path, people=JURY3, entries=[("e-01", 1, {}), ("e-02", 2, {})])
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""], ["e-02", "", "", "", ""]])
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""], ["e-02", "", 40, 30, ""]])
    sheet(folder, "gk-3", [["e-02", "", 50, 36, ""]])
    contest = load_portal(tmp_path).contests[0]
    assert codes(contest) == ["JUR004", "JUR004"]  # one per criterion of gk-1's empty e-02 row


def test_a_score_on_own_unit_is_left_out_and_reported(tmp_path):
    folder = make_contest(tmp_path, people=JURY3, entries=[("e-01", 1, {})])
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""]])
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""]])
    sheet(folder, "gk-3", [["e-01", "", 60, 40, ""]])  # own unit, scored anyway
    contest = load_portal(tmp_path).contests[0]
    assert codes(contest) == ["JUR006"]
    assert results_of(contest).ranking[0].score == 82.0


# --- 6. tie-breaks over the judges that count ----------------------------------------------------

JURY5 = [{"id": f"gk-{i}", "name": f"Giám khảo {i}", "role": "jury"} for i in range(1, 6)]


def test_tie_break_criterion_is_averaged_over_the_judges_kept(tmp_path):
    folder = make_contest(
        tmp_path,
        people=JURY5,
        entries=[("e-01", 1, {}), ("e-02", 2, {})],
        judging={"drop_extremes": True, "tie_breaks": ["criterion:noi-dung"]},
    )
    # e-01 totals 100, 70, 70, 70, 20: kept 70, 70, 70 (mean 70); Nội dung kept 40 (all five: 200/5 = 40)
    # e-02 totals  98, 70, 70, 70,  0: kept 70, 70, 70 (mean 70); Nội dung kept 45 (all five: 193/5 = 38.6)
    e1 = [(60, 40), (40, 30), (40, 30), (40, 30), (20, 0)]
    e2 = [(58, 40), (45, 25), (45, 25), (45, 25), (0, 0)]
    for j in range(5):
        sheet(folder, f"gk-{j + 1}", [["e-01", "", *e1[j], ""], ["e-02", "", *e2[j], ""]])
    contest = load_portal(tmp_path).contests[0]
    assert codes(contest) == []
    ranking = [(r.entry.slug, r.score, r.rank, r.tied, r.criteria["noi-dung"]) for r in results_of(contest).ranking]
    # equal means; the tie-break over the kept judges puts e-02 (45) before e-01 (40)
    assert ranking == [("e-02", 70.0, 1, False, 45.0), ("e-01", 70.0, 2, False, 40.0)]


def test_blank_sheets_mark_own_unit_rows_and_those_rows_are_not_asked_for(tmp_path):
    from openpyxl import load_workbook

    from contest_portal.office.jury_sheets import write_jury_sheets

    folder = make_contest(tmp_path / "entries", people=JURY3, entries=[("e-01", 1, {}), ("e-02", 2, {})])
    contest = load_portal(tmp_path / "entries").contests[0]
    write_jury_sheets(contest, tmp_path / "sheets", lambda entry, anonymous: "", lang="vi")
    book = load_workbook(tmp_path / "sheets" / "2025-thu" / "gk-3.xlsx")
    rows = [[c.value for c in row] for row in book.active.iter_rows(min_row=2)]
    assert rows[0][0] == "e-01" and rows[0][-1] == "Không chấm (tác phẩm của đơn vị giám khảo)"
    assert rows[1][0] == "e-02" and rows[1][-1] is None
    # filled in as they come (gk-3 leaves e-01 as it is) and put back: nothing is missing
    (folder / "_ket-qua" / "diem").mkdir(parents=True)
    for judge in ("gk-1", "gk-2", "gk-3"):
        book = load_workbook(tmp_path / "sheets" / "2025-thu" / f"{judge}.xlsx")
        for row in range(2, book.active.max_row + 1):
            if book.active.cell(row, 6).value is None:
                book.active.cell(row, 4, 50)
                book.active.cell(row, 5, 30)
        book.save(folder / "_ket-qua" / "diem" / f"{judge}.xlsx")
    contest = load_portal(tmp_path / "entries").contests[0]
    assert codes(contest) == []
    assert {r.entry.slug: r.judges for r in results_of(contest).ranking} == {"e-01": 2, "e-02": 3}


# --- 1. namesakes in the quiz, and 4. the per-unit summary with quiz prizes ---------------------------

QUIZ_HEADER = ["Họ và tên", "Đơn vị", "Số câu đúng", "Thời gian"]
# UBND xã 1 and UBND xã 2 each have a "Nguyễn Thị Thu Hà"; "Lê Văn Nam" is from a unit not in the plan
QUIZ_ROWS = [
    ["Nguyễn Thị Thu Hà", "UBND xã 1", 20, "5:00"],
    ["Nguyễn Thị Thu Hà", "UBND xã 2", 18, "4:00"],
    ["Trần Văn Bình", "xa-2", 19, "6:00"],
    ["Lê Văn Nam", "Sở Y tế", 20, "1:00"],
]
QUIZ_TIER = {"id": "tn", "name": "Giải trắc nghiệm", "count": 2, "amount": 500_000, "basis": "quiz"}


def quiz_contest(tmp_path, decision=None, rows=QUIZ_ROWS, header=QUIZ_HEADER):
    results = {"published": True, **({"decision": {"winners": decision}} if decision else {})}
    folder = make_contest(
        tmp_path,
        people=JURY3,
        entries=[("e-01", 1, {}), ("e-02", 2, {})],
        prizes={"tiers": [{"id": "nhat", "name": "Giải Nhất", "count": 1, "amount": 1_000_000}, QUIZ_TIER]},
        results=results,
    )
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""], ["e-02", "", 40, 30, ""]])
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""], ["e-02", "", 40, 30, ""]])
    sheet(folder, "gk-3", [["e-02", "", 40, 30, ""]])
    write_csv(folder / "_ket-qua" / "trac-nghiem.csv", header, rows)
    return load_portal(tmp_path).contests[0]


def test_namesakes_of_two_units_are_two_people_and_an_outsider_wins_nothing(tmp_path):
    contest = quiz_contest(tmp_path)
    # Lê Văn Nam (20 in 1:00) is not from a unit of the plan: reported, not awarded.
    # Then Nguyễn Thị Thu Hà of xã 1 (20), Trần Văn Bình of xã 2 (19); her namesake of xã 2 (18) wins nothing.
    assert codes(contest) == ["RES012"]
    outsider = contest.problems[0]
    assert file_name(outsider) == "trac-nghiem.csv" and outsider.where.line == 5
    assert "Lê Văn Nam" in outsider.message("vi") and "Sở Y tế" in outsider.message("vi")
    tiers = {t.tier.id: [w.key for w in t.winners] for t in results_of(contest).tiers}
    assert tiers == {"nhat": ["e-01"], "tn": ["Nguyễn Thị Thu Hà – UBND xã 1", "Trần Văn Bình – xa-2"]}


def test_decision_names_a_namesake_with_her_unit_or_by_id(tmp_path):
    contest = quiz_contest(tmp_path, decision={"tn": ["Nguyễn Thị Thu Hà – UBND xã 2", "Trần Văn Bình"]})
    winners = [(w.participant.name, w.participant.unit) for w in results_of(contest).tiers[1].winners if w.participant]
    assert winners == [("Nguyễn Thị Thu Hà", "UBND xã 2"), ("Trần Văn Bình", "xa-2")]
    assert codes(contest) == ["RES002", "RES012"]  # the decision differs from the computation: reported


def test_decision_by_participant_id(tmp_path):
    rows = [["TS-001", *QUIZ_ROWS[0]], ["TS-002", *QUIZ_ROWS[1]], ["TS-003", *QUIZ_ROWS[2]]]
    contest = quiz_contest(
        tmp_path, decision={"tn": ["TS-002", "ts-003"]}, rows=rows, header=["Mã thí sinh", *QUIZ_HEADER]
    )
    winners = [(w.participant.id, w.participant.unit) for w in results_of(contest).tiers[1].winners if w.participant]
    assert winners == [("TS-002", "UBND xã 2"), ("TS-003", "xa-2")]


def test_an_ambiguous_name_in_the_decision_is_an_error_not_a_choice(tmp_path):
    contest = quiz_contest(tmp_path, decision={"tn": ["nguyễn  thị thu hà"]})
    problem = next(p for p in contest.problems if p.code == "RES011")
    assert problem.is_error
    assert problem.message("vi") == (
        "Quyết định ghi 'nguyễn  thị thu hà' cho giải 'Giải trắc nghiệm', nhưng có 2 thí sinh trùng tên: "
        "Nguyễn Thị Thu Hà – UBND xã 1; Nguyễn Thị Thu Hà – UBND xã 2"
    )
    assert results_of(contest).tiers[1].winners == []


def test_the_same_name_in_the_same_unit_twice_is_one_person_unless_ids_differ(tmp_path):
    rows = [["Nguyễn Thị Thu Hà", "UBND xã 1", 20, "5:00"], ["Nguyễn Thị Thu Hà", "UBND xã 1", 19, "4:00"]]
    contest = quiz_contest(tmp_path, rows=rows)
    assert codes(contest) == ["RES006", "RES010"]  # one person: the second quiz prize is left short
    with_ids = [["TS-1", *rows[0]], ["TS-2", *rows[1]]]
    other = quiz_contest(tmp_path / "b", rows=with_ids, header=["Mã thí sinh", *QUIZ_HEADER])
    assert codes(other) == [] and [w.key for w in other.results.tiers[1].winners] == ["TS-1", "TS-2"]


def test_unit_summary_counts_quiz_prizes_of_the_units_staff(tmp_path):
    from contest_portal.core.i18n import Translator
    from contest_portal.site.exports import results_data
    from contest_portal.site.listings import unit_summary

    contest = quiz_contest(tmp_path)
    rows = {
        row.unit.id: (row.entries, row.valid, row.refused, list(row.prizes))
        for row in unit_summary(contest, contest.results)
    }
    # xã 1: e-01 wins Giải Nhất, its Nguyễn Thị Thu Hà a quiz prize; xã 2: Trần Văn Bình a quiz prize
    assert rows == {"xa-1": (1, 1, 0, ["Giải Nhất", "Giải trắc nghiệm"]), "xa-2": (1, 1, 0, ["Giải trắc nghiệm"])}
    data = results_data(contest, Translator("vi"), unit_summary(contest, contest.results))
    assert data["units"][0]["prizes"] == [
        {"tier": "nhat", "name": "Giải Nhất", "amount": 1_000_000, "winner": "e-01"},
        {"tier": "tn", "name": "Giải trắc nghiệm", "amount": 500_000, "winner": "Nguyễn Thị Thu Hà – UBND xã 1"},
    ]
    assert data["units"][1]["prizes"][0]["winner"] == "Trần Văn Bình – xa-2"


# --- 3. consent to publication in every public output ---------------------------------------------------

NO_CONSENT = {"consent": {"publication": False}, "title": "Bí mật riêng", "authors": [{"name": "Người Ẩn Danh"}]}


def consent_contest(root, winner_without_consent: bool):
    # e-03 has no consent to publication
    tiers = [{"id": "nhat", "name": "Giải Nhất", "count": 1, "amount": 1_000_000}]
    results: dict[str, object] = {"published": True}
    if winner_without_consent:
        results["decision"] = {"winners": {"nhat": ["e-03"]}}
    folder = make_contest(
        root,
        people=JURY3[:2],
        units=3,
        entries=[("e-01", 1, {}), ("e-02", 2, {}), ("e-03", 3, NO_CONSENT)],
        judging={"publish_ranking": True},
        prizes={"tiers": tiers},
        results=results,
    )
    # means: e-01 (80 + 84) / 2 = 82; e-02 (70 + 71) / 2 = 70.5; e-03 (60 + 60.5) / 2 = 60.25
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""], ["e-02", "", 40, 30, ""], ["e-03", "", 30, 30, ""]])
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""], ["e-02", "", 41, 30, ""], ["e-03", "", 30.5, 30, ""]])
    return folder


def test_ranking_shows_an_entry_without_consent_by_its_score_only_in_every_output(tmp_path):
    import build as cli

    from .conftest import write_mkdocs_yml

    consent_contest(tmp_path / "entries", winner_without_consent=False)
    config = write_mkdocs_yml(tmp_path, extra="site_url: https://cong.example.gov.vn/\n")
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    site = tmp_path / "site"
    page = (site / "2025-thu" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    # the ranking: e-01 82,00; e-02 70,50; then the entry without consent, by its score only
    assert page.index("82,00") < page.index("70,50") < page.index("Tác phẩm không công bố") < page.index("60,25")
    # no page, export, feed, sharing tag or search index of the site names it, its authors or its id
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".rss", ".txt", ".ics", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "Bí mật riêng" not in text and "Người Ẩn Danh" not in text and "e-03" not in text, path
    from openpyxl import load_workbook

    sheet = load_workbook(site / "2025-thu" / "ket-qua-2025-thu.xlsx").active
    assert "Bí mật riêng" not in str([[c.value for c in row] for row in sheet.iter_rows()])


def test_a_winner_without_consent_is_blocked_and_never_named_in_exports_or_certificates(tmp_path):
    import csv
    import json
    from datetime import datetime

    from contest_portal.core.i18n import Translator
    from contest_portal.site.exports import Table, result_rows, results_data, to_csv, to_json
    from contest_portal.site.pages import plan_pages

    consent_contest(tmp_path, winner_without_consent=True)
    portal = load_portal(tmp_path)
    contest = portal.contests[0]
    assert "RES005" in codes(contest)  # the build stops: the office must obtain consent first
    t = Translator("vi")
    header, rows = result_rows(contest, t)
    assert rows == [["Giải Nhất", None, "Tác phẩm không công bố", None, None, 60.25, 0, 1_000_000]]
    text = to_csv(Table(header, rows)).decode("utf-8-sig") + to_json(results_data(contest, t)).decode("utf-8")
    assert "Bí mật riêng" not in text and "Người Ẩn Danh" not in text and "e-03" not in text
    assert list(csv.reader(text.splitlines()))[1][2] == "Tác phẩm không công bố"
    assert json.loads(to_json(results_data(contest, t)))["prizes"][0]["winners"][0]["unit"] is None
    plan = plan_pages(portal, t, datetime(2025, 12, 1))
    assert not [uri for uri in plan.pages if "giay-chung-nhan" in uri]


# --- numbers and dates as Vietnamese administrative documents write them ---------------------------------


def test_results_page_writes_counts_scores_and_dates_the_vietnamese_way(tmp_path):
    import build as cli

    from .conftest import write_mkdocs_yml

    tiers = [
        {"id": "nhat", "name": "Giải Nhất", "count": 1, "amount": 1_000_000},
        {"id": "binh-chon", "name": "Giải bình chọn", "count": 1, "basis": "public_vote"},
    ]
    folder = make_contest(
        tmp_path / "entries",
        people=JURY3[:2],
        entries=[("e-01", 1, {}), ("e-02", 2, {})],
        judging={"publish_ranking": True},
        prizes={"tiers": tiers},
        results={"published": True, "decision": {"number": "12/QĐ-BTC", "date": "2025-01-05"}},
    )
    sheet(folder, "gk-1", [["e-01", "", 50, 30.5, ""], ["e-02", "", 40, 30, ""]])  # 80.5, 70
    sheet(folder, "gk-2", [["e-01", "", 50, 30, ""], ["e-02", "", 40, 30, ""]])  # 80,   70
    write_csv(
        folder / "_ket-qua" / "binh-chon.csv",
        ["Mã tác phẩm", "Số bình chọn", "Nguồn", "Thời điểm"],
        [
            ["e-01", 12, "Trang Facebook Đài Truyền thanh", "2024-10-05 10:00"],
            ["e-02", "1.540", "Trang Facebook Đài Truyền thanh", "2024-10-05 10:00"],
        ],
    )
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "2025-thu" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert "ngày 05/01/2025" in page  # the decision's date, two-digit day and month
    assert "Số lượt bình chọn tính đến lúc 10:00 ngày 05/10/2024, nguồn: Trang Facebook Đài Truyền thanh." in page
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page)  # (numbers sit in right-aligned cells)
    assert "1.540" in cells and "80,25" in cells and "70,00" in cells


def test_a_vote_snapshot_dated_without_an_hour_is_that_whole_day_on_both_pages_and_in_the_export(tmp_path):
    """'5/10/2024' (typed) is the end of that day: shown "hết ngày 05/10/2024" / "end of 5 Oct
    2024", exported as the date 2024-10-05, never "00:00"; a time later that day is not later."""
    import json

    import build as cli

    from .conftest import write_mkdocs_yml

    tiers = [{"id": "binh-chon", "name": "Giải bình chọn", "count": 1, "basis": "public_vote"}]
    folder = make_contest(
        tmp_path / "entries",
        people=JURY3[:2],
        entries=[("e-01", 1, {}), ("e-02", 2, {})],
        prizes={"tiers": tiers},
        results={"published": True},
    )
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""], ["e-02", "", 40, 30, ""]])
    sheet(folder, "gk-2", [["e-01", "", 50, 30, ""], ["e-02", "", 40, 30, ""]])
    write_csv(
        folder / "_ket-qua" / "binh-chon.csv",
        ["Mã tác phẩm", "Số bình chọn", "Thời điểm"],
        [["e-01", 12, "5/10/2024"], ["e-02", 30, "05/10/2024 17:00"]],
    )
    config = write_mkdocs_yml(tmp_path, extra="      languages: [vi, en]\n")
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "2025-thu" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert "Số lượt bình chọn tính đến hết ngày 05/10/2024." in page and "00:00" not in page
    english = (tmp_path / "site" / "en" / "2025-thu" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert "Votes counted as of end of 5 Oct 2024." in english
    exported = json.loads(next((tmp_path / "site" / "2025-thu").glob("ket-qua-*.json")).read_text(encoding="utf-8"))
    assert exported["votes_snapshot"] == "2024-10-05"


def test_no_vote_column_without_a_public_vote(tmp_path):
    import build as cli

    from .conftest import write_mkdocs_yml

    consent_contest(tmp_path / "entries", winner_without_consent=False)
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "2025-thu" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    ranking = page[page.index('id="xep-hang"') :]
    assert re.search(r"<th[^>]*>Điểm</th>", ranking) and "Bình chọn" not in ranking and "bình chọn" not in ranking


# --- rules of real plans: per-unit limits, award forms, criteria, two roles, unsigned documents ----------


def test_one_collective_prize_per_unit(tmp_path):
    tiers = [{"id": "dv", "name": "Video xuất sắc của đơn vị", "count": 2, "amount": 500_000, "per_unit_max": 1}]
    folder = make_contest(
        tmp_path, people=JURY3[:2], entries=[("e-01", 1, {}), ("e-02", 1, {}), ("e-03", 2, {})], prizes={"tiers": tiers}
    )
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""], ["e-02", "", 50, 28, ""], ["e-03", "", 40, 30, ""]])
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""], ["e-02", "", 50, 30, ""], ["e-03", "", 40, 30, ""]])
    contest = load_portal(tmp_path).contests[0]
    # means: e-01 82, e-02 79 (both UBND xã 1), e-03 70 (UBND xã 2): e-02 makes way for e-03
    assert [r.entry.slug for r in results_of(contest).ranking] == ["e-01", "e-02", "e-03"]
    assert [w.key for w in results_of(contest).tiers[0].winners] == ["e-01", "e-03"]
    assert results_of(contest).total_money == 1_000_000


def test_a_decision_over_the_per_unit_limit_is_reported(tmp_path):
    tiers = [{"id": "dv", "name": "Video xuất sắc của đơn vị", "count": 2, "per_unit_max": 1}]
    folder = make_contest(
        tmp_path,
        people=JURY3[:2],
        entries=[("e-01", 1, {}), ("e-02", 1, {}), ("e-03", 2, {})],
        prizes={"tiers": tiers},
        results={"published": True, "decision": {"winners": {"dv": ["e-01", "e-02"]}}},
    )
    for judge in ("gk-1", "gk-2"):
        sheet(folder, judge, [["e-01", "", 50, 30, ""], ["e-02", "", 50, 28, ""], ["e-03", "", 40, 30, ""]])
    contest = load_portal(tmp_path).contests[0]
    assert codes(contest) == ["RES002", "RES014"]
    over = next(p for p in contest.problems if p.code == "RES014")
    assert over.message("vi") == (
        "Quyết định trao 2 giải 'Video xuất sắc của đơn vị' cho 'UBND xã 1', nhiều hơn mức tối đa 1 giải mỗi đơn vị"
    )


def test_a_person_with_two_roles_is_a_juror_and_may_not_enter(tmp_path):
    people = [
        {"id": "gk-1", "name": "Hoàng Văn Tư", "role": ["organizing_committee", "jury"]},
        {"id": "gk-2", "name": "Giám khảo Hai", "role": "jury"},
    ]
    folder = make_contest(
        tmp_path, people=people, entries=[("e-01", 1, {"authors": [{"name": "Hoàng Văn Tư"}]}), ("e-02", 2, {})]
    )
    sheet(folder, "gk-1", [["e-02", "", 40, 30, ""]])
    sheet(folder, "gk-2", [["e-02", "", 40, 30, ""]])
    contest = load_portal(tmp_path).contests[0]
    entry = next(e for e in contest.entries if e.slug == "e-01")
    assert [p.code for p in entry.problems] == ["ELG001"]  # a member of the committee may not enter
    assert codes(contest) == []  # gk-1's sheet is read as a juror's
    assert results_of(contest).ranking[0].judges == 2


def test_rules_and_results_pages_show_what_the_plan_sets_and_nothing_it_does_not(tmp_path):
    import build as cli

    from .conftest import write_mkdocs_yml

    people = [
        {"id": "gk-1", "name": "Hoàng Văn Tư", "role": ["organizing_committee", "jury"]},
        {"id": "gk-2", "name": "Giám khảo Hai", "role": "jury"},
    ]
    tiers = [
        {
            "id": "nhat",
            "name": "Giải Nhất",
            "count": 1,
            "amount": 2_000_000,
            "award_form": "Giấy khen của Chủ tịch UBND huyện",
        }
    ]
    criteria = [
        {"id": "noi-dung", "name": "Nội dung", "max_points": 60, "weight": 2},
        {"id": "hinh-thuc", "name": "Hình thức", "max_points": 40, "weight": 0.5},
    ]
    extra = {
        "video_rules": {"explanatory_text": "optional"},
        "document": {"kind": "Kế hoạch", "signatory": {"on_behalf": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH"}},
    }
    folder = make_contest(
        tmp_path / "entries",
        people=people,
        entries=[("e-01", 1, {})],
        judging={"publish_criteria": True, "criteria": criteria},
        prizes={"tiers": tiers},
        extra=extra,
    )
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""]])
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""]])
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    rules = (tmp_path / "site" / "2025-thu" / "the-le" / "index.html").read_text(encoding="utf-8")
    results = (tmp_path / "site" / "2025-thu" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert "Hình thức khen thưởng: Giấy khen của Chủ tịch UBND huyện" in rules
    assert "Hình thức khen thưởng: Giấy khen của Chủ tịch UBND huyện" in results
    # the criteria with their maximum and weight: Nội dung 60 ×2, Hình thức 40 ×0,5, total 100
    assert "<td>Nội dung</td><td>60</td><td>2</td>" in rules and "<td>Hình thức</td><td>40</td><td>0,5</td>" in rules
    assert "<td>100</td>" in rules
    # written once, with both roles
    assert rules.count("Hoàng Văn Tư") == 1 and "Ban Tổ chức, Ban Giám khảo" in rules
    # a signature block without a name; no video format the plan does not set
    assert "KT. CHỦ TỊCH" in rules and "PHÓ CHỦ TỊCH" in rules and "cp-signatory-name" not in rules
    assert "MP4" not in rules and "H264" not in rules and "Bản thuyết minh" in rules


# --- a contest in parts: an online quiz part and a video part, each with its window and prizes -----------

PARTS = [
    {
        "id": "trac-nghiem",
        "name": "Thi trắc nghiệm trực tuyến",
        "kind": "quiz",
        "start": "2025-05-01 08:00",
        "end": "2025-05-10 16:00",
        "end_excluded": True,
    },
    {"id": "video", "name": "Thi video", "kind": "entries", "start": "2025-05-01", "end": "2025-05-31"},
]
PART_TIERS = [
    {"id": "tn", "name": "Giải trắc nghiệm", "count": 1, "amount": 500_000, "basis": "quiz", "part": "trac-nghiem"},
    {"id": "nhat", "name": "Giải Nhất video", "count": 1, "amount": 3_000_000, "part": "video"},
]


def test_a_contest_in_parts_awards_each_part_its_prizes_within_its_window(tmp_path):
    import build as cli

    from .conftest import write_mkdocs_yml

    # e-02 came on 1/6, after the video part ended on 31/5: refused (TIM001, on the entry)
    folder = make_contest(
        tmp_path / "entries",
        people=JURY3[:2],
        entries=[("e-01", 1, {"received": "2025-05-20 09:00"}), ("e-02", 2, {"received": "2025-06-01 08:00"})],
        prizes={"tiers": PART_TIERS},
        extra={"parts": PARTS},
    )
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""]])
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""]])
    # the best quiz was sent at 16:00 on 10/5, when the part ("trước 16h00") had closed: not counted
    write_csv(
        folder / "_ket-qua" / "trac-nghiem.csv",
        [*QUIZ_HEADER, "Thời điểm nộp bài"],
        [
            ["Lê Văn Nam", "UBND xã 1", 20, "1:00", "2025-05-10 16:00"],
            ["Trần Văn Bình", "UBND xã 2", 19, "6:00", "2025-05-10 15:59"],
        ],
    )
    contest = load_portal(tmp_path / "entries").contests[0]
    assert codes(contest) == ["RES013"]
    assert [[p.code for p in e.problems] for e in contest.entries] == [[], ["TIM001"]]
    assert contest.problems[0].where.line == 2 and "16:00 10/05/2025" in contest.problems[0].message("vi")
    assert {t.tier.id: [w.key for w in t.winners] for t in results_of(contest).tiers} == {
        "tn": ["Trần Văn Bình – UBND xã 2"],
        "nhat": ["e-01"],
    }
    assert results_of(contest).total_money == 3_500_000
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site"), "--skip-invalid"]) == 0
    rules = (tmp_path / "site" / "2025-thu" / "the-le" / "index.html").read_text(encoding="utf-8")
    assert "Thi trắc nghiệm trực tuyến (thi trắc nghiệm)" in rules
    assert "từ 08:00 ngày 01/05/2025 đến trước 16:00 ngày 10/05/2025" in rules
    assert "01 Giải trắc nghiệm" in rules and "01 Giải Nhất video" in rules
    results = (tmp_path / "site" / "2025-thu" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert (
        results.index(">Thi trắc nghiệm trực tuyến</h2>")
        < results.index("Trần Văn Bình")
        < results.index(">Thi video</h2>")
        < results.index("Tác phẩm e-01")
    )


def test_a_prize_of_an_unknown_part_or_of_the_wrong_kind_is_reported(tmp_path):
    tiers = [
        {"id": "tn", "name": "Giải trắc nghiệm", "count": 1, "basis": "quiz", "part": "video"},
        {"id": "nhat", "name": "Giải Nhất", "count": 1, "part": "phan-3"},
    ]
    make_contest(tmp_path, people=JURY3[:2], prizes={"tiers": tiers}, extra={"parts": PARTS})
    contest = load_portal(tmp_path).contests[0]
    found = [p for p in contest.problems if p.code == "CON015"]
    assert [p.message("vi") for p in found] == [
        "Phần thi 'video': giải 'Giải trắc nghiệm' xét theo 'quiz', không hợp với phần thi loại 'entries'",
        "Phần thi 'phan-3': giải 'Giải Nhất' ghi phần thi không có trong parts (có: trac-nghiem, video)",
    ]
    assert all(p.is_error and file_name(p) == "contest.yml" for p in found)


def test_points_on_a_row_marked_abstain_are_not_guessed_but_asked_about(tmp_path):
    folder = make_contest(tmp_path, people=JURY3, entries=[("e-01", 1, {}), ("e-02", 2, {})])
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""], ["e-02", "", 40, 30, ""]])  # 80, 70
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""], ["e-02", "", 45, 35, "không chấm"]])  # 84, marked AND scored
    sheet(folder, "gk-3", [["e-01", "", "", "", ""], ["e-02", "", 50, 36, ""]])  # own unit, 86
    contest = load_portal(tmp_path).contests[0]
    [problem] = [p for p in contest.problems if p.code == "JUR012"]
    assert (file_name(problem), problem.where.line, problem.values["entry"]) == ("gk-2.csv", 3, "e-02")
    assert problem.is_error
    assert "Không chấm" in problem.format("vi") or "không chấm" in problem.format("vi")


def test_missing_sheets_are_asked_for_once_judging_has_begun(tmp_path):
    folder = make_contest(tmp_path, people=JURY3, entries=[("e-01", 1, {})], results={"published": False})
    contest = load_portal(tmp_path).contests[0]
    assert "JUR008" not in codes(contest)  # before the jury: no sheet is late
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""]])
    contest = load_portal(tmp_path).contests[0]
    assert sorted(p.values["id"] for p in contest.problems if p.code == "JUR008") == ["gk-2", "gk-3"]


def test_missing_sheets_are_asked_for_when_the_results_are_to_be_published(tmp_path):
    make_contest(tmp_path, people=JURY3, entries=[("e-01", 1, {})], results={"published": True})
    contest = load_portal(tmp_path).contests[0]
    assert [p.values["id"] for p in contest.problems if p.code == "JUR008"] == ["gk-1", "gk-2", "gk-3"]


def test_prizes_without_amounts_have_no_total_of_zero(tmp_path, capsys):
    """A plan that leaves the money to the committee ("mức tiền thưởng do Ban Tổ chức quy định"):
    the results never say the winners got 0 đ."""
    import build as cli

    from .conftest import write_mkdocs_yml

    tiers = [{"id": "nhat", "name": "Giải Nhất", "count": 1}]
    folder = make_contest(
        tmp_path / "entries", people=JURY3[:2], entries=[("e-01", 1, {}), ("e-02", 2, {})], prizes={"tiers": tiers}
    )
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""], ["e-02", "", 40, 30, ""]])
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""], ["e-02", "", 40, 30, ""]])
    contest = load_portal(tmp_path / "entries").contests[0]
    assert results_of(contest).total_money is None
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    out = capsys.readouterr().out
    assert "tổng tiền thưởng theo quy định của Ban Tổ chức" in out and "tổng tiền thưởng 0" not in out
    page = (tmp_path / "site" / "2025-thu" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    total = page[page.index('class="cp-total"') :][:300]
    assert "Theo quy định của Ban Tổ chức" in total and "0 đ" not in total
    # the draft decision leaves the total blank for the office, never "0" and "Không đồng"
    from docx import Document

    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == 0
    decision = Document(str(tmp_path / "reports" / "2025-thu" / "du-thao-quyet-dinh-khen-thuong.docx"))
    text = "\n".join(p.text for p in decision.paragraphs)
    assert "Không đồng" not in text and "Bằng chữ" not in text
    annex = decision.tables[-1]
    assert [c.text for c in annex.rows[1].cells][1] == "Giải Nhất" and annex.rows[1].cells[5].text == ""
    assert annex.rows[-1].cells[5].text == ""
