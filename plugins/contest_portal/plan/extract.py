"""The values of contest.yml a plan states, each with the paragraph it came from.

Shapes: ``extract(lines)`` → ``Extraction``: ``fields`` maps a contest.yml key path
(``("document", "number")``, ``("timeline",)``) to a ``Field`` (the value, the paragraphs it came
from, and a ``question`` when the plan's words do not give a value the tool can be sure of);
``used`` holds the numbers of the paragraphs a value came from.

Never a silent guess (issue 29): a field the plan does not state is absent (the draft leaves
the scaffold's placeholder); a value read but unsure (a date that cannot exist, "Dự kiến ngày
24/8/20224") is a ``Field`` with ``question`` and a ``None`` value. The patterns are those of
Vietnamese administrative plans (Decree 30/2020/NĐ-CP on the form of documents: "Số: …/KH-…",
"<place>, ngày … tháng … năm …", "Căn cứ"/"Thực hiện" bases, "TM."/"KT." signatures, "Nơi nhận").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from contest_portal.core.text import slugify
from contest_portal.core.values import Invalid, parse_moment
from contest_portal.plan.read_document import PlanLine


@dataclass
class Field:
    """A drafted value and the plan paragraphs it came from; ``question``: why the value is left
    to the clerk (then ``value`` is None)."""

    value: Any
    sources: list[PlanLine]
    question: str | None = None


@dataclass
class Extraction:
    fields: dict[tuple[str, ...], Field] = field(default_factory=dict)
    sections: dict[int, str] = field(default_factory=dict)  # paragraph number → "IV.1"
    used: set[int] = field(default_factory=set)

    def put(self, path: tuple[str, ...], value: Any, *sources: PlanLine, question: str | None = None) -> None:
        if path in self.fields:  # the first statement wins; a repetition is still a used line
            self.fields[path].sources += [s for s in sources if s not in self.fields[path].sources]
        else:
            self.fields[path] = Field(value, list(sources), question)
        self.used.update(s.number for s in sources)


_HEADING = re.compile(r"^(?P<mark>[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.\s*(?P<rest>.*)$")
_BULLET = re.compile(r"^[-+•*–]\s*")
_DATE = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{2,6})"
_TIME = r"(\d{1,2})\s*(?:giờ|h|:)\s*(\d{2})?\s*(?:phút)?"
_MOMENT = re.compile(rf"(?:{_TIME},?\s*(?:ngày\s*)?)?{_DATE}", re.IGNORECASE)
_KINDS = {"kế hoạch": "Kế hoạch", "thể lệ": "Thể lệ", "quyết định": "Quyết định"}
_DOC_KINDS = r"Quyết định|Kế hoạch|Nghị quyết|Nghị định|Thông tư|Chỉ thị|Công văn|Hướng dẫn|Thông báo|Luật"
_BASIS = re.compile(rf"(?P<kind>{_DOC_KINDS})\s+số\s+(?P<number>[\w/.\-Đđ]+)\s+ngày\s+{_DATE}")
_ROLES = {"ban tổ chức": "organizing_committee", "ban giám khảo": "jury", "thư ký": "secretariat"}
_RANKS = {"nhất": "Nhất", "nhì": "Nhì", "ba": "Ba", "tư": "Tư", "khuyến khích": "Khuyến khích",
          "đặc biệt": "Đặc biệt"}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def extract(lines: list[PlanLine]) -> Extraction:
    """Every value the plan's paragraphs state (see the module's docstring)."""
    found = Extraction()
    _sections(lines, found)
    # section I starts the body ("1." where OCR read the Roman one as a digit: an upper-case heading)
    body_start = next((i for i, line in enumerate(lines) if re.match(r"^I\.\s", line.text)
                       or (re.match(r"^[1l]\.\s", line.text) and _upper(line.text))), len(lines))
    _header(lines[:body_start], found)
    _ending(lines, found)
    topic = ""
    for index, line in enumerate(lines):
        if line.text.startswith(("Trên đây", "Nơi nhận")):
            break  # the closing sentence, the recipients and the signature: read by _ending
        heading = _HEADING.match(line.text)
        if heading and index >= body_start and _is_heading(line.text):
            topic = _topic(heading["rest"], heading["mark"], topic)
        _rules(line, found)
        if not re.match(r"^(Căn cứ|Thực hiện)\b", line.text):  # (a basis names other documents' subjects)
            _entry_kinds(line, found)
        if index >= body_start:
            _in_section(topic, line, lines, index, found)
    _timeline(lines[body_start:], found)
    _prizes(lines[body_start:], found)
    _responsibilities(lines[body_start:], found)
    _people(lines[body_start:], found)
    return found


# --- where a paragraph is ---------------------------------------------------------------------

def is_furniture(text: str) -> bool:
    """A heading, a label or the closing sentence: no value of its own to draft (not reported unused)."""
    return bool(re.match(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.\s*[^:]{0,90}:?$", text)
                or re.match(r"^[-+]?\s*[^:]{1,40}:$", text) or text.startswith("Trên đây"))


def _is_heading(text: str) -> bool:
    rest = _HEADING.match(text)
    return bool(rest) and (len(text) < 90 or ":" in text[:90])


def _sections(lines: list[PlanLine], found: Extraction) -> None:
    roman, sub = "", ""
    for line in lines:
        heading = _HEADING.match(line.text)
        if line.text.startswith(("Trên đây", "Nơi nhận")):
            roman, sub = "", ""
        elif heading and _is_heading(line.text):
            if re.fullmatch(r"[IVX]+", heading["mark"]):
                roman, sub = heading["mark"], ""
            else:
                sub = heading["mark"]
        found.sections[line.number] = ".".join(part for part in (roman, sub) if part)


def _topic(rest: str, mark: str, previous: str) -> str:
    """The subject of a heading ("1. Mục đích" → "mục đích"), kept under a Roman heading's subject."""
    words = rest.split(":")[0].lower()
    return words if re.fullmatch(r"[IVX]+", mark) or not previous else f"{previous.split('|')[0]}|{words}"


