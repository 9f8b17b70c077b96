"""What a tester found trying the papers as a clerk (issues 31 and 33), each checked as the clerk
would meet it: the command's words and exit status, the papers read back (python-docx, openpyxl)
against values worked out by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from docx import Document
from openpyxl import load_workbook

import build as cli

from .conftest import write_mkdocs_yml
from .test_papers import REPO, TIERS, _lines
from .test_results import _contest, _make, _sheets


def _documents(config: Path, out: Path, *extra: str) -> int:
    return cli.main(["documents", "-f", str(config), "--out", str(out), *extra])


def test_a_mistyped_contest_is_a_usage_error_naming_the_closest_contest_first(tree, tmp_path, capsys):
    _make(tree, _contest(TIERS, n_units=2), 2)
    (tree.root / "2024-vinh-linh").mkdir()  # a second contest, whose name is closer to what was typed
    other = _contest(TIERS, n_units=2)
    (tree.root / "2024-vinh-linh" / "contest.yml").write_text(
        yaml.safe_dump(other, allow_unicode=True), encoding="utf-8"
    )
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert _documents(config, tmp_path / "reports", "--contest", "2024-vinh-lin") == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "Không có cuộc thi '2024-vinh-lin'" in err
    assert "các cuộc thi đang có: 2024-vinh-linh, 2025-thu" in err
    assert not (tmp_path / "reports").exists()


def test_a_contest_yml_that_cannot_be_read_gets_no_papers_and_its_old_papers_are_moved_aside(tree, tmp_path, capsys):
    _make(tree, _contest(TIERS, n_units=2), 2)
    _sheets(tree, 2)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    out = tmp_path / "reports"
    assert _documents(config, out) == cli.EXIT_OK
    folder = out / "2025-thu"
    assert (folder / "du-thao-quyet-dinh-khen-thuong.docx").is_file()
    capsys.readouterr()
    # the clerk types the first prize's amount with separators in a one-line mapping
    plan = _contest(TIERS, n_units=2)
    del plan["prizes"]
    (tree.root / "2025-thu" / "contest.yml").write_text(
        yaml.safe_dump(plan, allow_unicode=True)
        + "prizes:\n  tiers:\n    - {id: nhat, name: Giải Nhất, count: 1, amount: 5,000,000}\n",
        encoding="utf-8",
    )
    assert _documents(config, out) == cli.EXIT_DATA
    said = capsys.readouterr().out
    assert "YAML002: Trường '000' xuất hiện hai lần" in said
    assert "Viết số không có dấu phân cách (amount: 5000000) hoặc đặt trong ngoặc kép" in said
    assert "PAP003: Không soạn giấy tờ cho cuộc thi 2025-thu" in said
    assert "6 giấy tờ cũ đã được chuyển vào giay-to-cu-khong-dung/" in said
    # nothing that could be signed is left looking current; nothing is lost
    assert sorted(p.name for p in folder.iterdir()) == ["giay-to-cu-khong-dung"]
    assert len(list((folder / "giay-to-cu-khong-dung").iterdir())) == 6
    # status says the contest it could not read, and why
    assert cli.main(["status", "-f", str(config)]) == cli.EXIT_DATA
    said = capsys.readouterr().out
    assert "== 2025-thu\nKhông đọc được contest.yml" in said and "YAML002" in said


def test_papers_no_longer_written_are_moved_aside_when_the_winners_are_gone(tree, tmp_path, capsys):
    _make(tree, _contest(TIERS, n_units=2), 2)
    _sheets(tree, 2)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    out = tmp_path / "reports"
    assert _documents(config, out) == cli.EXIT_OK
    for sheet in (tree.root / "2025-thu" / "_ket-qua" / "diem").iterdir():
        sheet.unlink()
    capsys.readouterr()
    assert _documents(config, out) == cli.EXIT_OK
    said = capsys.readouterr().out
    assert "không dùng để trình ký" in said
    folder = out / "2025-thu"
    assert sorted(p.name for p in folder.iterdir()) == ["bao-cao-tham-gia-theo-don-vi.xlsx", "giay-to-cu-khong-dung"]
    assert not (folder / "giay-to-cu-khong-dung" / "bao-cao-tham-gia-theo-don-vi.xlsx").exists()
    assert (folder / "giay-to-cu-khong-dung" / "du-thao-quyet-dinh-khen-thuong.docx").is_file()


# --- amounts in words, the decision's number, the minutes, the awards ----------------------------


def test_amounts_in_words_as_accounting_writes_them():
    from contest_portal.core.i18n import Translator
    from contest_portal.office.papers.common import amount_in_words

    vi = Translator("vi")
    # every group of three after the first one said is read whole: "không trăm", "lẻ"
    assert amount_in_words(2_015_000, vi) == "Hai triệu không trăm mười lăm nghìn đồng"
    assert amount_in_words(2_005_000, vi) == "Hai triệu không trăm lẻ năm nghìn đồng"
    assert amount_in_words(1_001_000, vi) == "Một triệu không trăm lẻ một nghìn đồng"
    assert amount_in_words(2_015, vi) == "Hai nghìn không trăm mười lăm đồng"
    assert amount_in_words(1_000_500, vi) == "Một triệu năm trăm đồng"  # an empty group is not said
    assert amount_in_words(101_000_000, vi) == "Một trăm lẻ một triệu đồng"
    assert amount_in_words(2_000_015_000, vi) == "Hai tỷ không trăm mười lăm nghìn đồng"
    assert amount_in_words(1_500_000_000, vi) == "Một tỷ năm trăm triệu đồng"
    assert amount_in_words(61_000_000, vi) == "Sáu mươi mốt triệu đồng"
    assert amount_in_words(2_015_000, Translator("en")) == "Two million, fifteen thousand dong"


@pytest.fixture(scope="module")
def vinh_linh(tmp_path_factory):
    """The sample Vĩnh Linh contest's papers (read-only entries/)."""
    project = tmp_path_factory.mktemp("sample")
    config = write_mkdocs_yml(project, entries=str(REPO / "entries"))
    assert _documents(config, project / "reports", "--contest", "2024-vinh-linh") == cli.EXIT_OK
    return project / "reports" / "2024-vinh-linh"


