#!/usr/bin/env python3
"""Write the sample's made-up signed plan as a PDF: ``entries/2024-vinh-linh/ke-hoach.pdf``.

A scanned-looking A4 page (Pillow) saved as PDF, with the document information a scanner or an
office suite leaves (author, software): the portal publishes a copy without it.

    python tools/make_sample_documents.py
"""

from __future__ import annotations

import io
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.videogen import _font  # noqa: E402

LINES = [
    "ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH",
    "",
    "KẾ HOẠCH",
    "Tổ chức Cuộc thi video tuyên truyền",
    "cải cách hành chính năm 2024",
    "",
    "(Bản mẫu minh họa của contest-portal,",
    "không phải văn bản thật)",
    "",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
]


def make_plan_pdf(path: pathlib.Path) -> pathlib.Path:
    from PIL import Image, ImageDraw
    from pypdf import PdfReader, PdfWriter

    page = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi, greyscale like a scan
    draw = ImageDraw.Draw(page)
    font = _font(44, True)
    y = 200
    for line in LINES:
        width = draw.textlength(line, font=font)
        draw.text(((page.width - width) / 2, y), line, fill=0, font=font)
        y += 80
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    writer.add_metadata({"/Author": "Nguyễn Văn A (văn thư)", "/Creator": "Máy quét văn phòng", "/Title": "Kế hoạch"})
    with path.open("wb") as handle:
        writer.write(handle)
    return path


if __name__ == "__main__":
    target = make_plan_pdf(ROOT / "entries" / "2024-vinh-linh" / "ke-hoach.pdf")
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size:,} B)")