def _after_colon(text: str) -> str:
    return text.split(":", 1)[1].strip() if ":" in text else ""


def _item(text: str) -> str:
    return _BULLET.sub("", text).strip()


# --- the document itself ----------------------------------------------------------------------

def _header(lines: list[PlanLine], found: Extraction) -> None:
    """Kind, number, place and date, issuer and title: the lines before section I."""
    issuer: list[PlanLine] = []
    for index, line in enumerate(lines):
        text = line.text
        if m := re.match(r"^Số\s*:\s*(\S*/\S+)", text):
            found.put(("document", "number"), m[1], line)
        if m := re.search(r"(?:^|\s)([A-ZĐÂ][\w\s.]{1,40}?),\s*ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})?\s*năm\s+(\d{4})", text):
            found.put(("document", "place"), m[1].strip(), line)
            day, month, year = m[2], m[3], int(m[4])
            if day and month:
                _put_date(found, ("document", "date"), f"{day}/{month}/{year}", line)
            else:
                found.put(("document", "date"), year, line)
        if text.lower() in _KINDS:
            found.put(("document", "kind"), _KINDS[text.lower()], line)
            _title(lines[index + 1:], found)
        if _upper(text) and not re.match(r"^(CỘNG HÒA|CỘNG HOÀ|KẾ HOẠCH|THỂ LỆ)", text) and "document" not in {
                p[0] for p in found.fields if p[:2] == ("document", "kind")}:
            issuer.append(line)
    issuer = [line for line in issuer if not re.search(r"Độc lập|Số:", line.text)]
    if issuer:
        name = _org_case(" ".join(line.text for line in issuer[-2:] if not line.text.startswith("ĐẢNG")))
        found.put(("organizer", "name"), name, *issuer)
        found.put(("document", "issuer"), name, *issuer)
    for line in lines:
        if re.match(r"^(Căn cứ|Thực hiện)\b", line.text):
            _bases(line, found)
            _organizer(line, found)