def test_the_decision_of_a_peoples_committee_is_numbered_as_its_own_and_the_annex_and_awards_cite_it(vinh_linh):
    # the sample's decision number "/QĐ-BTC (mẫu)" is the committee's: not under the UBND's heading
    decision = Document(str(vinh_linh / "du-thao-quyet-dinh-khen-thuong.docx"))
    header = decision.tables[0].rows[0].cells[0].text
    assert header.endswith("ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH\nSố: ……/QĐ-UBND")
    cited = "Quyết định số ……/QĐ-UBND ngày …/…/2024 của Ủy ban nhân dân huyện Vĩnh Linh"
    assert f"(Kèm theo {cited})" in [p.text for p in decision.paragraphs]
    assert "QĐ-BTC" not in "\n".join(_lines(decision))  # (the proposal it cites is the committee's: TTr-BTC)
    payments = list(load_workbook(vinh_linh / "danh-sach-chi-tra-tien-thuong.xlsx").active.iter_rows(values_only=True))
    assert payments[3][0] == f"(Kèm theo {cited})"
    awards = [p.text for p in Document(str(vinh_linh / "giay-khen-giay-chung-nhan.docx")).paragraphs]
    assert awards.count(f"(Theo {cited})") == 8  # one per prize


def test_the_minutes_name_works_by_title_and_propose_only_the_prizes_the_jury_judges(vinh_linh):
    minutes = Document(str(vinh_linh / "bien-ban-tong-hop-ket-qua-cham-thi.docx"))
    text = "\n".join(_lines(minutes))
    assert not re.search(r"\bvl-0\d\b", text)  # no folder ids
    header = [cell.text for cell in minutes.tables[1].rows[0].cells]
    assert header[:2] == ["STT", "Tác phẩm"]
    body = [p.text for p in minutes.paragraphs]
    proposed = body[body.index("Ban Giám khảo đề nghị các giải như sau:") + 1 : -1]
    assert [line.split(":")[0] for line in proposed] == [
        "- Giải Nhất",
        "- Giải Nhì",
        "- Giải Ba",
        "- Giải Khuyến khích",
    ]  # not the public vote's
    assert proposed[0] == "- Giải Nhất: “Nông dân Kim Thạch bán hàng trên sàn thương mại điện tử”"


