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
from typing import Any

from contest_portal.core.text import slugify
from contest_portal.plan.document import read_ending, read_header
from contest_portal.plan.fields import (
    BULLET,
    HEADING,
    MOMENT,
    Extraction,
    after_colon,
    all_upper,
    is_heading,
    moment_text,
    strip_bullet,
)
from contest_portal.plan.read_document import PlanLine
from contest_portal.plan.schedule import read_prizes, read_timeline

__all__ = ["extract"]

_ROLES = {"ban tổ chức": "organizing_committee", "ban giám khảo": "jury", "thư ký": "secretariat"}


def extract(lines: list[PlanLine]) -> Extraction:
    """Every value the plan's paragraphs state (see the module's docstring)."""
    found = Extraction()
    _sections(lines, found)
    body_start = _body_start(lines)
    read_header(lines[:body_start], found)
    read_ending(lines, found)
    topic = ""
    for index, line in enumerate(lines):
        if line.text.startswith(("Trên đây", "Nơi nhận")):
            break  # the closing sentence, the recipients and the signature: read by read_ending
        heading = HEADING.match(line.text)
        if heading and index >= body_start and is_heading(line.text):
            topic = _topic(heading["rest"], heading["mark"], topic)
        _rules(line, found)
        if not re.match(r"^(Căn cứ|Thực hiện)\b", line.text):  # (a basis names other documents' subjects)
            _entry_kinds(line, found)
        if index >= body_start:
            _in_section(topic, line, lines, index, found)
    read_timeline(lines[body_start:], found)
    read_prizes(lines[body_start:], found)
    _responsibilities(lines[body_start:], found)
    _people(lines[body_start:], found)
    _parts(lines[body_start:], found)
    _unsure_reading(found)
    return found


#: Values matched item by item (each quotes its own line): not turned into one question.
_BY_ITEM = {("timeline",), ("prizes", "tiers"), ("parts",)}


def _unsure_reading(found: Extraction) -> None:
    """A value read by OCR from a word Tesseract was unsure of ("2020;" read for "2025;") is a
    question quoting what was read, never a plain value (issue 29, point 10)."""
    for path, item in found.fields.items():
        if item.question is not None or item.value is None or path in _BY_ITEM:
            continue
        words = {w.strip('.,;:()“”"') for line in item.sources for w in line.unsure}
        if any(len(w) >= 2 and w in str(item.value) for w in words):
            item.question = "ocr"  # the question quotes the line read unsure
            item.sources.sort(key=lambda line: not line.unsure)


_PART = re.compile(r"^[-+]?\s*(?:[a-zđ]\)\s*)?(Phần thi ([^:,\d]{2,30}?))\s*:")


def _parts(lines: list[PlanLine], found: Extraction) -> None:
    """The parts of a contest of two or more ("- Phần thi trắc nghiệm: …", "- Phần thi video: …"):
    each with its window (the milestone of the same name) and its prizes (the tiers under its
    heading); a quiz part where the plan says quiz ("trắc nghiệm", "câu hỏi")."""
    parts: dict[str, dict[str, Any]] = {}
    sources = []
    for line in lines:
        m = _PART.match(line.text)
        if m and m[1] not in parts:
            kind = "quiz" if re.search(r"trắc nghiệm|câu hỏi|tìm hiểu", line.text.lower()) else "entries"
            parts[m[1]] = {"id": slugify(m[2], max_length=30) or "phan-thi", "name": m[1], "kind": kind}
            window = list(MOMENT.finditer(line.text))
            ends = [moment_text(moment) for moment in window]
            if (
                len(ends) == 2 and None not in ends
            ):  # "a) Phần thi trắc nghiệm: …, từ 08 giờ 00 ngày … đến 17 giờ 00 ngày …"
                parts[m[1]].update(start=ends[0], end=ends[1])
            sources.append(line)
    if len(parts) < 2:
        return
    timeline = found.fields.get(("timeline",))
    for milestone in timeline.value if timeline is not None else []:
        part = parts.get(milestone.get("label", ""))
        if part is not None:
            part.update({key: milestone[key] for key in ("start", "end") if key in milestone})
    tiers = found.fields.get(("prizes", "tiers"))
    for tier in tiers.value if tiers is not None else []:
        if tier.get("_part") in parts:
            tier["part"] = parts[tier["_part"]]["id"]
    found.put(("parts",), list(parts.values()), *sources)


