#!/usr/bin/env python3
"""Pictures of the files the office drops in ``_ket-qua/``, for the organizers' guide (vi and en).

    python tools/ket_qua_pictures.py [--lang vi|en] [--keep FOLDER]

Writes the three kinds of file from the sample portal's data (``entries/2024-vinh-linh``), as the
office has them: a judge's score sheet as ``jury-sheets`` writes it (``build.py jury-sheets``, run in
a process of its own) filled in with the sample's scores of judge ``gk-le``; the vote list
``binh-chon.xlsx`` as an office types it (the office's name and the table's title above the header,
each work by its title, the likes and the time they were taken); the quiz results
``trac-nghiem.xlsx``. Each is shown as a spreadsheet program prints it: LibreOffice Calc lays a copy
out on A4 landscape, one page wide, with its grid and the column letters and row numbers
(``soffice --headless --convert-to pdf``), Poppler draws the page (``pdftoppm -png -r 110``), and
Pillow crops it to the sheet and reduces it to a few colours:
``site_src/huong-dan/anh/tep-*.png`` (Vietnamese) and ``site_src/huong-dan/images/file-*.png``
(``--lang en``: the score sheet as ``jury-sheets --lang en`` writes it; the office's own lists are in
Vietnamese in both).

Needs LibreOffice Calc (Debian: ``apt-get install libreoffice-calc-nogui``, which .ci/run installs)
and Poppler's ``pdftoppm`` (``apt-get install poppler-utils``).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

#: where each language's pictures go (the guide's own folder for each language)
OUT_DIRS = {"vi": ROOT / "site_src" / "huong-dan" / "anh", "en": ROOT / "site_src" / "huong-dan" / "images"}
#: each kind of file: the picture's name per language
NAMES = {
    "sheet": {"vi": "tep-phieu-cham.png", "en": "file-score-sheet.png"},
    "votes": {"vi": "tep-binh-chon.png", "en": "file-votes.png"},
    "quiz": {"vi": "tep-trac-nghiem.png", "en": "file-quiz.png"},
}
SAMPLE = ROOT / "entries" / "2024-vinh-linh"
JUDGE = "gk-le"  # the sample judge whose filled sheet is shown
DPI = 110
MARGIN = 10  # px of white kept around the sheet
COLOURS = 32  # the palette of a picture: black text, grey grid, the header's fill

#: the fanpage's likes as the office typed them (the sample's binh-chon.csv, by title), and when
VOTES_TAKEN = "10/7/2024 17:00"
#: the quiz results as the quiz site exports them (names made up; units of the sample contest)
QUIZ = [
    ("Nguyễn Thị Thu Hà", "TS0012", "UBND thị trấn Hồ Xá", 20, "2:35.9", "05/7/2024 09:12"),
    ("Trần Văn Đức", "TS0031", "UBND xã Vĩnh Giang", 20, "3:02.4", "05/7/2024 10:47"),
    ("Lê Thị Ngọc Ánh", "TS0007", "Phòng Văn hóa và Thông tin huyện", 19, "1:58.0", "04/7/2024 15:20"),
    ("Hoàng Quốc Việt", "TS0044", "UBND xã Kim Thạch", 19, "2 phút 41 giây", "06/7/2024 08:05"),
    ("Phạm Thị Hường", "TS0019", "UBND thị trấn Cửa Tùng", 18, "2:20.5", "05/7/2024 14:33"),
]


def _sample_titles() -> dict[str, str]:
    """Entry code → title, from the sample entries' entry.yml."""
    import yaml

    return {
        path.parent.name: yaml.safe_load(path.read_text(encoding="utf-8"))["title"]
        for path in sorted(SAMPLE.glob("*/entry.yml"))
    }


def _sample_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def score_sheet(folder: Path, lang: str) -> Path:
    """``jury-sheets`` run on the sample portal into ``folder``, the sample judge's sheet filled in
    with the sample's scores (``_ket-qua/diem/gk-le.csv``), saved as ``<folder>/gk-le.xlsx``."""
    from openpyxl import load_workbook

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "plugins"), os.environ.get("PYTHONPATH", "")])}
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "jury-sheets",
            "--out",
            str(folder / "phieu-cham"),
            "--lang",
            lang,
            "-f",
            "mkdocs.yml",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    scores = {
        row["Mã tác phẩm"]: list(row.values())[3:6]
        for row in _sample_csv(SAMPLE / "_ket-qua" / "diem" / f"{JUDGE}.csv")
    }
    book = load_workbook(folder / "phieu-cham" / SAMPLE.name / f"{JUDGE}.xlsx")
    sheet = book.active
    for row in range(2, sheet.max_row + 1):
        for column, points in enumerate(scores[sheet.cell(row, 1).value], start=4):
            sheet.cell(row, column, float(points) if "." in points else int(points))
    target = folder / f"{JUDGE}.xlsx"
    book.save(target)
    return target


def _office_table(sheet, title: list[str], header: list[str], rows: list[tuple], widths: list[float]) -> None:
    """An office's typed table: its name and the table's title above, a bold bordered header."""
    from openpyxl.styles import Alignment, Border, Font, Side

    line = Side(style="thin")
    for number, text in enumerate(title, start=1):
        sheet.cell(number, 1, text).font = Font(name="Times New Roman", size=12, bold=number > 1)
        sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=len(header))
        sheet.cell(number, 1).alignment = Alignment(horizontal="left" if number == 1 else "center")
    first = len(title) + 2
    for offset, values in enumerate([tuple(header), *rows]):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(first + offset, column, value)
            cell.font = Font(name="Times New Roman", size=12, bold=offset == 0)
            cell.border = Border(left=line, right=line, top=line, bottom=line)
            cell.alignment = Alignment(
                wrap_text=offset == 0,
                vertical="center",
                horizontal="center" if offset == 0 or column == 1 else None,
                indent=0,
            )
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[chr(64 + column)].width = width


