"""What every paper shares: the layout of Decree 30/2020/NĐ-CP (Appendix I) and the winners' list.

``Paper`` is a Word document laid out as the decree sets it: A4 with margins top and bottom
20 mm, left 30 mm, right 15 mm (§ I.1 of Appendix I), Times New Roman 13–14 pt; the issuing body
(upper left: the body above it in capitals, the issuer in bold capitals, then "Số: …/…"), the
national name and motto (upper right, bold), place and date in italics, the kind of paper in bold
capitals with its subject below, the text, then "Nơi nhận" (bold italic 12 pt, items 11 pt, the
archive "Lưu: VT" last and once) beside the signer (on behalf, title, space to sign, name).

The helpers say what the tool knows and leave a fill-in blank ("số …/KH-UBND ngày …/…/2024")
where the plan left one, never a broken phrase ("Kế hoạch số /KH-UBND ngày 2024").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from contest_portal.core.atomic import replacing
from contest_portal.core.i18n import LANGUAGES, Translator
from contest_portal.core.text import normalize_name, unit_key
from contest_portal.core.values import Moment
from contest_portal.formats import schema
from contest_portal.model import ContestRecord

if TYPE_CHECKING:  # python-docx is imported when a paper is made (it is slow to import)
    from docx.section import Section
    from docx.shared import Length
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

FONT = "Times New Roman"  # Decree 30/2020/NĐ-CP: Times New Roman, Unicode (TCVN 6909:2001)
BLANK = "…"  # a fill-in blank, as offices print them
HEADING_SHARE = 0.38  # the issuer's column of the heading; the national name's (0.62) holds it on one line
#: A table's short columns (numbers, ranks, scores: up to ``_SHORT_MM``) are as wide as their longest
#: text (a header by its longest word, since a header wraps), at least ``_NARROWEST`` characters
#: of ``_CHAR_MM`` mm (12 pt bold) plus the cell's padding; the long ones (titles, names, units)
#: share the width left in proportion to their longest text, and wrap.
_NARROWEST, _CHAR_MM, _PADDING_MM, _SHORT_MM = 5, 2.6, 4.0, 30.0
PARAGRAPH_SPACE = (
    6  # pt after a paragraph, single line spacing: Decree 30, Appendix I § I.3 (at least 6 pt, 1–1.5 lines)
)


@dataclass(frozen=True)
class Signer:
    """Who signs: ``on_behalf`` ("TM. ỦY BAN NHÂN DÂN", "" when in their own name), ``title``
    ("CHỦ TỊCH") and ``name`` ("" leaves the line to fill)."""

    on_behalf: str
    title: str
    name: str


@dataclass(frozen=True)
class WinnerRow:
    """One winner as the papers list them: prize, work (title; "" for a quiz participant), its
    authors (the group's name, or the authors'), unit, ``amount`` in VND (None: the plan sets none),
    and ``people``: who receives it in person (a group's name with its authors' names)."""

    tier: str
    title: str
    authors: str
    unit: str
    amount: int | None
    people: str


@cache
def words(key: str) -> frozenset[str]:
    """What the catalogue's ``key`` lists ("Cuộc thi|Hội thi") in every language, as ``normalize_name`` keys."""
    return frozenset(normalize_name(word) for lang in LANGUAGES for word in Translator(lang)(key).split("|"))


def winners_rows(contest: ContestRecord) -> list[WinnerRow]:
    """Every winner of ``contest``'s results, tier by tier in the plan's order."""
    rows = []
    for result in contest.results.tiers if contest.results is not None else []:
        for winner in result.winners:
            if winner.participant is not None:
                rows.append(
                    WinnerRow(
                        result.tier.name,
                        "",
                        winner.participant.name,
                        winner.participant.unit,
                        result.tier.amount,
                        winner.participant.name,
                    )
                )
            elif winner.entry is not None:
                entry = winner.entry
                rows.append(
                    WinnerRow(
                        result.tier.name,
                        entry.spec.title,
                        entry.spec.group or entry.author_line,
                        entry.unit_name,
                        result.tier.amount,
                        entry.author_line,
                    )
                )
    return rows