# --- where a paragraph is ---------------------------------------------------------------------


def _body_start(lines: list[PlanLine]) -> int:
    """The first paragraph of the plan's body: its first Roman heading ("I.", or "1." where OCR read
    the Roman one as a digit: an upper-case numbered heading); without one, the paragraph after the
    title (the one after "KẾ HOẠCH"/"THỂ LỆ"), else the first."""
    for index, line in enumerate(lines):
        if re.match(r"^[IVX]{1,5}\.\s", line.text) or (re.match(r"^\d{1,2}\.\s", line.text) and all_upper(line.text)):
            return index
    kind = next((i for i, line in enumerate(lines) if line.text.lower() in ("kế hoạch", "thể lệ")), None)
    return 0 if kind is None else min(kind + 2, len(lines))


def _sections(lines: list[PlanLine], found: Extraction) -> None:
    roman, sub = "", ""
    for line in lines:
        heading = HEADING.match(line.text)
        if line.text.startswith(("Trên đây", "Nơi nhận")):
            roman, sub = "", ""
        elif heading and is_heading(line.text):
            if re.fullmatch(r"[IVX]+", heading["mark"]):
                roman, sub = heading["mark"], ""
            else:
                sub = heading["mark"]
        found.sections[line.number] = ".".join(part for part in (roman, sub) if part)


def _topic(rest: str, mark: str, previous: str) -> str:
    """The subject of a heading ("1. Mục đích" → "mục đích"), kept under a Roman heading's subject."""
    words = rest.split(":")[0].lower()
    return words if re.fullmatch(r"[IVX]+", mark) or not previous else f"{previous.split('|')[0]}|{words}"


# --- sections of the body --------------------------------------------------------------------


def _in_section(topic: str, line: PlanLine, lines: list[PlanLine], index: int, found: Extraction) -> None:
    text = line.text
    if is_heading(text) and not after_colon(text):
        return
    sub = topic.split("|")[-1]
    if text.lower().startswith(("nơi nhận", "trên đây")):
        return
    if re.match(r"^(Lưu ý|Chú ý)\s*:", text) and "không được" in text:
        roles = [role for words, role in _ROLES.items() if words in text.lower()]
        found.put(("eligibility", "note"), after_colon(text), line)
        found.put(("eligibility", "excluded_roles"), roles, line)
        return
    item = strip_bullet(text)
    if "mục đích" in sub and BULLET.match(text):
        _append(found, ("purpose",), item, line)
    elif "yêu cầu" in sub and re.search(r"bài dự thi|tác phẩm|sản phẩm", sub) and not is_heading(text):
        _append(found, ("format",), item, line)  # "YÊU CẦU BÀI DỰ THI": what an entry must be, its form
    elif "yêu cầu" in sub and not is_heading(text):
        if BULLET.match(text):
            _append(found, ("requirements",), item, line)
        elif ("requirements",) in found.fields:  # a second sentence of the item before
            _extend_last(found, ("requirements",), item, line)
    elif ("đối tượng" in sub or "phạm vi" in sub) and not _technical(text):
        if re.match(r"^Phạm vi\s*:", item):
            found.put(("eligibility", "scope"), after_colon(item), line)
        elif BULLET.match(text) and not re.fullmatch(r"Đối tượng( dự thi)?\s*:", item):
            _append(found, ("eligibility", "eligible"), item, line)
    if re.search(r"chủ đề\s*:", text, re.IGNORECASE):
        found.put(("content", "theme"), text.split(":", 1)[1].strip(), line)
    elif sub.startswith("nội dung") and not BULLET.match(text) and not is_heading(text):
        _append(found, ("content", "description"), item, line)
    if text.startswith("+") and (
        hint := next((p for p in lines[max(0, index - 8) : index] if re.match(r"^[-]?\s*Gợi ý", p.text)), None)
    ):
        _append(found, ("content", "suggested_topics"), item, line)
        found.put(("content", "suggested_topics"), None, hint)
    if re.match(r"^Tên gọi\b", item) or re.match(r"^Cuộc thi[^“\"]{0,30}[“\"]", text):
        quoted = re.search(r"[“\"](.+?)[”\"]", text)
        title = found.fields.get(("title",))
        if quoted and title is not None and title.value == quoted[1].strip():
            found.put(("title",), None, line)
    if (
        (sub.startswith("hình thức") and "khen" not in sub) or ("hình thức" in sub and _technical(text))
    ) and not is_heading(text):
        _append(found, ("format",), item, line)
    if "kinh phí" in sub:
        funding = after_colon(text) if is_heading(text) else text
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