def _organizer(line: PlanLine, found: Extraction) -> None:
    """The office that issues the plan, as its bases paragraph ends: "…, Sở Tư pháp ban hành Kế
    hoạch …"; a name without its place ("UBND huyện tổ chức cuộc thi") is a question."""
    m = re.search(r"(?:^|[,;.]\s)([A-ZĐU][^,;.]{2,80}?)\s+(?:ban hành|tổ chức|xây dựng)\s+(?:Kế hoạch|Thể lệ|cuộc thi|Cuộc thi)",
                  line.text)
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
        rest = line.text[m.end():end]
        rest = re.split(r";|\.\s|, (?=[A-ZĐU][^,]{2,40} (?:ban hành|tổ chức|xây dựng) )", rest)[0].strip(" ,.;")
        item: dict[str, Any] = {"kind": m["kind"], "number": m["number"]}
        date = _date_text(m[3], m[4], m[5])
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
    if bases:
        found.put(("legal_basis",), bases, line)


def _ending(lines: list[PlanLine], found: Extraction) -> None:
    """Recipients (Nơi nhận) and the signature block: the last lines of the plan."""
    start = next((i for i, line in enumerate(lines) if line.text.lower().startswith("nơi nhận")), None)
    if start is None:
        return
    recipients, sources = [], [lines[start]]
    index = start + 1
    while index < len(lines) and (_BULLET.match(lines[index].text) or lines[index].text.lower().startswith("gửi")):
        if _BULLET.match(lines[index].text):
            recipients.append(_item(lines[index].text).rstrip(";.").strip())
        sources.append(lines[index])
        index += 1
    if recipients:
        found.put(("document", "recipients"), recipients, *sources)
    block = lines[index:]
    behalf = [line for line in block if re.match(r"^(TM|KT|TL|TUQ)\.", line.text)]  # "TM. ỦY BAN …", "KT. CHỦ TỊCH"
    titles = [line for line in block if _upper(line.text) and line not in behalf]
    if behalf:
        found.put(("document", "signatory", "on_behalf"), ", ".join(_org_case(line.text) for line in behalf), *behalf)
    if titles:
        found.put(("document", "signatory", "title"), _org_case(titles[0].text), titles[0])
        after = block[block.index(titles[0]) + 1:]
        name = next((line for line in after if _person_name(line.text)), None)
        if name is not None:
            found.put(("document", "signatory", "name"), name.text, name)


def _person_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


_ADMIN = r"huyện|tỉnh|xã|thành phố|thị xã|quận|phường|thị trấn"


def _org_case(text: str) -> str:
    """An upper-case name as written in running text: "ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH" →
    "Ủy ban nhân dân huyện Vĩnh Linh", "TM. ỦY BAN NHÂN DÂN" → "TM. Ủy ban nhân dân",
    "SỞ TƯ PHÁP" → "Sở Tư pháp", "PHÓ GIÁM ĐỐC" → "Phó Giám đốc"."""
    if not _upper(text):
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
        place = place or re.fullmatch(_ADMIN, " ".join(out[-2:]).lower()) is not None or re.fullmatch(_ADMIN, word) is not None
    name = " ".join(out)
    name = name.replace("Ủy Ban", "Ủy ban").replace("Ủy ban Nhân", "Ủy ban nhân")
    return f"{prefix}. {name}" if prefix else name


# --- dates ------------------------------------------------------------------------------------

def _date_text(day: str, month: str, year: str) -> str | None:
    """"2024-09-30" for a day that exists, else None ("24/8/20224", "31/9/2024")."""
    if len(year) != 4:
        return None
    try:
        return str(parse_moment(f"{int(day)}/{int(month)}/{year}"))
    except Invalid:
        return None


def _put_date(found: Extraction, path: tuple[str, ...], text: str, line: PlanLine) -> None:
    m = re.match(_DATE, text)
    date = _date_text(m[1], m[2], m[3]) if m else None
    found.put(path, date, line, question=None if date else "date")


def _moment(m: re.Match) -> str | None:
    """A matched ``_MOMENT`` as contest.yml writes it: "2024-09-30 17:00", "2024-09-30", None if impossible."""
    date = _date_text(m[3], m[4], m[5])
    if date is None or m[1] is None:
        return date
    hour, minute = int(m[1]), int(m[2] or 0)
    if (hour, minute) == (24, 0):
        return date  # "24 giờ 00 ngày 15/10/2021": the whole day
    if hour > 23 or minute > 59:
        return None
    return f"{date} {hour:02d}:{minute:02d}"