def test_a_plan_without_prizes_says_so_and_the_minutes_are_still_written(tree, tmp_path, capsys):
    plan = _contest([], n_units=3)
    del plan["prizes"]
    _make(tree, plan, 3)
    _sheets(tree, 3)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert _documents(config, tmp_path / "reports") == cli.EXIT_OK
    said = capsys.readouterr().out
    assert "2025-thu: kế hoạch không quy định giải thưởng (contest.yml không có prizes.tiers)" in said
    assert "chưa có phiếu chấm" not in said
    folder = tmp_path / "reports" / "2025-thu"
    assert sorted(p.name for p in folder.iterdir()) == [
        "bao-cao-tham-gia-theo-don-vi.xlsx",
        "bien-ban-tong-hop-ket-qua-cham-thi.docx",
    ]
    minutes = Document(str(folder / "bien-ban-tong-hop-ket-qua-cham-thi.docx"))
    assert [row.cells[1].text for row in minutes.tables[1].rows[1:]] == ["Tác phẩm 01", "Tác phẩm 02", "Tác phẩm 03"]
    assert "Ban Giám khảo đề nghị các giải như sau:" not in [p.text for p in minutes.paragraphs]
    assert cli.main(["validate", "-f", str(config)]) == cli.EXIT_OK
    said = capsys.readouterr().out
    assert "Giải thưởng: kế hoạch không quy định giải (contest.yml không có prizes.tiers)." in said
    assert "kế hoạch không quy định giải thưởng (contest.yml không có prizes.tiers), nên không có giải" in said
    assert not re.search(r"\b0 đ\b|\b0 giải", said)


def test_the_build_summary_says_an_unset_total_mid_sentence(tree, tmp_path, capsys):
    _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=2), 2)
    _sheets(tree, 2)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["validate", "-f", str(config)]) == cli.EXIT_OK
    said = capsys.readouterr().out
    assert (
        "2025-thu: kết quả đã công bố, 1 giải, tổng tiền thưởng theo quy định của Ban Tổ chức "
        "(kế hoạch chưa ghi mức tiền);"
    ) in said


def test_emoji_in_a_winners_title_are_said_and_the_title_is_kept(tree, tmp_path, capsys):
    _make(tree, _contest(TIERS, n_units=2), 2)
    entry = tree.root / "2025-thu" / "e-01" / "entry.yml"
    data = yaml.safe_load(entry.read_text(encoding="utf-8"))
    data["title"] = "Dịch vụ công 🎬✨ trực tuyến"
    entry.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _sheets(tree, 2)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert _documents(config, tmp_path / "reports") == cli.EXIT_OK  # a warning
    said = capsys.readouterr().out
    assert (
        "PAP004: Tác phẩm e-01 “Dịch vụ công 🎬✨ trực tuyến” có ký tự không nên có trên giấy tờ trình ký (🎬✨)"
    ) in said
    assert "e-02" not in said.split("PAP004")[1]  # only the entry that has them
    decision = Document(str(tmp_path / "reports" / "2025-thu" / "du-thao-quyet-dinh-khen-thuong.docx"))
    assert decision.tables[2].rows[1].cells[2].text == "Dịch vụ công 🎬✨ trực tuyến"


def test_unsignable_characters_are_emoji_and_pictographs_never_letters_or_common_signs():
    from contest_portal.office.papers.common import unsignable

    assert unsignable("Nhiệt độ 30°C © 2024 № 5 – “Đường về” (phần 1/2) ½ € Ω") == ""
    assert unsignable("👨‍👩‍👧 ❤️ ⭐ 👍🏽") == "👨👩👧❤⭐👍🏽"


# --- the public pages: references as far as known, certificates named by the work ------------