#: Code points a signed paper should not carry (Unicode blocks): emoji and pictographs (U+1F000 on),
#: miscellaneous symbols and dingbats (☀ ✨: U+2600–27BF), stars and arrows (⭐: U+2B00–2BFF),
#: the joiner and the variation selector that build emoji (U+200D, U+FE0F) and private-use
#: characters (U+E000–F8FF, a font's own icons).  "°", "©", "№" and every letter are kept.
_UNSIGNABLE = (
    (0x1F000, 0x10FFFF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0x200D, 0x200D),
    (0xFE0F, 0xFE0F),
    (0xE000, 0xF8FF),
)


def unsignable(text: str) -> str:
    """The characters of ``text`` a signed paper should not carry (``_UNSIGNABLE``), each once, in order."""
    found = [c for c in text if any(low <= ord(c) <= high for low, high in _UNSIGNABLE)]
    return "".join(dict.fromkeys(c for c in found if c not in "\u200d\ufe0f"))


def total_of(rows: Sequence[WinnerRow]) -> int | None:
    """The prize money of ``rows`` (VND); None when an amount is not set: a blank for the office to
    fill, never "0 đồng" (as ``ContestResults.total_money``)."""
    if any(row.amount is None for row in rows):
        return None
    return sum(row.amount or 0 for row in rows)


def amount_in_words(amount: int, t: Translator) -> str:
    """ "Sáu mươi mốt triệu đồng" for 61000000 in Vietnamese ("Sixty-one million dong" in English);
    Vietnamese as accounting writes it (``vietnamese_number``)."""
    from num2words import num2words

    said = vietnamese_number(amount) if t.lang == "vi" else num2words(amount, lang=t.lang)
    text = f"{said} {t('draft.currency')}"
    return text[:1].upper() + text[1:]


_BILLION = 1_000_000_000


@cache
def _vietnamese_words() -> dict[str, str]:
    """The words ``vietnamese_number`` adds, as num2words itself says them ("tỷ", "triệu", "nghìn",
    "trăm", "không", "lẻ"): no Vietnamese is typed here."""
    from num2words import num2words

    def said(number: int) -> str:
        return str(num2words(number, lang="vi"))

    one = said(1) + " "
    return {
        "billion": said(_BILLION).removeprefix(one),
        "million": said(1_000_000).removeprefix(one),
        "thousand": said(1_000).removeprefix(one),
        "hundred": said(100).removeprefix(one),
        "zero": said(0),
        "odd": said(101).split()[2],
    }


def vietnamese_number(number: int) -> str:
    """``number`` (≥ 0) in Vietnamese words as accounting writes amounts: every group of three
    digits after the first one said is read whole, "không trăm" for its missing hundreds and "lẻ"
    for its missing tens (2015000 → "hai triệu không trăm mười lăm nghìn", 2005000 → "hai triệu
    không trăm lẻ năm nghìn"); a group of 000 is not said (1000500 → "một triệu năm trăm").
    num2words reads each group (mốt, lăm, lẻ within a group) but not the groups after the first
    ("hai triệu mười lăm nghìn", "hai nghìn lẻ mười lăm")."""
    words = _vietnamese_words()
    if number >= _BILLION:
        head, rest = divmod(number, _BILLION)
        return f"{vietnamese_number(head)} {words['billion']}" + (f" {_groups(rest, after=True)}" if rest else "")
    return _groups(number, after=False) if number else words["zero"]


def _groups(number: int, *, after: bool) -> str:
    """``number`` (< 10⁹) group by group; ``after``: a higher group was said before it."""
    from num2words import num2words

    words = _vietnamese_words()
    said_groups = []
    for scale, name in ((1_000_000, words["million"]), (1_000, words["thousand"]), (1, "")):
        group = number // scale % 1000
        if not group:
            continue
        said = str(num2words(group, lang="vi"))
        if after and group < 100:  # "không trăm", and "lẻ" when the tens are missing too
            said = " ".join([words["zero"], words["hundred"], *([words["odd"]] if group < 10 else []), said])
        said_groups.append(f"{said} {name}".strip())
        after = True
    return " ".join(said_groups)


