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
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

FONT = "Times New Roman"  # Decree 30/2020/NĐ-CP: Times New Roman, Unicode (TCVN 6909:2001)
BLANK = "…"  # a fill-in blank, as offices print them


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
                rows.append(WinnerRow(result.tier.name, "", winner.participant.name, winner.participant.unit,
                                      result.tier.amount, winner.participant.name))
            elif winner.entry is not None:
                entry = winner.entry
                rows.append(WinnerRow(result.tier.name, entry.spec.title, entry.spec.group or entry.author_line,
                                      entry.unit_name, result.tier.amount, entry.author_line))
    return rows


def total_of(rows: Sequence[WinnerRow]) -> int | None:
    """The prize money of ``rows`` (VND); None when an amount is not set: a blank for the office to
    fill, never "0 đồng" (as ``ContestResults.total_money``)."""
    if any(row.amount is None for row in rows):
        return None
    return sum(row.amount or 0 for row in rows)


def amount_in_words(amount: int, t: Translator) -> str:
    """"Sáu mươi mốt triệu đồng" for 61000000 in Vietnamese ("Sixty-one million dong" in English)."""
    from num2words import num2words

    text = f"{num2words(amount, lang=t.lang)} {t('draft.currency')}"
    return text[:1].upper() + text[1:]


def contest_name(spec: schema.Contest, t: Translator) -> str:
    """The contest's full title as papers name it: "Cuộc thi “Xây dựng video clip … năm 2024”"
    (the title as it is when it already says "Cuộc thi …" or "Hội thi …")."""
    if any(normalize_name(spec.title).startswith(word) for word in words("paper.match.contest")):
        return spec.title
    return t("paper.contest_name", title=spec.title)


def fill_number(number: str) -> str:
    """A document number with a fill-in blank where the plan left its figures out: "/KH-UBND" →
    "…/KH-UBND"."""
    return BLANK + number if number.startswith("/") else number


def recipients_count(rows: Sequence[WinnerRow]) -> int:
    """How many collectives and individuals ``rows`` award: a work with two prizes is one."""
    return len({(row.authors, row.unit, row.title) for row in rows})


def document_date(moment: Moment) -> str:
    """A signed paper's date as far as it is known: "15/01/2024", "…/09/2024", "…/…/2024"."""
    start = moment.start
    if moment.precision in ("minute", "day"):
        return f"{start.day:02d}/{start.month:02d}/{start.year}"
    if moment.precision == "month":
        return f"{BLANK}/{start.month:02d}/{start.year}"
    return f"{BLANK}/{BLANK}/{start.year}"


def reference(ref: schema.DocumentRef, t: Translator) -> str:
    """"Kế hoạch số 11/KH-UBND ngày 15/01/2024 của UBND huyện Vĩnh Linh về …" from what a
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
        if "organizing_committee" in person.roles and normalize_name(person.position or "") in words("paper.match.head"):
            return person.name
    return ""


class Paper:
    """A Word document in the layout of Decree 30/2020/NĐ-CP; ``landscape`` for certificates."""

    def __init__(self, t: Translator, *, landscape: bool = False):
        from docx import Document
        from docx.shared import Pt

        self.t = t
        self.document = Document()
        style = self.document.styles["Normal"]
        style.font.name, style.font.size = FONT, Pt(14)
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

    def para(self, text: str = "", *, bold: bool = False, italic: bool = False, center: bool = False,
             justify: bool = False, size: float | None = None, cell: _Cell | None = None) -> Paragraph:
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

    def heading(self, parent: str, issuer: str, number: str, place: str) -> None:
        """The two columns above the title: issuing body and number; national name, motto, place and date."""
        from docx.shared import Mm

        table = self.document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.width, right.width = Mm(self.text_width * 0.4), Mm(self.text_width * 0.6)  # the issuer's is narrower
        self._first(left, parent.upper(), size=13)
        self.para(issuer.upper(), bold=True, center=True, size=13, cell=left)
        self.para(number, center=True, size=13, cell=left)
        self._first(right, self.t("draft.nation"), bold=True, size=13)
        motto = self.para(self.t("draft.motto"), bold=True, center=True, cell=right)
        motto.runs[0].underline = True
        self.para(self.t("paper.place_date", place=place or BLANK), italic=True, center=True, cell=right)
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

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]]) -> Table:
        """A bordered table, the header in bold; return it."""
        table: Table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header):
            cell.paragraphs[0].add_run(text).bold = True
        for values in rows:
            for cell, value in zip(table.add_row().cells, values):  # type: ignore[no-untyped-call]
                cell.text = value
        return table

    def winners_table(self, rows: Sequence[WinnerRow]) -> None:
        """The list of winners (STT, prize, work, authors, unit, amount, note) with the total and,
        when every amount is set, the total in words."""
        t = self.t
        table = self.table([t(f"draft.column.{key}") for key in ("no", "tier", "entry", "authors", "unit",
                                                               "amount", "note")],
                           [[str(number), row.tier, row.title, row.authors, row.unit,
                             t.number(row.amount) if row.amount else "", ""] for number, row in enumerate(rows, 1)])
        total = total_of(rows)
        last = table.add_row().cells  # type: ignore[no-untyped-call]  # unannotated in python-docx 1.2
        last[0].merge(last[4]).paragraphs[0].add_run(t("draft.column.total")).bold = True
        if total is not None:
            last[5].paragraphs[0].add_run(t.number(total)).bold = True
            self.para(t("draft.in_words", words=amount_in_words(total, t)), italic=True)

    def closing(self, lines: Sequence[str] | None, signer: Signer) -> None:
        """"Nơi nhận" (``lines``; None: a paper without one, such as minutes) beside the signer."""
        table = self.document.add_table(rows=1, cols=2)
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
        for text, bold in ((signer.on_behalf, True), (signer.title, True), ("", False), ("", False), ("", False),
                           (signer.name or BLANK * 3, True)):
            if len(cell.paragraphs) == 1 and not cell.paragraphs[0].text:
                self._first(cell, text, bold=bold)
            else:
                self.para(text, bold=bold, center=True, cell=cell)

    def save(self, target: Path) -> Path:
        """Write the document to ``target`` whole or not at all; return ``target`` (raises OSError)."""
        with replacing(target) as partial:
            self.document.save(str(partial))
        return target