def test_public_pages_leave_out_a_number_without_figures_and_certificates_are_titled_by_the_work(tree, tmp_path):
    plan = _contest(TIERS[:1], n_units=2)
    plan["document"] = {"kind": "Kế hoạch", "number": "/KH-UBND", "date": 2024, "issuer": "UBND huyện Thử"}
    plan["results"]["decision"] = {"number": "/QĐ-BTC", "date": "2025-01-05"}
    _make(tree, plan, 2)
    entry = tree.root / "2025-thu" / "e-01" / "entry.yml"
    data = yaml.safe_load(entry.read_text(encoding="utf-8"))
    data["group"] = "Nhóm Tuổi trẻ xã 1"
    data["authors"] = [{"name": "Lê Văn An"}, {"name": "Trần Thị Bình"}]
    entry.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _sheets(tree, 2)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    pages = {}
    for lang in ("vi", "en"):
        site = tmp_path / f"site-{lang}"
        assert cli.main(["build", "-f", str(config), "--site-dir", str(site), "--lang", lang]) == 0
        pages[lang] = {
            name: " ".join((site / "2025-thu" / name / "index.html").read_text(encoding="utf-8").split())
            for name in ("the-le", "ket-qua", "giay-chung-nhan/nhat-1")
        }
    vi, en = pages["vi"], pages["en"]
    assert "Kế hoạch năm 2024 của UBND huyện Thử" in vi["the-le"] and "/KH-UBND" not in vi["the-le"]
    assert '<p class="cp-decision">Theo Quyết định ngày 05/01/2025</p>' in vi["ket-qua"]
    assert '<p class="cp-cert-decision">Theo Quyết định ngày 05/01/2025</p>' in vi["giay-chung-nhan/nhat-1"]
    assert "/QĐ-BTC" not in vi["ket-qua"] + en["ket-qua"] + vi["giay-chung-nhan/nhat-1"]
    assert "/KH-UBND" not in en["the-le"]
    for lang in ("vi", "en"):
        certificate = pages[lang]["giay-chung-nhan/nhat-1"]
        assert "<title>Giải Nhất – Tác phẩm 01 - Thử nghiệm</title>" in certificate
        assert re.search(r"<h1[^>]*>Giải Nhất – Tác phẩm 01</h1>", certificate)
        assert '<p class="cp-cert-name">Nhóm Tuổi trẻ xã 1</p>' in certificate
        assert '<p class="cp-cert-members">(Lê Văn An, Trần Thị Bình)</p>' in certificate
        assert "e-01</" not in certificate


# --- the papers' layout, as LibreOffice lays them out ---------------------------------------------

_PAPERS = (
    "bien-ban-tong-hop-ket-qua-cham-thi.docx",
    "to-trinh-de-nghi-khen-thuong.docx",
    "du-thao-quyet-dinh-khen-thuong.docx",
    "giay-khen-giay-chung-nhan.docx",
)


def _grid_and_cells(table) -> tuple[list[int], list[list[tuple[int, int]]]]:
    """The table's grid widths (w:gridCol) and, per row, each cell's width (w:tcW) with the sum of
    the grid columns it spans (twips)."""
    from docx.oxml.ns import qn

    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    rows = []
    for tr in table._tbl.tr_lst:
        cells, column = [], 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            cells.append((tc.width.twips if tc.width is not None else -1, sum(grid[column : column + span])))
            column += span
        rows.append(cells)
    return grid, rows


def test_every_tables_grid_agrees_with_its_cells_and_numbers_columns_stay_narrow(vinh_linh):
    for name in _PAPERS:
        paper = Document(str(vinh_linh / name))
        style = paper.styles["Normal"].paragraph_format
        assert style.space_after.pt == 6 and style.line_spacing == 1.0, name  # Decree 30: ≥ 6 pt, single to 1.5
        for table in paper.tables:
            grid, rows = _grid_and_cells(table)
            for cells in rows:
                assert all(abs(width - columns) <= len(grid) for width, columns in cells), (name, grid, cells)
    decision = Document(str(vinh_linh / "du-thao-quyet-dinh-khen-thuong.docx"))
    grid, _ = _grid_and_cells(decision.tables[0])
    assert grid[1] / 56.7 >= 100  # mm for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line (13 pt bold)
    minutes = Document(str(vinh_linh / "bien-ban-tong-hop-ket-qua-cham-thi.docx"))
    grid, _ = _grid_and_cells(minutes.tables[1])  # STT, title, three judges, mean, rank
    assert grid[1] == max(grid) and all(width / 56.7 <= 25 for width in (grid[0], *grid[2:]))
    assert sum(grid) / 56.7 == pytest.approx(165, abs=1)  # A4 portrait between the margins
    sheet = load_workbook(vinh_linh / "danh-sach-chi-tra-tien-thuong.xlsx").active
    assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$5:$5"  # the column headings on every page