def contest_name(spec: schema.Contest, t: Translator) -> str:
    """The contest's full title as papers name it: "Cuộc thi “Xây dựng video clip … năm 2024”"
    (the title as it is when it already says "Cuộc thi …" or "Hội thi …")."""
    if any(normalize_name(spec.title).startswith(word) for word in words("paper.match.contest")):
        return spec.title
    return t("paper.contest_name", title=spec.title)


def fill_number(number: str) -> str:
    """A document number with a fill-in blank where the plan left its figures out: "/KH-UBND" →
    "…/KH-UBND" (a public page leaves such a number out: ``core.text.known_number``)."""
    return BLANK + number if number.startswith("/") else number


def recipients_count(rows: Sequence[WinnerRow]) -> int:
    """How many collectives and individuals ``rows`` award: a work with two prizes is one."""
    return len({(row.authors, row.unit, row.title) for row in rows})


def date_parts(moment: Moment | None) -> dict[str, str]:
    """The day, month and year of a paper's heading as far as ``moment`` knows them (Decree 30/2020:
    "05", "01" or "10", "2025"); each unknown part a fill-in blank ("……", the year "20……")."""
    day = month = BLANK * 2
    year = "20" + BLANK * 2
    if moment is not None:
        start = moment.start
        year = str(start.year)
        if moment.precision in ("minute", "day", "month"):
            month = f"{start.month:02d}" if start.month < 3 else str(start.month)
        if moment.precision in ("minute", "day"):
            day = f"{start.day:02d}"
    return {"day": day, "month": month, "year": year}


def document_date(moment: Moment) -> str:
    """A signed paper's date as far as it is known: "15/01/2024", "…/09/2024", "…/…/2024"."""
    start = moment.start
    if moment.precision in ("minute", "day"):
        return f"{start.day:02d}/{start.month:02d}/{start.year}"
    if moment.precision == "month":
        return f"{BLANK}/{start.month:02d}/{start.year}"
    return f"{BLANK}/{BLANK}/{start.year}"


def reference(ref: schema.DocumentRef, t: Translator) -> str:
    """ "Kế hoạch số 11/KH-UBND ngày 15/01/2024 của UBND huyện Vĩnh Linh về …" from what a
    document's fields say; a number without its figures ("/KH-UBND") or a date without its day
    becomes a fill-in blank ("số …/KH-UBND ngày …/…/2024"), a missing one is left out."""
    parts = [ref.kind or ""]
    number = (ref.number or "").strip()
    if number:
        parts.append(t("paper.ref.number", number=fill_number(number)))
    if ref.date is not None:
        parts.append(t("draft.dated", date=document_date(ref.date)))
    if ref.issuer:
        parts.append(t("paper.ref.issuer", issuer=ref.issuer))
    if ref.title:
        parts.append(_inner(ref.title))
    return " ".join(p for p in parts if p)


def _inner(title: str) -> str:
    """A title as the inside of a sentence: "Tổ chức cuộc thi …" → "tổ chức cuộc thi …" (a first
    word in capitals, "UBND", or a name of two capitalised words is kept as it is)."""
    words = title.split(" ", 2)
    first = words[0]
    second = words[1] if len(words) > 1 else ""
    if len(first) > 1 and first[1:].islower() and not second[:1].isupper():
        return first[:1].lower() + title[1:]
    return title


def is_peoples_committee(name: str) -> bool:
    """Whether ``name`` is a People's Committee ("Ủy ban nhân dân huyện …", "UBND xã …")."""
    return any(unit_key(name).startswith(unit_key(word)) for word in words("paper.match.peoples_committee"))


def recipients(names: Iterable[str], t: Translator, *, first: Sequence[str] = ()) -> list[str]:
    """The "Nơi nhận" lines: ``first`` then ``names``, each once, and the archive once and last
    (the plan's own "Lưu: VT, NV" if it has one, else "Lưu: VT") — Decree 30, Appendix I § II.9."""
    seen: set[str] = set()
    lines, archive = [], None
    for name in [*first, *names]:
        text = name.strip().strip(";.").lstrip("- ").strip()
        if not text:
            continue
        if any(normalize_name(text).startswith(word) for word in words("paper.match.archive")):
            archive = archive or text
            continue
        if text.casefold() not in seen:
            seen.add(text.casefold())
            lines.append(f"- {text};")
    lines.append(f"- {archive or t('paper.archive')}.")
    return lines