# --- sections of the body --------------------------------------------------------------------

def _in_section(topic: str, line: PlanLine, lines: list[PlanLine], index: int, found: Extraction) -> None:
    text = line.text
    if _is_heading(text) and not _after_colon(text):
        return
    sub = topic.split("|")[-1]
    if text.lower().startswith(("nơi nhận", "trên đây")):
        return
    if re.match(r"^(Lưu ý|Chú ý)\s*:", text) and "không được" in text:
        roles = [role for words, role in _ROLES.items() if words in text.lower()]
        found.put(("eligibility", "note"), _after_colon(text), line)
        found.put(("eligibility", "excluded_roles"), roles, line)
        return
    item = _item(text)
    if "mục đích" in sub and _BULLET.match(text):
        _append(found, ("purpose",), item, line)
    elif "yêu cầu" in sub and not _is_heading(text):
        if _BULLET.match(text):
            _append(found, ("requirements",), item, line)
        elif ("requirements",) in found.fields:  # a second sentence of the item before
            _extend_last(found, ("requirements",), item, line)
    elif "đối tượng" in sub or "phạm vi" in sub:
        if re.match(r"^Phạm vi\s*:", item):
            found.put(("eligibility", "scope"), _after_colon(item), line)
        elif _BULLET.match(text) and not re.fullmatch(r"Đối tượng( dự thi)?\s*:", item):
            _append(found, ("eligibility", "eligible"), item, line)
    if re.search(r"chủ đề\s*:", text, re.IGNORECASE):
        found.put(("content", "theme"), text.split(":", 1)[1].strip(), line)
    elif sub.startswith("nội dung") and not _BULLET.match(text) and not _is_heading(text):
        _append(found, ("content", "description"), item, line)
    if text.startswith("+") and (hint := next((p for p in lines[max(0, index - 8):index]
                                                if re.match(r"^[-]?\s*Gợi ý", p.text)), None)):
        _append(found, ("content", "suggested_topics"), item, line)
        found.put(("content", "suggested_topics"), None, hint)
    if re.match(r"^Tên gọi\b", item) or re.match(r"^Cuộc thi[^“\"]{0,30}[“\"]", text):
        quoted = re.search(r"[“\"](.+?)[”\"]", text)
        title = found.fields.get(("title",))
        if quoted and title is not None and title.value == quoted[1].strip():
            found.put(("title",), None, line)
    if sub.startswith("hình thức") and "khen" not in sub and not _is_heading(text):
        _append(found, ("format",), item, line)
    if "kinh phí" in sub:
        funding = _after_colon(text) if _is_heading(text) else text
        if funding:
            found.put(("funding",), funding, line)
    if m := re.search(r"(?:Mọi thắc mắc|Thông tin liên hệ|Địa chỉ liên hệ|Liên hệ\s*:).*?(?:\.(?=\s|$)|$)", text):
        found.put(("contact",), m[0].strip(), line)
    for email in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        found.put(("submission", "email"), email.rstrip("."), line)
        _append(found, ("public_contacts",), email.rstrip("."), line)
    for phone in re.findall(r"(?:điện thoại|ĐT|SĐT|hotline)\s*:?\s*(0[\d .]{8,13}\d)", text, re.IGNORECASE):
        _append(found, ("public_contacts",), phone.strip(), line)
    if re.match(r"^(Tác phẩm|Bài dự thi|Sản phẩm)[^.]*gửi về", item):
        _append(found, ("submission", "methods"), item, line)


def _append(found: Extraction, path: tuple[str, ...], item: str, line: PlanLine) -> None:
    if path in found.fields:
        if item not in found.fields[path].value:
            found.fields[path].value.append(item)
        found.put(path, None, line)
    else:
        found.put(path, [item], line)


def _extend_last(found: Extraction, path: tuple[str, ...], item: str, line: PlanLine) -> None:
    values = found.fields[path].value
    values[-1] = f"{values[-1]} {item}"
    found.put(path, None, line)


# --- rules stated anywhere --------------------------------------------------------------------