def vote_list(folder: Path) -> Path:
    """``binh-chon.xlsx`` as an office types it: each work by its title (the sample's counts)."""
    from openpyxl import Workbook

    titles = _sample_titles()
    counts = [
        (titles[row["Mã tác phẩm"]], int(row["Số bình chọn"]))
        for row in _sample_csv(SAMPLE / "_ket-qua" / "binh-chon.csv")
    ]
    book = Workbook()
    sheet = book.active
    sheet.title = "Bình chọn"
    _office_table(
        sheet,
        ["ĐÀI TRUYỀN THANH HUYỆN VĨNH LINH", "SỐ LƯỢT BÌNH CHỌN CÁC TÁC PHẨM TRÊN FANPAGE"],
        ["STT", "Tên tác phẩm", "Lượt thích", "Thời điểm"],
        [(number, title, votes, VOTES_TAKEN) for number, (title, votes) in enumerate(counts, start=1)],
        [6, 62, 12, 18],
    )
    target = folder / "binh-chon.xlsx"
    book.save(target)
    return target


def quiz_results(folder: Path) -> Path:
    """``trac-nghiem.xlsx``: the quiz site's export (``QUIZ``)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Kết quả"
    _office_table(
        sheet,
        ["BAN TỔ CHỨC CUỘC THI", "KẾT QUẢ THI TRẮC NGHIỆM TRỰC TUYẾN"],
        ["STT", "Họ và tên", "Mã thí sinh", "Đơn vị", "Số câu đúng", "Thời gian", "Thời điểm nộp bài"],
        [(number, *row) for number, row in enumerate(QUIZ, start=1)],
        [6, 24, 13, 34, 12, 16, 20],
    )
    target = folder / "trac-nghiem.xlsx"
    book.save(target)
    return target


def write_files(folder: Path, lang: str) -> dict[str, Path]:
    """The three files (``NAMES``' kinds → path) written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return {"sheet": score_sheet(folder, lang), "votes": vote_list(folder), "quiz": quiz_results(folder)}


def _print_copy(path: Path, target: Path) -> Path:
    """A copy of ``path`` set to print as the program shows it: grid, column letters and row
    numbers, on A3 landscape one page wide (the widest sheet, the score sheet of some 200
    characters, a little under its own size; the others at their own size), narrow margins (the
    file itself is not changed)."""
    from openpyxl import load_workbook
    from openpyxl.worksheet.page import PageMargins

    book = load_workbook(path)
    sheet = book.active
    sheet.print_options.gridLines = True
    sheet.print_options.headings = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.page_margins = PageMargins(left=0.2, right=0.2, top=0.2, bottom=0.2, header=0, footer=0)
    sheet.oddHeader.center.text = sheet.oddFooter.center.text = ""
    book.save(target)
    return target


def draw(files: dict[str, Path], lang: str, out_dir: Path, work: Path) -> list[Path]:
    """Each file as LibreOffice prints it (``_print_copy``), drawn to ``out_dir`` under its name
    in ``lang``, cropped to the sheet; the pictures written. Raises CalledProcessError when
    LibreOffice or pdftoppm fails, RuntimeError when a page comes out blank."""
    from PIL import Image

    out_dir.mkdir(parents=True, exist_ok=True)
    copies = [_print_copy(path, work / f"{kind}.xlsx") for kind, path in files.items()]
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            *map(str, copies),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    made = []
    for kind in files:
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(DPI),
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(work / f"{kind}.pdf"),
                str(work / kind),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        target = out_dir / NAMES[kind][lang]
        _save_cropped(Image.open(work / f"{kind}.png").convert("RGB"), target)
        made.append(target)
    return made


def _save_cropped(page, target: Path) -> None:
    """``page`` (a Pillow RGB image of a printed page) cropped to what is printed on it, ``MARGIN``
    px around, saved to ``target`` with ``COLOURS`` colours."""
    from PIL import Image, ImageChops

    box = ImageChops.difference(page, Image.new("RGB", page.size, "white")).getbbox()
    if box is None:
        raise RuntimeError(f"{target.name}: LibreOffice printed an empty page")
    left, top, right, bottom = box
    picture = page.crop(
        (
            max(left - MARGIN, 0),
            max(top - MARGIN, 0),
            min(right + MARGIN, page.width),
            min(bottom + MARGIN, page.height),
        )
    )
    picture.quantize(COLOURS, dither=Image.Dither.NONE).save(target, optimize=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=sorted(OUT_DIRS), action="append", help="(default: both)")
    parser.add_argument("--keep", type=Path, help="write the files in this (new) folder and leave them there")
    args = parser.parse_args(argv)
    for lang in args.lang or sorted(OUT_DIRS, reverse=True):
        with tempfile.TemporaryDirectory(prefix="ket-qua-pictures-") as temporary:
            folder = (args.keep / lang) if args.keep else Path(temporary) / "files"
            work = Path(temporary) / "print"
            work.mkdir(parents=True)
            for picture in draw(write_files(folder, lang), lang, OUT_DIRS[lang], work):
                print(f"{picture.relative_to(ROOT)} ({picture.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    for program, package in (("soffice", "libreoffice-calc-nogui"), ("pdftoppm", "poppler-utils")):
        if shutil.which(program) is None:
            sys.exit(f"{program} is missing: apt-get install {package}")
    sys.exit(main(sys.argv[1:]))