def _technical(text: str) -> bool:
    """A sentence of technical rules (duration, file format, resolution, aspect ratio): the form of
    entries, even under a heading that also names who may enter ("II. ĐỐI TƯỢNG, HÌNH THỨC")."""
    return bool(re.search(r"\d+\s*phút|định dạng|pixel|tỉ lệ|tỷ lệ|độ phân giải", text, re.IGNORECASE))


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
    if m := re.search(r"thời lượng\s*:?\s*từ\s+(\d+)\s*phút\s+(?:đến|tới)\s+(\d+)\s*phút", low):
        found.put(("video_rules", "min_duration"), f"{int(m[1])} phút", line)  # "thời lượng từ 03 phút đến 05 phút"
        found.put(("video_rules", "max_duration"), f"{int(m[2])} phút", line)
    if sizes := re.findall(r"(\d[\d.]{1,5})\s*[x×]\s*(\d[\d.]{1,5})\s*(?:pixels|pixel|px)", low):
        if re.search(
            r"(?:tối thiểu|ít nhất|trở lên)[^.;]{0,40}\d[\d.]{1,5}\s*[x×]|[x×]\s*\d[\d.]{1,5}\s*(?:pixels|pixel|px)"
            r"\s*trở lên",
            low,
        ):  # a minimum, not a list of exact sizes: a question, never a stricter rule
            found.put(("video_rules", "resolutions"), None, line, question="min_resolution")
        else:
            found.put(
                ("video_rules", "resolutions"), [f"{w.replace('.', '')}x{h.replace('.', '')}" for w, h in sizes], line
            )
    if m := re.search(r"(?:tỉ|tỷ) lệ(?: khung hình)?\s*:?\s*(\d{1,2}\s*:\s*\d{1,2})", low):
        found.put(("video_rules", "aspect_ratio"), m[1].replace(" ", ""), line)
    if m := re.search(r"định dạng\s*:?\s*((?:\.?(?:mp4|mov|avi|mkv|wmv|m4v)(?:\s*(?:,|hoặc|/)\s*)?)+)", low):
        found.put(("video_rules", "containers"), re.findall(r"mp4|mov|avi|mkv|wmv|m4v", m[1]), line)
    if codecs := re.findall(r"\b(h\.?264|h\.?265|hevc)\b", low):
        found.put(("video_rules", "codecs"), sorted({c.replace(".", "") for c in codecs}), line)
    if m := re.search(
        r"mỗi (?:cá nhân|tác giả|người|thí sinh)[^.;]*?(?:tối đa|không quá)\s+(\d+)\s*(?:tác phẩm|sản phẩm|video|bài)",
        low,
    ) or re.search(
        r"mỗi (?:cá nhân|tác giả|người|thí sinh)[^.;]*?được (?:dự thi|gửi|tham gia)\s+(\d+)\s*(?:tác phẩm|sản phẩm|video|bài)",
        low,
    ):
        found.put(("quotas", "per_author_max"), int(m[1]), line)
    elif re.search(r"mỗi (?:cá nhân|tác giả|người)[^.;]*nhiều (?:tác phẩm|sản phẩm|bài)", low):
        found.put(("quotas", "note"), strip_bullet(text), line)
    if m := re.match(r"^[-+]?\s*([^:]{4,120}):\s*Mỗi (?:đơn vị|cơ quan|xã)[^.]*?ít nhất\s+(\d+)([^.]*)", text):
        category = {"id": slugify(m[1], max_length=40) or "don-vi", "name": m[1].strip(), "min_entries": int(m[2])}
        if most := re.search(r"tối đa(?: không quá)?\s+(\d+)", m[3]):
            category["max_entries"] = int(most[1])
        _append(found, ("unit_categories",), category, line)  # type: ignore[arg-type]
    elif m := re.search(
        r"mỗi ((?:phòng|đơn vị|cơ quan|xã)[^.;]{0,40}?) (?:có|gửi|tham gia) ít nhất\s+(\d+)", text, re.IGNORECASE
    ):
        _units(line, found)  # "… gồm: 03 sở (bao gồm: …); 03 huyện (…). Mỗi đơn vị có ít nhất 02 tác phẩm"
        listed = found.fields.get(("unit_categories",))
        here = listed is not None and line in listed.sources  # the groups this very paragraph lists
        if (
            ("nêu trên" in m[1] or here) and listed is not None and listed.value
        ):  # "each unit listed above": every group listed
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
    kinds = [
        kind
        for kind, words in (
            ("video", r"\bvideo|\bclip\b|phóng sự"),
            ("article", r"bài viết|cuộc thi viết|tác phẩm viết"),
        )
        if re.search(words, low)
    ]
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