def _rules(line: PlanLine, found: Extraction) -> None:
    """Technical rules, quotas per author and per unit (wherever the plan says them)."""
    text = line.text
    low = text.lower()
    if m := re.search(r"tối thiểu\s+(\d+)\s*phút", low):
        found.put(("video_rules", "min_duration"), f"{int(m[1])} phút", line)
    if m := re.search(r"(?:tối đa|không quá)(?:\s+không quá)?\s+(\d+)\s*phút", low):
        found.put(("video_rules", "max_duration"), f"{int(m[1])} phút", line)
    if sizes := re.findall(r"(\d[\d.]{1,5})\s*[x×]\s*(\d[\d.]{1,5})\s*(?:pixels|pixel|px)", low):
        found.put(("video_rules", "resolutions"), [f"{w.replace('.', '')}x{h.replace('.', '')}" for w, h in sizes], line)
    if m := re.search(r"(?:tỉ|tỷ) lệ(?: khung hình)?\s*:?\s*(\d{1,2}\s*:\s*\d{1,2})", low):
        found.put(("video_rules", "aspect_ratio"), m[1].replace(" ", ""), line)
    if m := re.search(r"định dạng\s*:?\s*((?:\.?(?:mp4|mov|avi|mkv|wmv|m4v)(?:\s*(?:,|hoặc|/)\s*)?)+)", low):
        found.put(("video_rules", "containers"), re.findall(r"mp4|mov|avi|mkv|wmv|m4v", m[1]), line)
    if codecs := re.findall(r"\b(h\.?264|h\.?265|hevc)\b", low):
        found.put(("video_rules", "codecs"), sorted({c.replace(".", "") for c in codecs}), line)
    if m := re.search(r"mỗi (?:cá nhân|tác giả|người|thí sinh)[^.;]*?(?:tối đa|không quá)\s+(\d+)\s*(?:tác phẩm|sản phẩm|video|bài)", low) \
            or re.search(r"mỗi (?:cá nhân|tác giả|người|thí sinh)[^.;]*?được (?:dự thi|gửi|tham gia)\s+(\d+)\s*(?:tác phẩm|sản phẩm|video|bài)", low):
        found.put(("quotas", "per_author_max"), int(m[1]), line)
    elif re.search(r"mỗi (?:cá nhân|tác giả|người)[^.;]*nhiều (?:tác phẩm|sản phẩm|bài)", low):
        found.put(("quotas", "note"), _item(text), line)
    if m := re.match(r"^[-+]?\s*([^:]{4,120}):\s*Mỗi (?:đơn vị|cơ quan|xã)[^.]*?ít nhất\s+(\d+)([^.]*)", text):
        category = {"id": slugify(m[1], max_length=40) or "don-vi", "name": m[1].strip(), "min_entries": int(m[2])}
        if most := re.search(r"tối đa(?: không quá)?\s+(\d+)", m[3]):
            category["max_entries"] = int(most[1])
        _append(found, ("unit_categories",), category, line)  # type: ignore[arg-type]
    elif m := re.search(r"mỗi ((?:phòng|đơn vị|cơ quan|xã)[^.;]{0,40}?) (?:có|gửi|tham gia) ít nhất\s+(\d+)", text,
                        re.IGNORECASE):
        listed = found.fields.get(("unit_categories",))
        if "nêu trên" in m[1] and listed is not None and listed.value:  # "each unit listed above": every group listed
            for category in listed.value:
                category["min_entries"] = int(m[2])
            found.put(("unit_categories",), None, line)
        else:
            found.put(("unit_categories",), None, line, question="unit_category")
    if m := re.search(r"(\d+)\s+đơn vị[^:]{0,40}:?\s*(.*)", text):
        _units(line, found)


def _entry_kinds(line: PlanLine, found: Extraction) -> None:
    """What entries are: videos ("video", "clip", "phóng sự") and articles ("bài viết", "cuộc thi viết")."""
    low = line.text.lower()
    kinds = [kind for kind, words in (("video", r"\bvideo|\bclip\b|phóng sự"),
                                      ("article", r"bài viết|cuộc thi viết|tác phẩm viết")) if re.search(words, low)]
    item = found.fields.get(("entry_kinds",))
    new = [kind for kind in kinds if item is None or kind not in item.value]
    if new and item is None:
        found.put(("entry_kinds",), new, line)
    elif new and item is not None:
        item.value += new
        found.put(("entry_kinds",), None, line)