def plan_signer(spec: schema.Contest) -> Signer:
    """The signer the plan names (contest.yml ``document.signatory``), blanks where it names none."""
    signatory = spec.document.signatory if spec.document else None
    if signatory is None:
        return Signer("", "", "")
    return Signer((signatory.on_behalf or "").upper(), signatory.title.upper(), signatory.name or "")


def committee_head(spec: schema.Contest) -> str:
    """The name of the head of the organizing committee: the person of ``organization.people``
    with that role whose position says "Trưởng ban" ("" when the plan names none)."""
    for person in spec.organization.people:
        if "organizing_committee" in person.roles and normalize_name(person.position or "") in words(
            "paper.match.head"
        ):
            return person.name
    return ""


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], total: float) -> list[float]:
    """Each column's width (mm, summing to ``total``): a short column as wide as its longest text,
    the long ones sharing what is left (see ``_SHORT_MM``); all in proportion when that leaves the
    long ones less than a quarter of the width, or there is no long one."""
    natural = []
    for index, title in enumerate(header):
        longest = max([len(word) for word in title.split()] + [len(row[index]) for row in rows if index < len(row)])
        natural.append(max(longest, _NARROWEST) * _CHAR_MM + _PADDING_MM)
    long = [index for index, width in enumerate(natural) if width > _SHORT_MM]
    rest = total - sum(width for index, width in enumerate(natural) if index not in long)
    if not long or rest < total / 4:
        return [width * total / sum(natural) for width in natural]
    share = sum(natural[index] for index in long)
    return [rest * width / share if index in long else width for index, width in enumerate(natural)]


