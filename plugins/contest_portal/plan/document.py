"""The document itself: kind, number, place and date, issuer, title, bases, recipients, signature.

The forms of Decree 30/2020/NĐ-CP on administrative documents: "Số: …/KH-…", "<place>, ngày …
tháng … năm …", "Căn cứ"/"Thực hiện" bases, "Nơi nhận", "TM."/"KT." signature blocks.
"""

from __future__ import annotations

import re
from typing import Any

from contest_portal.plan.fields import (
    BULLET,
    DATE,
    Extraction,
    all_upper,
    date_text,
    put_date,
    strip_bullet,
)
from contest_portal.plan.read_document import PlanLine

_KINDS = {"kế hoạch": "Kế hoạch", "thể lệ": "Thể lệ", "quyết định": "Quyết định"}
_DOC_KINDS = r"Quyết định|Kế hoạch|Nghị quyết|Nghị định|Thông tư|Chỉ thị|Công văn|Hướng dẫn|Thông báo|Luật"
_BASIS = re.compile(rf"(?P<kind>{_DOC_KINDS})\s+số\s+(?P<number>[\w/.\-Đđ]+)\s+ngày\s+{DATE}")


def read_header(lines: list[PlanLine], found: Extraction) -> None:
    """Kind, number, place and date, issuer and title: the lines before section I."""
    issuer: list[PlanLine] = []
    for index, line in enumerate(lines):
        text = line.text
        if m := re.match(r"^Số\s*:\s*(\S*/\S+)", text):
            found.put(("document", "number"), m[1], line)
        if m := re.search(
            r"(?:^|\s)([A-ZĐÂ][\w\s.]{1,40}?),\s*ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})?\s*năm\s+(\d{4})", text
        ):
            found.put(("document", "place"), m[1].strip(), line)
            day, month, year = m[2], m[3], int(m[4])
            if day and month:
                put_date(found, ("document", "date"), f"{day}/{month}/{year}", line)
            else:
                found.put(("document", "date"), year, line)
        if text.lower() in _KINDS:
            found.put(("document", "kind"), _KINDS[text.lower()], line)
            _title(lines[index + 1 :], found)
        if (
            all_upper(text)
            and not re.match(r"^(CỘNG HÒA|CỘNG HOÀ|KẾ HOẠCH|THỂ LỆ)", text)
            and "document" not in {p[0] for p in found.fields if p[:2] == ("document", "kind")}
        ):
            issuer.append(line)
    issuer = [line for line in issuer if not re.search(r"Độc lập|Số:", line.text)]
    issuer = [line for line in issuer if not line.text.startswith("ĐẢNG")]
    if issuer:
        _issuer(issuer[-2:], found)
    basis = False
    for line in lines:
        # a basis paragraph lists documents separated by ";": a PDF line that starts with the next
        # one ("Kế hoạch số 19/KH-STP ngày …") is read as a paragraph of its own, still a basis
        basis = bool(re.match(r"^(Căn cứ|Thực hiện)\b", line.text) or (basis and _BASIS.match(line.text)))
        if basis:
            _bases(line, found)
            _organizer(line, found)


def _issuer(lines: list[PlanLine], found: Extraction) -> None:
    """The issuer in the header's upper-case lines (Decree 30/2020/NĐ-CP, form of the header: the
    body above the issuer on the first line, the issuer on the second). "ỦY BAN NHÂN DÂN" / "HUYỆN
    VĨNH LINH" is one name (the second line starts with its level); "UBND TỈNH LẠNG SƠN" / "SỞ NỘI
    VỤ" is a parent and its issuer: issuer and organizer "Sở Nội vụ" (as the plan's own sentences
    name it: "Sở Nội vụ xây dựng Kế hoạch"), organizer.parent "Ủy ban nhân dân tỉnh Lạng Sơn"."""
    names = [_org_case(re.sub(r"^UBND\b", "ỦY BAN NHÂN DÂN", line.text)) for line in lines]
    if len(names) < 2 or re.match(rf"^(?:{_ADMIN})\b", names[-1], re.IGNORECASE):
        name = _org_case(" ".join(re.sub(r"^UBND\b", "ỦY BAN NHÂN DÂN", line.text) for line in lines))
        found.put(("organizer", "name"), name, *lines)
        found.put(("document", "issuer"), name, *lines)
        return
    parent, issuer = names[0], names[-1]
    found.put(("organizer", "name"), issuer, *lines)
    found.put(("organizer", "parent"), parent, lines[0])
    found.put(("document", "issuer"), issuer, lines[-1])


def _organizer(line: PlanLine, found: Extraction) -> None:
    """The office that issues the plan, as its bases paragraph ends: "…, Sở Tư pháp ban hành Kế
    hoạch …"; a name without its place ("UBND huyện tổ chức cuộc thi") is a question."""
    m = re.search(
        r"(?:^|[,;.]\s)([A-ZĐU][^,;.]{2,80}?)\s+(?:ban hành|tổ chức|xây dựng)\s+(?:Kế hoạch|Thể lệ|cuộc thi|Cuộc thi)",
        line.text,
    )
    if m is None or ("organizer", "name") in found.fields:
        return
    name = m[1].strip()
    if re.search(rf"\b(?:{_ADMIN})$", name):
        found.put(("organizer", "name"), None, line, question="organizer")
    else:
        found.put(("organizer", "name"), name, line)
        found.put(("document", "issuer"), name, line)