def _units(line: PlanLine, found: Extraction) -> None:
    """Counted lists of units: "46 đơn vị, gồm: 18 cơ quan chuyên môn (bao gồm: A, B); 08 đơn vị
    sự nghiệp (bao gồm: C, D)" → a category per group and a unit per name; a group whose count
    is not the number of its names is a question."""
    groups = list(re.finditer(r"(\d{1,3})\s+([^();:]{3,80}?)\s*\((?:bao gồm|gồm)\s*:?\s*([^)]*)\)", line.text))
    if not groups:
        return
    categories, units, question = [], [], None
    for group in groups:
        name = group[2].strip(" ,;:")
        category = slugify(name, max_length=40)
        names = [n.strip(" .;") for n in re.split(r"[;,]\s*", group[3]) if n.strip(" .;")]
        if len(names) != int(group[1]):
            question = "unit_count"
        categories.append({"id": category, "name": name[:1].upper() + name[1:]})
        units += [{"id": slugify(n, max_length=50), "name": n, "category": category} for n in names]
    total = re.search(r"(\d{1,3})\s+(?:đơn vị|cơ quan)[^:(]{0,40}?(?:bao gồm|gồm)\s*:", line.text)
    if total and int(total[1]) != sum(int(group[1]) for group in groups):
        question = "unit_count"
    found.put(("unit_categories",), categories, line)
    found.put(("units",), None if question else units, line, question=question)


# --- timeline ---------------------------------------------------------------------------------

_MILESTONES = (("bình chọn", "voting"), ("chấm", "judging"), ("công bố", "results"), ("trao giải", "ceremony"),
               ("tổng kết", "results"), ("nhận", "submission"), ("nộp", "submission"), ("gửi", "submission"),
               ("phát động", "launch"), ("xây dựng", "production"), ("thực hiện", "production"),
               ("thành lập", "preparation"), ("trắc nghiệm", "other"), ("thi", "submission"))


def _timeline(lines: list[PlanLine], found: Extraction) -> None:
    """A milestone for each paragraph of a "Thời gian" section with a date, month or quarter."""
    milestones: list[dict[str, Any]] = []
    sources: list[PlanLine] = []
    questions = False
    in_time, index = False, 0
    while index < len(lines):
        line = lines[index]
        index += 1
        text = line.text
        heading = _HEADING.match(text)
        if heading and _is_heading(text) and not _BULLET.match(text):
            in_time = "thời gian" in heading["rest"].lower() or "lịch" in heading["rest"].lower()
            if not in_time or not _after_colon(text):
                continue
        if not in_time:
            continue
        label_part, _, said = text.partition(":") if ":" in text[:80] else ("", "", text)
        subject = (label_part or text).lower()
        milestone: dict[str, Any] = {"kind": next((k for w, k in _MILESTONES if w in subject), "other")}
        approximate = "dự kiến" in text.lower()
        moments = list(_MOMENT.finditer(said or text))
        if m := re.match(r"^[-+]?\s*Tháng\s+(\d{1,2})\s*/\s*(\d{4})\s*:?$", text):  # "Tháng 08/2024:" and its items
            items = []
            while index < len(lines) and lines[index].text.startswith("+"):
                items.append(_item(lines[index].text).rstrip(";."))
                sources.append(lines[index])
                index += 1
            milestone = {"kind": "preparation", "date": f"{m[2]}-{int(m[1]):02d}", "label": "; ".join(items)}
        elif moments:
            values = [_moment(m) for m in moments]
            if None in values:
                questions = True
                milestone["note"] = None  # the question: the draft asks for the date
            elif len(values) >= 2:
                milestone["start"], milestone["end"] = values[0], values[-1]
            elif re.search(r"\b(trước|đến hết|đến|chậm nhất|hạn)\b[^/]*$", (said or text)[:moments[0].start()], re.IGNORECASE):
                milestone["end"] = values[0]
                if re.search(r"\btrước\b", (said or text)[:moments[0].start()], re.IGNORECASE):
                    milestone["end_excluded"] = True
            elif re.search(r"\btừ\b[^/]*$", (said or text)[:moments[0].start()], re.IGNORECASE):
                milestone["start"] = values[0]
            else:
                milestone["date"] = values[0]
            if None not in values:
                milestone["source_text"] = _item((said or text).strip()).rstrip(".")
        elif m := re.search(r"tháng\s+(\d{1,2})\s*(?:năm|/)\s*(\d{4})", text, re.IGNORECASE):
            milestone["date"] = f"{m[2]}-{int(m[1]):02d}"
            milestone["source_text"] = m[0]
        elif m := re.search(r"quý\s+(I{1,3}|IV)\s*(?:năm|/)\s*(\d{4})", text, re.IGNORECASE):
            milestone["date"] = f"{m[2]}-Q{_ROMAN[m[1].upper()]}"
            milestone["source_text"] = m[0]
        elif milestone["kind"] != "other" and _BULLET.match(text):  # a step without a date: as written
            milestone["note"] = _item(text)
        else:
            continue
        if approximate:
            milestone["approximate"] = True
        if label_part and "label" not in milestone:
            milestone["label"] = _item(label_part)
        milestone["_line"] = line
        milestones.append(milestone)
        sources.append(line)
    if milestones:
        found.put(("timeline",), milestones, *sources, question="date" if questions else None)
        found.fields[("timeline",)].value = milestones  # (kept even with a question: the others are right)


