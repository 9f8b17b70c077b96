"""The guide's pictures of the files in ``_ket-qua/`` (tools/ket_qua_pictures.py) are real files, as
LibreOffice prints them, and the guide shows each of them.

Needs LibreOffice (``soffice``) and ``pdftoppm``: skipped without them, except in CI (CI=true), where
a missing program is a failure.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest
from PIL import Image
from pypdf import PdfReader

from contest_portal.formats.tables import read_table
from contest_portal.formats.votes import VOTE_COLUMNS, read_votes
from contest_portal.pipeline import load_portal
from tools.ket_qua_pictures import NAMES, OUT_DIRS, SAMPLE, draw, vote_list, write_files

GUIDES = {"vi": OUT_DIRS["vi"].parent / "index.md", "en": OUT_DIRS["en"].parent / "index.en.md"}


@pytest.fixture(scope="module")
def office():
    missing = [program for program in ("soffice", "pdftoppm") if shutil.which(program) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} missing: .ci/run must install libreoffice-calc-nogui and poppler-utils")
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install libreoffice-calc-nogui poppler-utils)")


def test_the_files_pictured_are_files_the_tool_reads(tmp_path, office):
    files = write_files(tmp_path / "files", "vi")
    votes = read_table(files["votes"], VOTE_COLUMNS, required=("votes",))
    assert votes.header_row == 4  # below the office's name and the table's title
    typed = [(row.get("title"), row.get("votes"), row.get("time")) for row in votes]
    assert len(typed) == 8  # the sample's eight works, by title
    assert typed[5] == ("Tiểu phẩm: Bác Ba đi làm giấy khai sinh", 1204, "10/7/2024 17:00")
    sheet = read_table(files["sheet"], {"entry": ("ma_tac_pham",)}, required=("entry",))
    first = next(iter(sheet))
    # as jury-sheets wrote it, filled in with the sample judge gk-le's scores
    assert first.get("entry") == "vl-01" and first.get("noi_dung_chu_de_toi_da_40") == 34
    assert [row.get("tinh_sang_tao_toi_da_30") for row in sheet] == [26, 26, 23, 27, 25, 28, 22, 25]
    quiz = read_table(
        files["quiz"],
        {"name": ("ho_va_ten",), "correct": ("so_cau_dung",), "time": ("thoi_gian",)},
        required=("name", "correct", "time"),
    )
    assert [(row.get("name"), row.get("correct")) for row in quiz][0] == ("Nguyễn Thị Thu Hà", 20)

    work = tmp_path / "print"
    work.mkdir()
    made = draw(files, "vi", tmp_path / "anh", work)
    assert [path.name for path in made] == ["tep-phieu-cham.png", "tep-binh-chon.png", "tep-trac-nghiem.png"]
    # each sheet on one page: no column cut off onto a second
    assert [len(PdfReader(work / f"{kind}.pdf").pages) for kind in files] == [1, 1, 1]
    sizes = [Image.open(path).size for path in made]
    # cropped to the sheet: the score sheet's seven columns (some 200 characters) about 1,780 px wide,
    # nine rows and the column letters about 200 px high; the vote list with its title rows, 12 rows
    assert 1600 <= sizes[0][0] <= 1900 and 150 <= sizes[0][1] <= 260
    assert 1000 <= sizes[1][0] <= 1250 and 250 <= sizes[1][1] <= 380
    assert all(path.stat().st_size < 60_000 and Image.open(path).mode == "P" for path in made)  # a few colours


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_guide_shows_each_file_with_an_alt_text(lang):
    guide = GUIDES[lang].read_text(encoding="utf-8")
    section = guide[guide.index("`_ket-qua/`\n") :]
    section = section[: section.index("\n### ")]
    folder = OUT_DIRS[lang].name
    for names in NAMES.values():
        assert (OUT_DIRS[lang] / names[lang]).is_file()
        # shown in the section on _ket-qua/, with a text for who cannot see it, and a link to the full size
        alt = re.search(
            rf"\[!\[([^\]]+)\]\({folder}/{re.escape(names[lang])}\)\]\({folder}/{re.escape(names[lang])}\)", section
        )
        assert alt is not None and len(alt.group(1)) > 20, names[lang]


def test_the_english_score_sheet_is_as_jury_sheets_writes_it_in_english(tmp_path):
    from tools.ket_qua_pictures import score_sheet

    sheet = read_table(score_sheet(tmp_path, "en"), {"entry": ("entry_id",)}, required=("entry",))
    assert list(sheet.headers.values())[:3] == ["Entry id", "Title", "Link"]


def test_the_vote_list_pictured_counts_for_the_sample_works_by_their_titles(tmp_path):
    """The typed list (titles only, below two title rows) read by the tool's vote reader in a copy
    of the sample contest, in place of its binh-chon.csv: each work gets the sample's count."""
    contest_folder = tmp_path / "entries" / SAMPLE.name
    shutil.copytree(SAMPLE, contest_folder)
    (contest_folder / "_ket-qua" / "binh-chon.csv").unlink()
    vote_list(contest_folder / "_ket-qua")
    [contest] = load_portal(tmp_path / "entries", probe=False).contests
    snapshot = read_votes(contest)
    assert snapshot.problems == []
    assert snapshot.counts == {
        "vl-01": 412,
        "vl-02": 988,
        "vl-03": 265,
        "vl-04": 731,
        "vl-05": 540,
        "vl-06": 1204,
        "vl-07": 198,
        "vl-08": 376,
    }