def set_widths(table: Table, widths: Sequence[Length]) -> None:
    """Give ``table``'s columns ``widths`` (docx lengths) in the grid (w:gridCol, what LibreOffice
    lays out by) and in every cell (w:tcW, what Word does), and keep them (no autofit)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width


class Paper:
    """A Word document in the layout of Decree 30/2020/NĐ-CP; ``landscape`` for certificates."""

    def __init__(self, t: Translator, *, landscape: bool = False):
        from docx import Document
        from docx.shared import Pt

        self.t = t
        self.document = Document()
        style = self.document.styles["Normal"]
        style.font.name, style.font.size = FONT, Pt(14)
        # (python-docx's template: 10 pt after and 1.15 lines, which pushes a certificate's signer to a second page)
        style.paragraph_format.space_after, style.paragraph_format.line_spacing = Pt(PARAGRAPH_SPACE), 1.0
        self.page(self.document.sections[0], landscape)
        self.text_width = (297 if landscape else 210) - 30 - 15  # mm between the margins

    @staticmethod
    def page(section: Section, landscape: bool) -> None:
        """A4 (landscape: turned) with the decree's margins."""
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)

    def para(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        center: bool = False,
        justify: bool = False,
        size: float | None = None,
        cell: _Cell | None = None,
    ) -> Paragraph:
        """Add one paragraph of one run (to ``cell`` when given, else to the body); return it."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = (cell if cell is not None else self.document).add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif justify:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return paragraph

    def heading(self, parent: str, issuer: str, number: str, place: str, dated: Moment | None = None) -> None:
        """The two columns above the title: issuing body and number; national name, motto, place and date.

        ``dated``: the paper's date as contest.yml knows it (a decision's ``date``): its day, month and
        year as far as known (Decree 30/2020/NĐ-CP, Appendix I: "ngày 05 tháng 01 năm 2025", a zero
        before days under 10 and months 1 and 2); the rest left blank to fill ("ngày …… tháng …… năm 20……")."""
        from docx.shared import Mm

        table = self.document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        set_widths(table, [Mm(self.text_width * HEADING_SHARE), Mm(self.text_width * (1 - HEADING_SHARE))])
        self._first(left, parent.upper(), size=13)
        self.para(issuer.upper(), bold=True, center=True, size=13, cell=left)
        self.para(number, center=True, size=13, cell=left)
        self._first(right, self.t("draft.nation"), bold=True, size=13)
        motto = self.para(self.t("draft.motto"), bold=True, center=True, cell=right)
        motto.runs[0].underline = True
        self.para(
            self.t("paper.place_date", place=place or BLANK, **date_parts(dated)), italic=True, center=True, cell=right
        )
        self.para()

    def _first(self, cell: _Cell, text: str, *, bold: bool = False, size: float | None = None) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def title(self, kind: str, subject: str = "") -> None:
        """The kind of paper (bold capitals) and its subject (bold), centred."""
        self.para(kind, bold=True, center=True)
        if subject:
            self.para(subject, bold=True, center=True)

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]], size: float = 12) -> Table:
        """A bordered table, the header in bold, ``size`` pt, its columns sized to their content
        (``column_widths``); return it."""
        from docx.shared import Mm, Pt

        lines = [list(values) for values in rows]
        table: Table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header):
            run = cell.paragraphs[0].add_run(text)
            run.bold, run.font.size = True, Pt(size)
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
        for values in lines:
            for cell, value in zip(table.add_row().cells, values):  # type: ignore[no-untyped-call]
                cell.paragraphs[0].add_run(value).font.size = Pt(size)
                cell.paragraphs[0].paragraph_format.space_after = Pt(0)
        set_widths(table, [Mm(width) for width in column_widths(header, lines, self.text_width)])
        return table

    def winners_table(self, rows: Sequence[WinnerRow]) -> None:
        """The list of winners (STT, prize, work, authors, unit, amount, note) with the total and,
        when every amount is set, the total in words."""
        t = self.t
        table = self.table(
            [t(f"draft.column.{key}") for key in ("no", "tier", "entry", "authors", "unit", "amount", "note")],
            [
                [
                    str(number),
                    row.tier,
                    row.title,
                    row.authors,
                    row.unit,
                    t.number(row.amount) if row.amount else "",
                    "",
                ]
                for number, row in enumerate(rows, 1)
            ],
        )
        total = total_of(rows)
        last = table.add_row().cells  # type: ignore[no-untyped-call]  # unannotated in python-docx 1.2
        last[0].merge(last[4]).paragraphs[0].add_run(t("draft.column.total")).bold = True
        if total is not None:
            last[5].paragraphs[0].add_run(t.number(total)).bold = True
            self.para(t("draft.in_words", words=amount_in_words(total, t)), italic=True)

    def closing(self, lines: Sequence[str] | None, signer: Signer) -> None:
        """ "Nơi nhận" (``lines``; None: a paper without one, such as minutes) beside the signer."""
        from docx.shared import Mm

        table = self.document.add_table(rows=1, cols=2)
        set_widths(table, [Mm(self.text_width * 0.45), Mm(self.text_width * 0.55)])
        left, right = table.rows[0].cells
        if lines is not None:
            self._sent_to(left, lines)
        self.signature(right, signer)

    def _sent_to(self, cell: _Cell, lines: Sequence[str]) -> None:
        from docx.shared import Pt

        run = cell.paragraphs[0].add_run(self.t("draft.recipients"))
        run.bold, run.italic, run.font.size = True, True, Pt(12)
        for line in lines:
            cell.add_paragraph().add_run(line).font.size = Pt(11)

    def signature(self, cell: _Cell, signer: Signer) -> None:
        """The signer's block in ``cell`` (after what it holds): on behalf, title (bold capitals),
        room to sign, name (bold)."""
        for text, bold in (
            (signer.on_behalf, True),
            (signer.title, True),
            ("", False),
            ("", False),
            ("", False),
            (signer.name or BLANK * 3, True),
        ):
            if len(cell.paragraphs) == 1 and not cell.paragraphs[0].text:
                self._first(cell, text, bold=bold)
            else:
                self.para(text, bold=bold, center=True, cell=cell)

    def save(self, target: Path) -> Path:
        """Write the document to ``target`` whole or not at all; return ``target`` (raises OSError)."""
        with replacing(target) as partial:
            self.document.save(str(partial))
        return target