# --- prizes -----------------------------------------------------------------------------------

_TIER = re.compile(r"(\d{1,3})\s+(Giải\s+(?:nhất|nhì|ba|tư|khuyến khích|đặc biệt)(?:\s+(?:tập thể|cá nhân))?)"
                   r"(?:\s*(?:[:,–-]|trị giá|mức thưởng)?\s*(?:mỗi giải\s*)?(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|đ)\b)?",
                   re.IGNORECASE)
_EACH = re.compile(r"mỗi giải(?: trị giá| được thưởng|:)?\s*(\d{1,3}(?:[.,]\d{3})+)\s*(?:đồng|đ)", re.IGNORECASE)


def _prizes(lines: list[PlanLine], found: Extraction) -> None:
    tiers: list[dict[str, Any]] = []
    sources = []
    quiz = False  # under a heading of the quiz part ("Phần thi trắc nghiệm", "trả lời đúng nhiều nhất")
    for line in lines:
        text = line.text
        low = text.lower()
        if _HEADING.match(text) and not _BULLET.match(text):
            quiz = bool(re.search(r"trắc nghiệm|đúng nhiều nhất", low))
        if "giải thưởng" in low and re.search(r"(quy định tại thể lệ|ban hành sau|sẽ được quy định)", low):
            found.put(("prizes", "status"), "pending", line)
        if m := re.match(r"^[-+]?\s*(?:\d+(?:\.\d+)*\.\s*)?Hình thức (?:khen|khen thưởng|trao giải)\s*:\s*(.+)$", text):
            found.put(("prizes", "award_form"), m[1], line)
        line_tiers = []
        for m in _TIER.finditer(text):
            name = m[2].strip()
            rank = next(r for r in _RANKS if r in name.lower())
            name = re.sub(rank, _RANKS[rank], name, flags=re.IGNORECASE, count=1)
            tier: dict[str, Any] = {"id": slugify(name), "name": name, "count": int(m[1])}
            if m[3]:
                tier["amount"] = int(re.sub(r"[.,]", "", m[3]))
            if "tập thể" in name.lower():
                tier["recipient"] = "collective"
            elif "cá nhân" in name.lower():
                tier["recipient"] = "individual"
            if quiz or re.search(r"đúng nhiều nhất|trắc nghiệm", low):
                tier["basis"] = "quiz"
            line_tiers.append(tier)
        each = _EACH.search(text)
        if each and line_tiers:
            for tier in line_tiers:
                tier.setdefault("amount", int(re.sub(r"[.,]", "", each[1])))
        elif each and tiers and not line_tiers:
            tiers[-1].setdefault("amount", int(re.sub(r"[.,]", "", each[1])))
            sources.append(line)
        if "bình chọn nhiều nhất" in low or "bình chọn cao nhất" in low:
            count = re.search(r"(\d{1,2})\s+giải", low)
            where = re.search(r"(trên (?:trang )?(?:fanpage|trang|cổng)[^:;.]*)", text, re.IGNORECASE)
            tier = {"id": "binh-chon", "name": "Giải được bình chọn nhiều nhất", "count": int(count[1]) if count else 1,
                    "basis": "public_vote"}
            if where:
                tier["note"] = where[1].strip()[:1].upper() + where[1].strip()[1:] + "."
            if worth := re.search(r"trị giá\s*(\d{1,3}(?:[.,]\d{3})+)\s*(?:đồng|đ)", text):
                tier["amount"] = int(re.sub(r"[.,]", "", worth[1]))
            line_tiers = [tier]
        if line_tiers:
            tiers += line_tiers
            sources.append(line)
    seen: set[str] = set()
    for tier in tiers:  # two tiers of one name (a part each): their ids differ
        while tier["id"] in seen:
            tier["id"] += "-2"
        seen.add(tier["id"])
    if tiers:
        found.put(("prizes", "tiers"), tiers, *sources)


