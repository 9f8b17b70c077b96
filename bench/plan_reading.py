#!/usr/bin/env python3
"""Benchmark: reading an office's plan for ``new-contest --from-plan``, seconds per page.

    python3 bench/plan_reading.py              the text PDF of 3 pages, OCR of 2 scanned pages
    python3 bench/plan_reading.py --ocr-pages 1

Prints the seconds per page of ``plan.read_document.read_plan`` for a text PDF (the Bắc Kạn
plan of tests/plans/, made with fpdf2 as tests/test_plan.py makes it) and for a scanned page (a
page of text drawn at 200 dpi, turned 1.5 degrees, saved as a one-picture PDF: deskew and
Tesseract's Vietnamese model), and the time to extract and draft contest.yml from the lines read.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ocr-pages", type=int, default=2, help="scanned pages to read (default 2)")
    args = parser.parse_args(argv)
    from contest_portal.plan.draft import draft
    from contest_portal.plan.extract import extract
    from contest_portal.plan.read_document import read_plan
    from tests.test_plan import bac_kan_pdf
    from tests.test_plan_ocr import DPI, PAGE, page_image

    with tempfile.TemporaryDirectory() as folder:
        text_pdf = bac_kan_pdf(Path(folder) / "ke-hoach.pdf")
        from pypdf import PdfReader

        pages = len(PdfReader(text_pdf).pages)
        started = time.perf_counter()
        lines = read_plan(text_pdf, tesseract=None)
        seconds = time.perf_counter() - started
        print(f"text PDF: {pages} pages, {len(lines)} paragraphs in {seconds:.3f} s: {seconds / pages:.3f} s per page")
        started = time.perf_counter()
        draft(extract(lines), lines, year=2024, organizer=None)
        print(f"extract and draft: {time.perf_counter() - started:.3f} s")

        scan = Path(folder) / "ban-quet.pdf"
        images = [page_image(PAGE, angle=1.5) for _ in range(args.ocr_pages)]
        images[0].save(scan, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
        started = time.perf_counter()
        lines = read_plan(scan)
        seconds = time.perf_counter() - started
        print(
            f"scanned PDF (OCR, {DPI} dpi A4, deskewed): {args.ocr_pages} pages, {len(lines)} paragraphs in "
            f"{seconds:.2f} s: {seconds / args.ocr_pages:.2f} s per page"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
