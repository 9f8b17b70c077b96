"""Results exactly as the committee decides (issue 18): abstaining judges, tie-breaks over the
judges that count, namesakes in the quiz, prizes per unit, consent in every public output.

Every expected winner, mean and amount below is worked out by hand in the comments.
"""

from __future__ import annotations

import yaml

from contest_portal.formats.tables import write_csv
from contest_portal.pipeline import load_portal

CRITERIA = [{"id": "noi-dung", "name": "Nội dung", "max_points": 60, "weight": 1},
            {"id": "hinh-thuc", "name": "Hình thức", "max_points": 40, "weight": 1}]
HEADER = ["Mã tác phẩm", "Tên tác phẩm", "Nội dung (tối đa 60)", "Hình thức (tối đa 40)", "Ghi chú"]


def make_contest(root, *, people, units=2, entries=(), judging=None, prizes=None, results=None, extra=None):
    """A contest folder under ``root`` with article entries: ``entries`` is a list of
    (slug, unit number, entry.yml overrides)."""
    folder = root / "2025-thu"
    folder.mkdir(parents=True)
    contest = {"year": 2025, "title": "Cuộc thi thử", "organizer": {"name": "UBND huyện"},
               "entry_kinds": ["article"], "unit_categories": [{"id": "xa", "name": "Xã"}],
               "units": [{"id": f"xa-{i}", "name": f"UBND xã {i}", "category": "xa"} for i in range(1, units + 1)],
               "organization": {"people": people},
               "judging": {"criteria": CRITERIA, **(judging or {})},
               "prizes": prizes or {"tiers": []}, "results": results or {"published": True}, **(extra or {})}
    (folder / "contest.yml").write_text(yaml.safe_dump(contest, allow_unicode=True), encoding="utf-8")
    for slug, unit, overrides in entries:
        entry = folder / slug
        entry.mkdir()
        data = {"title": f"Tác phẩm {slug}", "kind": "article", "article": "bai.md",
                "authors": [{"name": f"Tác giả {slug}"}], "unit": f"xa-{unit}",
                "consent": {"publication": True}, **overrides}
        (entry / "entry.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        (entry / "bai.md").write_text(f"Bài {slug}\n", encoding="utf-8")
    return folder


def sheet(folder, judge: str, rows: list[list]) -> None:
    write_csv(folder / "_ket-qua" / "diem" / f"{judge}.csv", HEADER, rows)


def codes(contest) -> list[str]:
    return sorted(p.code for p in contest.problems)


# --- 5. a judge who abstains -------------------------------------------------------------------

JURY3 = [{"id": "gk-1", "name": "Giám khảo Một", "role": "jury", "unit": "Sở Nội vụ"},
         {"id": "gk-2", "name": "Giám khảo Hai", "role": "jury", "unit": "Đài Truyền thanh"},
         {"id": "gk-3", "name": "Giám khảo Ba", "role": "jury", "unit": "UBND xã 1"}]


def test_empty_row_of_own_unit_and_marked_row_are_abstentions(tmp_path):
    folder = make_contest(tmp_path, people=JURY3, entries=[("e-01", 1, {}), ("e-02", 2, {})])
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""], ["e-02", "", 40, 30, ""]])             # 80, 70
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""], ["e-02", "", "", "", "Không chấm"]])   # 84, abstains
    sheet(folder, "gk-3", [["e-01", "", "", "", ""], ["e-02", "", 50, 36, ""]])             # own unit, 86
    contest = load_portal(tmp_path).contests[0]
    assert codes(contest) == []  # no "missing score", no conflict of interest: abstentions
    ranking = {r.entry.slug: (r.score, r.judges) for r in contest.results.ranking}
    # e-01: (80 + 84) / 2 = 82; e-02: (70 + 86) / 2 = 78
    assert ranking == {"e-01": (82.0, 2), "e-02": (78.0, 2)}


def test_deleted_row_of_own_unit_is_an_abstention_but_of_another_unit_is_missing(tmp_path):
    folder = make_contest(tmp_path, people=JURY3, entries=[("e-01", 1, {}), ("e-02", 2, {})])
    sheet(folder, "gk-1", [["e-01", "", 50, 30, ""], ["e-02", "", 40, 30, ""]])
    sheet(folder, "gk-2", [["e-01", "", 54, 30, ""]])                 # e-02 deleted: not their unit
    sheet(folder, "gk-3", [["e-02", "", 50, 36, ""]])                 # e-01 deleted: their own unit
    contest = load_portal(tmp_path).contests[0]
    missing = [p for p in contest.problems if p.code == "JUR004"]
    assert [(p.where.file.name, p.values["entry"]) for p in missing] == [("gk-2.csv", "e-02")]


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
    sheet(folder, "gk-3", [["e-01", "", 60, 40, ""]])                 # own unit, scored anyway
    contest = load_portal(tmp_path).contests[0]
    assert codes(contest) == ["JUR006"]
    assert contest.results.ranking[0].score == 82.0


# --- 6. tie-breaks over the judges that count ----------------------------------------------------

JURY5 = [{"id": f"gk-{i}", "name": f"Giám khảo {i}", "role": "jury"} for i in range(1, 6)]


def test_tie_break_criterion_is_averaged_over_the_judges_kept(tmp_path):
    folder = make_contest(tmp_path, people=JURY5, entries=[("e-01", 1, {}), ("e-02", 2, {})],
                          judging={"drop_extremes": True, "tie_breaks": ["criterion:noi-dung"]})
    # e-01 totals 100, 70, 70, 70, 20: kept 70, 70, 70 (mean 70); Nội dung kept 40 (all five: 200/5 = 40)
    # e-02 totals  98, 70, 70, 70,  0: kept 70, 70, 70 (mean 70); Nội dung kept 45 (all five: 193/5 = 38.6)
    e1 = [(60, 40), (40, 30), (40, 30), (40, 30), (20, 0)]
    e2 = [(58, 40), (45, 25), (45, 25), (45, 25), (0, 0)]
    for j in range(5):
        sheet(folder, f"gk-{j + 1}", [["e-01", "", *e1[j], ""], ["e-02", "", *e2[j], ""]])
    contest = load_portal(tmp_path).contests[0]
    assert codes(contest) == []
    ranking = [(r.entry.slug, r.score, r.rank, r.tied, r.criteria["noi-dung"]) for r in contest.results.ranking]
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
    assert {r.entry.slug: r.judges for r in contest.results.ranking} == {"e-01": 2, "e-02": 3}