# --- who does what ----------------------------------------------------------------------------

def _responsibilities(lines: list[PlanLine], found: Extraction) -> None:
    """Each unit of the "TỔ CHỨC THỰC HIỆN" section and its duties."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^[IVX]+\.\s*TỔ CHỨC THỰC HIỆN", line.text)), None)
    if start is None:
        return
    result: list[dict[str, Any]] = []
    sources = [lines[start]]
    for line in lines[start + 1:]:
        if re.match(r"^[IVX]+\.\s", line.text) or line.text.startswith(("Trên đây", "Nơi nhận")):
            break
        heading = _HEADING.match(line.text)
        if heading and not _BULLET.match(line.text):
            unit, _, duty = heading["rest"].partition(":") if ":" in heading["rest"][:120] else (heading["rest"], "", "")
            result.append({"unit": unit.strip().rstrip(";"), "duties": [duty.strip()] if duty.strip() else []})
        elif result:
            result[-1]["duties"].append(_item(line.text))
        else:
            continue
        sources.append(line)
    if result:
        found.put(("organization", "responsibilities"), result, *sources)


_ROLE_WORDS = (("giám khảo", "jury"), ("thư ký", "secretariat"), ("tổ chức", "organizing_committee"))
_PERSON = re.compile(r"^[-+]?\s*(?:\d+\.\s*)?(?:Ông|Bà|Đồng chí|Đ/c)\s+([A-ZĐ]\w*(?:\s+[A-ZĐ]\w*){1,4})\s*[,–-]\s*(.+?)"
                     r"\s*[,–-]\s*(Trưởng ban|Phó Trưởng ban|Phó trưởng ban|Thành viên|Ủy viên|Tổ trưởng|Thư ký)\b(.*)$")


def _people(lines: list[PlanLine], found: Extraction) -> None:
    """The members of the committee and jury when the plan lists them ("Ông Nguyễn Văn A, Phó
    Chủ tịch UBND huyện - Trưởng ban"), under a heading naming the body."""
    role = None
    people, sources = [], []
    for line in lines:
        low = line.text.lower()
        if (_HEADING.match(line.text) or low.startswith(("ban ", "tổ "))) and not _BULLET.match(line.text):
            named = low.split(":")[0]
            role = next((r for w, r in _ROLE_WORDS if w in named), None) if re.search(r"\b(ban|tổ)\b", named) else None
            continue
        m = _PERSON.match(line.text)
        if role and m:
            person = {"name": m[1], "role": role, "position": m[3][:1].upper() + m[3][1:], "unit": m[2].strip()}
            if "mời" in m[4].lower() or "mời" in low[:20]:
                person["unit"] += " (mời tham gia)"
            people.append(person)
            sources.append(line)
    if people:
        found.put(("organization", "people"), people, *sources)