def _pages(paper: Path, out: Path) -> int:
    """How many pages LibreOffice lays ``paper`` out on (converted to PDF, counted with pypdf)."""
    import subprocess

    from pypdf import PdfReader

    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{out}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(paper),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return len(PdfReader(out / f"{paper.stem}.pdf").pages)


def test_each_certificate_is_one_page_and_the_lists_fit_as_libreoffice_prints_them(vinh_linh, tmp_path):
    # eight prizes in the sample (seven jury prizes and the public vote's): eight A4 landscape pages
    assert _pages(vinh_linh / "giay-khen-giay-chung-nhan.docx", tmp_path) == 8
    assert _pages(vinh_linh / "bien-ban-tong-hop-ket-qua-cham-thi.docx", tmp_path) <= 2  # was 3 for 8 rows
    assert _pages(vinh_linh / "danh-sach-chi-tra-tien-thuong.xlsx", tmp_path) == 1  # one page wide and long


@pytest.mark.parametrize(
    "issuer, number, expected",
    [
        ("UBND huyện Thử", None, "……/QĐ-UBND"),
        ("UBND huyện Thử", "/QĐ-BTC", "……/QĐ-UBND"),  # the committee's symbol is not the People's Committee's
        ("Ủy ban nhân dân huyện Thử", "15/QĐ-UBND", "15/QĐ-UBND"),
        ("UBND huyện Thử", "/QĐ-UBND", "……/QĐ-UBND"),
        ("Sở Tư pháp tỉnh Thử", "12/QĐ-STP", "12/QĐ-STP"),  # another issuer's own number, as contest.yml has it
        ("Sở Tư pháp tỉnh Thử", None, "……/QĐ-……"),
    ],
)
def test_the_decisions_number_follows_its_issuer(tree, tmp_path, issuer, number, expected):
    plan = _contest(TIERS[:1], n_units=1)
    plan["organizer"] = {"name": issuer}
    if number:
        plan["results"]["decision"] = {"number": number}
    _make(tree, plan, 1)
    _sheets(tree, 1)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert _documents(config, tmp_path / "reports") == cli.EXIT_OK
    decision = Document(str(tmp_path / "reports" / "2025-thu" / "du-thao-quyet-dinh-khen-thuong.docx"))
    assert decision.tables[0].rows[0].cells[0].text.endswith(f"\nSố: {expected}")
    assert f"(Kèm theo Quyết định số {expected} ngày …/…/2025 của {issuer})" in [p.text for p in decision.paragraphs]


def test_the_decisions_heading_carries_its_date_as_far_as_contest_yml_knows_it(tree, tmp_path):
    """The annex said "ngày 05/01/2026" while the heading left the date blank (a tester's find): the
    heading now writes the day, month and year contest.yml knows, in Decree 30's way (05, 01), and
    leaves only what it does not know to fill in."""
    plan = _contest(TIERS[:1], n_units=1)
    plan["results"]["decision"] = {"number": "15/QĐ-UBND", "date": "2026-01-05"}
    _make(tree, plan, 1)
    _sheets(tree, 1)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert _documents(config, tmp_path / "reports") == cli.EXIT_OK
    decision = Document(str(tmp_path / "reports" / "2025-thu" / "du-thao-quyet-dinh-khen-thuong.docx"))
    assert decision.tables[0].rows[0].cells[1].text.endswith(", ngày 05 tháng 01 năm 2026")
    assert any("ngày 05/01/2026" in p.text for p in decision.paragraphs)  # the annex agrees
    contest_yml = tree.root / "2025-thu" / "contest.yml"  # a date known to the month only
    contest_yml.write_text(contest_yml.read_text(encoding="utf-8").replace("2026-01-05", "2026-10"), encoding="utf-8")
    assert _documents(config, tmp_path / "reports") == cli.EXIT_OK
    decision = Document(str(tmp_path / "reports" / "2025-thu" / "du-thao-quyet-dinh-khen-thuong.docx"))
    assert decision.tables[0].rows[0].cells[1].text.endswith(", ngày …… tháng 10 năm 2026")
