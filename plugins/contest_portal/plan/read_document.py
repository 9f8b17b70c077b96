"""An office's plan document as its paragraphs of text, whatever the file it came in.

Shapes: ``read_plan(path, tesseract=...)`` → ``list[PlanLine]``, one per paragraph of the plan in
reading order (wrapped lines of a PDF, a scan or pasted text joined; page numbers and running
headers dropped). Raises ``PlanReadError`` with a coded ``Problem`` (PLN001–PLN006).

The files offices have (issue 29):

* ``.docx``: python-docx, body paragraphs and tables in document order (the header table with
  the issuer and "Số: …/KH-…", the signature table), each cell's paragraphs left to right;
* ``.pdf`` with a text layer: pypdf, page by page;
* a scanned ``.pdf`` (pages without text but with a picture) or a photo ``.jpg`` / ``.png``:
  Tesseract with its Vietnamese model (``tesseract-ocr``, ``tesseract-ocr-vie``) through
  pytesseract, after the page is deskewed;
* ``.txt`` / ``.md``: the encodings the register import reads (UTF-8, UTF-16, Windows-1258, TCVN3,
  VNI: ``formats.tables.decode_text``), Markdown marks removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contest_portal.core.errors import Location, Problem
from contest_portal.core.files import FileRefused, open_regular

#: The suffixes read, by kind.
TEXT_SUFFIXES = (".txt", ".md")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
SUFFIXES = (".docx", ".pdf", *IMAGE_SUFFIXES, *TEXT_SUFFIXES)
#: A plan file larger than this is no plan (a scan of 20 pages at 300 dpi is about 30 MB).
MAX_PLAN_BYTES = 100 * 1024 * 1024
#: Fewer characters than this on a PDF page: the page is a picture (a scan), read by OCR.
MIN_TEXT_CHARS = 20
#: A line of its own in a page's lines: the paragraph before it ends there (a Markdown heading).
BREAK = "\f"
#: Seconds Tesseract may take on one page before the page is given up (PLN005).
OCR_TIMEOUT = 120
#: Tesseract's word confidence (0–100) below which a word read is unsure: a value drafted from it
#: is a question (a photo's "2025" read "2020" scores about 70; clean print scores 90 and more).
OCR_SURE = 75


@dataclass(frozen=True)
class PlanLine:
    """One paragraph of the plan: its text (NFC, spaces collapsed), its number in the reading
    (1-based), the page it starts on (None for .docx and text) and the words OCR was unsure of."""

    text: str
    number: int
    page: int | None = None
    unsure: tuple[str, ...] = ()  # words of it OCR read with low confidence (``OCR_SURE``)


class PlanReadError(Exception):
    """The plan cannot be read; ``problem`` says why (PLN001–PLN006)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message("en"))
        self.problem = problem