def _title(lines: list[PlanLine], found: Extraction) -> None:
    for line in lines[:3]:
        quoted = re.search(r"[“\"](.+?)[”\"]", line.text)
        if quoted:
            found.put(("title",), quoted[1].strip(), line)
            found.put(("document", "title"), line.text, line)
            return
        if re.match(r"^(Tổ chức|Về việc)", line.text):
            found.put(("title",), None, line, question="title")
            found.put(("document", "title"), line.text, line)
            return


def _bases(line: PlanLine, found: Extraction) -> None:
    """The documents a "Căn cứ …"/"Thực hiện …" paragraph names: kind, number, date, issuer, subject."""
    matches = list(_BASIS.finditer(line.text))
    bases = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line.text)
        rest = line.text[m.end() : end]
        rest = re.split(r";|\.\s|, (?=[A-ZĐU][^,]{2,40} (?:ban hành|tổ chức|xây dựng) )", rest)[0].strip(" ,.;")
        item: dict[str, Any] = {"kind": m["kind"], "number": m["number"]}
        date = date_text(m[3], m[4], m[5])
        if date is None:
            found.put(("legal_basis",), None, line, question="date")
            return
        item["date"] = date
        if by := re.match(r"^của\s+(.+?)\s+(về|v/v|thực hiện|ban hành|triển khai|hướng dẫn|quy định)\b\s*(.*)$", rest):
            item["issuer"] = by[1]
            item["title"] = (by[2] + " " + by[3]).strip() if by[2] != "về" else "về " + by[3]
        elif by := re.match(r"^của\s+(.+)$", rest):
            item["issuer"] = by[1]
        elif rest:
            item["title"] = rest
        bases.append(item)
    earlier = found.fields.get(("legal_basis",))
    if bases and earlier is not None and earlier.value is not None:  # one "Căn cứ" paragraph per document
        earlier.value += [item for item in bases if item not in earlier.value]
        found.put(("legal_basis",), None, line)
    elif bases:
        found.put(("legal_basis",), bases, line)


def read_ending(lines: list[PlanLine], found: Extraction) -> None:
    """Recipients (Nơi nhận) and the signature block: the last lines of the plan."""
    start = next((i for i, line in enumerate(lines) if line.text.lower().startswith("nơi nhận")), None)
    if start is None:
        return
    recipients, sources = [], [lines[start]]
    index = start + 1
    while index < len(lines) and (BULLET.match(lines[index].text) or lines[index].text.lower().startswith("gửi")):
        if BULLET.match(lines[index].text):
            recipients.append(strip_bullet(lines[index].text).rstrip(";.").strip())
        sources.append(lines[index])
        index += 1
    if recipients:
        found.put(("document", "recipients"), recipients, *sources)
    block = lines[index:]
    behalf = [line for line in block if re.match(r"^(TM|KT|TL|TUQ)\.", line.text)]  # "TM. ỦY BAN …", "KT. CHỦ TỊCH"
    titles = [line for line in block if all_upper(line.text) and line not in behalf]
    if behalf:
        found.put(("document", "signatory", "on_behalf"), ", ".join(_org_case(line.text) for line in behalf), *behalf)
    if titles:
        found.put(("document", "signatory", "title"), _org_case(titles[0].text), titles[0])
        after = block[block.index(titles[0]) + 1 :]
        name = next((line for line in after if _person_name(line.text)), None)
        if name is not None:
            found.put(("document", "signatory", "name"), name.text, name)


def _person_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)


_ADMIN = r"huyện|tỉnh|xã|thành phố|thị xã|quận|phường|thị trấn"


def _org_case(text: str) -> str:
    """An upper-case name as written in running text: "ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH" →
    "Ủy ban nhân dân huyện Vĩnh Linh", "TM. ỦY BAN NHÂN DÂN" → "TM. Ủy ban nhân dân",
    "SỞ TƯ PHÁP" → "Sở Tư pháp", "PHÓ GIÁM ĐỐC" → "Phó Giám đốc"."""
    if not all_upper(text):
        return text
    prefix, _, rest = text.partition(". ") if re.match(r"^(TM|KT|TL|TUQ)\. ", text) else ("", "", text)
    words = rest.lower().split()
    out: list[str] = []
    place = False
    for i, word in enumerate(words):
        if place:
            out.append(word.capitalize())
        elif i == 0 or (i == 1 and words[0] in ("sở", "phòng", "phó", "ban", "trung")):
            out.append(word.capitalize())
        else:
            out.append(word)
        place = (
            place
            or re.fullmatch(_ADMIN, " ".join(out[-2:]).lower()) is not None
            or re.fullmatch(_ADMIN, word) is not None
        )
    name = " ".join(out)
    name = name.replace("Ủy Ban", "Ủy ban").replace("Ủy ban Nhân", "Ủy ban nhân")
    return f"{prefix}. {name}" if prefix else name