# --- who does what ----------------------------------------------------------------------------


def _responsibilities(lines: list[PlanLine], found: Extraction) -> None:
    """Each unit of the "TỔ CHỨC THỰC HIỆN" section and its duties."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^[IVX]+\.\s*TỔ CHỨC THỰC HIỆN", line.text)), None)
    if start is None:
        return
    result: list[dict[str, Any]] = []
    sources = [lines[start]]
    for line in lines[start + 1 :]:
        if re.match(r"^[IVX]+\.\s", line.text) or line.text.startswith(("Trên đây", "Nơi nhận")):
            break
        heading = HEADING.match(line.text)
        if heading and not BULLET.match(line.text):
            unit, _, duty = (
                heading["rest"].partition(":") if ":" in heading["rest"][:120] else (heading["rest"], "", "")
            )
            if not unit.strip(" ;:"):  # a number without its words
                continue
            result.append({"unit": unit.strip().rstrip(";"), "duties": [duty.strip()] if duty.strip() else []})
        elif result:
            result[-1]["duties"].append(strip_bullet(line.text))
        else:
            continue
        sources.append(line)
    if result:
        found.put(("organization", "responsibilities"), result, *sources)


_ROLE_WORDS = (("giám khảo", "jury"), ("thư ký", "secretariat"), ("tổ chức", "organizing_committee"))
_PERSON = re.compile(
    r"^[-+]?\s*(?:\d+\.\s*)?(?:Ông|Bà|Đồng chí|Đ/c)\s+([A-ZĐ]\w*(?:\s+[A-ZĐ]\w*){1,4})\s*[,–-]\s*(.+?)"
    r"\s*[,–-]\s*(Trưởng ban|Phó Trưởng ban|Phó trưởng ban|Thành viên|Ủy viên|Tổ trưởng|Thư ký)\b(.*)$"
)


def _people(lines: list[PlanLine], found: Extraction) -> None:
    """The members of the committee and jury when the plan lists them ("Ông Nguyễn Văn A, Phó
    Chủ tịch UBND huyện - Trưởng ban"), under a heading naming the body."""
    role = None
    people, sources = [], []
    for line in lines:
        low = line.text.lower()
        m = _PERSON.match(line.text)  # "1. Ông …, Trưởng ban;": a numbered member, not a heading
        if (HEADING.match(line.text) or low.startswith(("ban ", "tổ "))) and not BULLET.match(line.text) and m is None:
            named = low.split(":")[0]
            role = next((r for w, r in _ROLE_WORDS if w in named), None) if re.search(r"\b(ban|tổ)\b", named) else None
            continue
        if role and m:
            person = {"name": m[1], "role": role, "position": m[3][:1].upper() + m[3][1:], "unit": m[2].strip()}
            if "mời" in m[4].lower() or "mời" in low[:20]:
                person["unit"] += " (mời tham gia)"
            people.append(person)
            sources.append(line)
    if people:
        found.put(("organization", "people"), people, *sources)