def read_plan(path: Path, tesseract: str | None = "tesseract") -> list[PlanLine]:
    """The paragraphs of the plan in ``path``; ``tesseract``: the Tesseract program (a name on
    PATH or a path; None when it is not installed), needed only for scans and photos."""
    where = Location(file=path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise PlanReadError(Problem("PLN002", where, {"suffix": suffix or path.name, "allowed": " ".join(SUFFIXES)}))
    try:  # (core.files: a regular file, never a pipe that blocks, read no further than the bound)
        data = open_regular(path, None, max_bytes=MAX_PLAN_BYTES)
    except (FileRefused, OSError):
        raise PlanReadError(Problem("PLN001", where, {"path": path})) from None
    unsure: set[str] = set()
    scanned: list[int] = []  # the pages read by OCR
    if suffix == ".docx":
        pages = [_docx_lines(path, data, where)]
    elif suffix == ".pdf":
        pages = _pdf_pages(data, where, tesseract, unsure, scanned)
    elif suffix in IMAGE_SUFFIXES:
        pages, scanned = [_ocr_lines(_open_image(data, where), where, tesseract, unsure)], [1]
    else:
        pages = [_text_lines(data, where, markdown=suffix == ".md")]
    if suffix == ".docx":  # a Word paragraph is a paragraph: only one broken mid-sentence is joined
        lines = [PlanLine(text, n) for n, text in enumerate(join_broken([t for t in pages[0] if t]), start=1)]
    else:
        lines = join_wrapped(_without_page_furniture(pages), paged=suffix != ".md" and suffix != ".txt")
    if scanned:
        lines = roman_headings(lines)
    if unsure:
        lines = [
            PlanLine(line.text, line.number, line.page, tuple(w for w in line.text.split() if w in unsure))
            for line in lines
        ]
    if sum(len(line.text) for line in lines) < MIN_TEXT_CHARS:
        raise PlanReadError(Problem("PLN004", where, {"path": path.name}))
    return lines


# --- the formats ------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip()


def _docx_lines(path: Path, data: bytes, where: Location) -> list[str]:
    """Body paragraphs and table cells in document order (python-docx's ``iter_inner_content``)."""
    import io

    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises zipfile, lxml and KeyError kinds on a damaged file
        raise PlanReadError(Problem("PLN005", where, {"path": path.name, "kind": "DOCX"})) from None
    from contest_portal.plan.word_lists import ListLabels

    labels = ListLabels(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table) and (prizes := _prize_rows(block)):
            lines += prizes
        elif isinstance(block, Table):
            seen: list[Any] = []  # the cells' elements, kept alive: an id() of a freed lxml proxy is reused
            for row in block.rows:
                for cell in row.cells:
                    if any(cell._tc is element for element in seen):  # a merged cell, once per grid column
                        continue
                    seen.append(cell._tc)
                    lines += [_clean(part) for p in cell.paragraphs for part in p.text.split("\n")]
        else:
            parts = [_clean(part) for part in block.text.split("\n")]  # a line break inside a paragraph
            label = labels.label(block)  # Word draws a list's numbers and bullets: they are not in the text
            if parts and parts[0] and label and not parts[0].startswith(label):
                parts[0] = f"{label} {parts[0]}"
            lines += parts
    return lines


def _pdf_pages(
    data: bytes, where: Location, tesseract: str | None, unsure: set[str], scanned: list[int]
) -> list[list[str]]:
    """Each page's lines: its text layer, or OCR of its largest picture when it has no text (the
    words OCR is unsure of added to ``unsure``, the page's number to ``scanned``)."""
    import io

    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = list(reader.pages)
    except Exception:  # pypdf raises its own and zlib/struct kinds on a damaged file
        raise PlanReadError(
            Problem("PLN005", where, {"path": where.file.name if where.file else "", "kind": "PDF"})
        ) from None
    result: list[list[str]] = []
    for page in pages:
        try:
            text = page.extract_text(extraction_mode="layout") or ""  # (columns kept apart by their spaces)
        except Exception:
            text = ""
        if len(text.strip()) >= MIN_TEXT_CHARS:
            result.append([_clean(line) for line in in_columns(text.splitlines())])
            continue
        pictures = []
        try:
            pictures = [picture.image for picture in page.images if picture.image is not None]
        except Exception:  # a picture pypdf cannot decode: the page has no readable text
            pictures = []
        if pictures:
            largest = max(pictures, key=lambda image: image.width * image.height)
            result.append(_ocr_lines(largest, where, tesseract, unsure))
            scanned.append(len(result))
    return result


#: Text runs of a laid-out line: words separated by fewer than 6 spaces (a wider gap is a column's).
_RUN = re.compile(r"\S+(?: {1,5}\S+)*")


def in_columns(lines: list[str]) -> list[str]:
    """A laid-out page's lines in reading order: where lines stand in two columns side by side (the
    header table: issuer | motto, number | place and date; the signature table: recipients |
    signer), the left column's lines first, then the right one's. A run of such lines may hold
    short lines of one column only (recipients under "Nơi nhận" beside an empty cell, the signer's
    name below an empty one); a long line (the body's text) ends it."""
    runs = [[(m.start(), m.group()) for m in _RUN.finditer(line)] for line in lines]
    width = max((len(line.rstrip()) for line in lines), default=0)
    result: list[str] = []
    index = 0
    while index < len(lines):
        if len(runs[index]) < 2:
            result.append(lines[index].strip())
            index += 1
            continue
        end = index
        window = []  # the short lines that follow, up to the body's next long line
        for ahead in range(index + 1, min(index + 15, len(lines))):
            if any(len(text) > 0.6 * width for _, text in runs[ahead]):  # the body's text again
                break
            window.append(ahead)
            if len(runs[ahead]) >= 2:
                end = ahead
        split = min(parts[1][0] for parts in runs[index : end + 1] if len(parts) >= 2)
        # a line of the right column alone (the signer's name below an empty left cell) is still in it
        end = max([end] + [ahead for ahead in window if any(start >= split for start, _ in runs[ahead])])
        block = [part for parts in runs[index : end + 1] for part in parts]
        result += [text for start, text in block if start < split] + [text for start, text in block if start >= split]
        index = end + 1
    return result


def _text_lines(data: bytes, where: Location, *, markdown: bool) -> list[str]:
    from contest_portal.formats.tables import TableError, decode_text

    try:
        text = decode_text(data)
    except TableError:
        raise PlanReadError(Problem("PLN006", where, {"path": where.file.name if where.file else ""})) from None
    if not markdown:
        return [_clean(line) for line in text.splitlines()]
    result = []
    for line in text.splitlines():  # a heading is a paragraph of its own: it ends where its line ends
        result.append(_markdown_line(line))
        if re.match(r"^\s{0,3}#{1,6}\s|^\s*\*\*.*\*\*\s*$", line):
            result.append(BREAK)
    return result


def _markdown_line(line: str) -> str:
    """A Markdown line as its words: headings' #, emphasis, links' targets and line-break marks removed."""
    line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)
    line = re.sub(r"\[([^\]]*)\]\((?:mailto:)?[^)]*\)", r"\1", line)
    line = re.sub(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1", r"\2", line)
    line = line.replace("***", "").replace("**", "")
    return _clean(line)


# --- OCR --------------------------------------------------------------------------------------


def _open_image(data: bytes, where: Location) -> Any:
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise PlanReadError(
            Problem("PLN005", where, {"path": where.file.name if where.file else "", "kind": "JPEG/PNG"})
        ) from None
    return image


def _ocr_lines(image: Any, where: Location, tesseract: str | None, unsure: set[str]) -> list[str]:
    """The lines Tesseract reads in the deskewed ``image`` with its Vietnamese model (automatic page
    segmentation, psm 3: a photo's slanted lines stay whole, where psm 4 cut them into columns);
    the words read with a confidence below ``OCR_SURE`` are added to ``unsure``."""
    import pytesseract

    if tesseract is None:
        raise PlanReadError(Problem("PLN003", where, {"missing": "tesseract-ocr tesseract-ocr-vie"}))
    pytesseract.pytesseract.tesseract_cmd = tesseract  # pytesseract's only way to name the program
    try:
        if "vie" not in pytesseract.get_languages(config=""):
            raise PlanReadError(Problem("PLN003", where, {"missing": "tesseract-ocr-vie"}))
        words = pytesseract.image_to_data(
            deskew(image), lang="vie", config="--psm 3", timeout=OCR_TIMEOUT, output_type=pytesseract.Output.DICT
        )
    except pytesseract.TesseractNotFoundError:
        raise PlanReadError(Problem("PLN003", where, {"missing": "tesseract-ocr tesseract-ocr-vie"})) from None
    except (RuntimeError, pytesseract.TesseractError):  # a timeout or a picture Tesseract refuses
        raise PlanReadError(
            Problem("PLN005", where, {"path": where.file.name if where.file else "", "kind": "OCR"})
        ) from None
    unsure.update(
        _clean(str(text))
        for text, confidence in zip(words["text"], words["conf"])
        if str(text).strip() and 0 <= float(confidence) < OCR_SURE
    )
    return [_clean(line) for line in in_columns(laid_out(words))]


def laid_out(words: dict[str, list]) -> list[str]:
    """Tesseract's words (``image_to_data``: text, left, width, and block, paragraph and line
    numbers) as lines of text with each word at its place, as pypdf's layout mode gives a PDF's:
    a scan's header and signature tables keep the gap between their two cells (Tesseract puts
    both cells on one line), for ``in_columns`` to read them one after the other."""
    found = [
        (words["block_num"][i], words["par_num"][i], words["line_num"][i], words["left"][i], words["width"][i], text)
        for i, text in enumerate(words["text"])
        if str(text).strip()
    ]
    widths = sorted(width / len(str(text)) for *_, width, text in found)
    character = widths[len(widths) // 2] if widths else 1.0
    lines: dict[tuple[int, int, int], str] = {}
    for block, paragraph, number, left, _width, text in found:
        line = lines.get((block, paragraph, number), "")
        column = max(round(left / character), len(line) + 1 if line else 0)
        lines[(block, paragraph, number)] = line.ljust(column) + str(text)
    return list(lines.values())


def deskew(image: Any, max_degrees: float = 6.0, step: float = 0.25) -> Any:
    """``image`` (a PIL image) turned upright: the angle within ±``max_degrees`` whose rows of ink
    are sharpest (largest variance of the row sums of a small black-and-white copy, the
    projection-profile method of Postl, "Detection of linear oblique structures", 1986).

    Tesseract finds lines of a photo taken a few degrees off, but reads their letters worse;
    the method needs only Pillow and numpy (a deskew package would bring scikit-image and SciPy).
    """
    import numpy as np
    from PIL import Image

    gray = image.convert("L")
    small = gray.copy()
    small.thumbnail((900, 900))
    ink = small.point(lambda v: 255 if v < 128 else 0)

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, expand=True), dtype=np.float64).sum(
            axis=1
        )
        return float(np.var(rows))

    steps = int(max_degrees / step)
    best = max((k * step for k in range(-steps, steps + 1)), key=sharpness)
    if abs(best) < step:
        return gray
    return gray.rotate(best, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


# --- from lines to paragraphs -----------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^(?:trang\s*)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*/\s*\d{1,3})?$", re.IGNORECASE)


def _without_page_furniture(pages: list[list[str]]) -> list[tuple[int, str]]:
    """(page, line) of every page's lines, without page numbers and running headers or footers
    (the same first or last line on most pages of a plan of three or more pages)."""
    edges: Counter[str] = Counter()
    for lines in pages:
        kept = [line for line in lines if line and line != BREAK]
        edges.update({kept[0], kept[-1]} if kept else set())
    repeated = {line for line, count in edges.items() if len(pages) >= 3 and count > len(pages) / 2}
    result = []
    for number, lines in enumerate(pages, start=1):
        for line in lines:
            if line == BREAK or (line and line not in repeated and not _PAGE_NUMBER.match(line)):
                result.append((number, line))
    return result


#: A line that starts a paragraph: a bullet, a numbered or Roman heading, a legal basis, the
#: number and place-date lines and the signature block's words.
_STARTS = re.compile(
    r"^(?:[-+•*–]\s|[IVX]{1,5}\.\s|\d{1,2}(?:\.\d{1,2})*\.\s|[a-zđ]\)\s|Căn cứ\b|Thực hiện\b|Số:|Nơi nhận"
    r"|KT\.|TM\.|Lưu ý|Trên đây|[A-ZĐ][\w ]{1,30}, ngày\b)"
)
_ENDS = re.compile(r"[.;:!?]\W{0,2}$|/\.$")
#: A prize line's end, an amount without a full stop ("- 01 giải …: 3.000.000đ"): the item is whole.
_AMOUNT_END = re.compile(r"\d{1,3}(?:[.,]\d{3})+\s*(?:đ|đồng)$")
_NUMBERED_HEADING = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.\s")


def _prize_rows(table: Any) -> list[str]:
    """A prize table (Giải | Số lượng | Mức thưởng) as the plan's sentences say it: "- 02 Giải Nhì:
    mỗi giải 3.000.000đ" per row ("3.000.000đ/giải" is each prize's amount); [] for another table."""
    rows = [[_clean(cell.text) for cell in row.cells] for row in table.rows]
    if len(rows) < 2 or len(rows[0]) < 3:
        return []
    head = [cell.lower() for cell in rows[0]]
    name = next((i for i, cell in enumerate(head) if re.match(r"^(?:giải|giải thưởng|cơ cấu giải)$", cell)), None)
    count = next((i for i, cell in enumerate(head) if re.match(r"^số lượng", cell)), None)
    amount = next(
        (i for i, cell in enumerate(head) if re.match(r"^(?:mức thưởng|giá trị|trị giá|số tiền|tiền thưởng)", cell)),
        None,
    )
    if name is None or count is None or amount is None:
        return []
    out = []
    for row in rows[1:]:
        each = re.sub(r"\s*/\s*giải$", "", row[amount])
        out.append(f"- {row[count]} {row[name]}: {'mỗi giải ' if each != row[amount] else ''}{each}")
    return out


#: A section heading whose Roman number OCR may misread ("1I. THỜI GIAN" for "III.", "1. MỤC ĐÍCH").
_READ_ROMAN = re.compile(r"^(?P<mark>[IVX1l|]{1,5})\.\s+(?P<rest>\S.*)$")


def roman_headings(lines: list[PlanLine]) -> list[PlanLine]:
    """The plan's upper-case section headings numbered I., II., III. … in their order, where OCR read
    a Roman numeral's "I" as "1", "l" or "|" ("1I. THỜI GIAN" after "II." is "III. THỜI GIAN"); a
    heading read right, or a text layer's, is unchanged."""
    from contest_portal.plan.word_lists import roman

    out, count = [], 0
    for line in lines:
        m = _READ_ROMAN.match(line.text)
        misread = (count == 0 and m is not None and m["mark"] in ("1", "l", "|")) or (
            m is not None and re.search(r"[IVX]", m["mark"]) is not None and re.search(r"[1l|]", m["mark"]) is not None
        )
        if m and all_upper(m["rest"]) and (re.fullmatch(r"[IVX]+", m["mark"]) or misread):
            count += 1
            if misread:  # ("1. MỤC ĐÍCH" later in the plan is an upper-case sub-heading: left as read)
                line = PlanLine(f"{roman(count)}. {m['rest']}", line.number, line.page)
        out.append(line)
    return out


def join_broken(paragraphs: list[str]) -> list[str]:
    """Word paragraphs with a sentence split across two ("… Ban tổ chức sẽ duyệt nội" / "dung, hình
    thức …": Enter typed mid-sentence) joined: a paragraph without final punctuation followed by
    one that starts in lower case."""
    out: list[str] = []
    for text in paragraphs:
        if out and text[:1].islower() and not re.search(r"[.;:!?)”\"]\W{0,2}$", out[-1]) and not all_upper(out[-1]):
            out[-1] += " " + text
        else:
            out.append(text)
    return out


def all_upper(text: str) -> bool:
    """An upper-case line (a heading, the issuer, the signer's title): at least 60% of its letters
    upper case, since text typed in TCVN3 with the .VnTimeH fonts converts with its toned letters
    in lower case ("ủY BAN NHÂN DÂN", "THể Lệ": the encoding has no upper-case toned letters)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def join_wrapped(lines: list[tuple[int, str]], *, paged: bool = True) -> list[PlanLine]:
    """Paragraphs from wrapped lines ((page, text) in reading order): a line continues the one
    before unless it starts a paragraph (``_STARTS``, upper-case heading) or the one before ended
    one (a full stop, colon or semicolon; a short numbered heading; an upper-case heading)."""
    paragraphs: list[list[Any]] = []  # [page, text]
    previous = ""
    for page, text in lines:
        if text == BREAK:
            previous = "."
            continue
        starts = (
            not paragraphs
            or _STARTS.match(text)
            or _ENDS.search(previous)
            or (_AMOUNT_END.search(previous) and text[:1].isupper())  # "…: 3.000.000đ" / "Mỗi tác phẩm …"
            or all_upper(text) != all_upper(previous)
            or (all_upper(text) and all_upper(previous) and not _NUMBERED_HEADING.match(paragraphs[-1][1]))
            or (
                _NUMBERED_HEADING.match(previous)
                and len(previous) < 60
                and text[:1].isupper()
                and not all_upper(previous)
            )
        )
        if starts:
            paragraphs.append([page if paged else None, text])
        else:
            paragraphs[-1][1] += " " + text
        previous = text
    return [PlanLine(text, number, page) for number, (page, text) in enumerate(paragraphs, start=1)]
