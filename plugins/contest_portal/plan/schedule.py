"""The timeline (milestones with hours and precision as written) and the prizes of a plan."""

from __future__ import annotations

import re
from typing import Any

from contest_portal.core.text import slugify
from contest_portal.plan.fields import (
    BULLET,
    HEADING,
    MOMENT,
    Extraction,
    after_colon,
    is_heading,
    moment_text,
    strip_bullet,
)
from contest_portal.plan.read_document import PlanLine

_RANKS = {"nhất": "Nhất", "nhì": "Nhì", "ba": "Ba", "tư": "Tư", "khuyến khích": "Khuyến khích", "đặc biệt": "Đặc biệt"}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


# --- timeline ---------------------------------------------------------------------------------

_MILESTONES = (
    ("bình chọn", "voting"),
    ("chấm", "judging"),
    ("công bố", "results"),
    ("trao giải", "ceremony"),
    ("tổng kết", "results"),
    ("nhận", "submission"),
    ("nộp", "submission"),
    ("gửi", "submission"),
    ("phát động", "launch"),
    ("xây dựng", "production"),
    ("thực hiện", "production"),
    ("thành lập", "preparation"),
    ("trắc nghiệm", "other"),
    ("thi", "submission"),
)


def read_timeline(lines: list[PlanLine], found: Extraction) -> None:
    """A milestone for each paragraph of a "Thời gian" section with a date, month or quarter."""
    milestones: list[dict[str, Any]] = []
    sources: list[PlanLine] = []
    questions = False
    in_time, index = False, 0
    while index < len(lines):
        line = lines[index]
        index += 1
        text = line.text
        heading = HEADING.match(text)
        if heading and is_heading(text) and not BULLET.match(text):
            in_time = "thời gian" in heading["rest"].lower() or "lịch" in heading["rest"].lower()
            if not in_time or not after_colon(text):
                continue
        if not in_time:
            continue
        label_part, _, said = text.partition(":") if ":" in text[:80] else ("", "", text)
        subject = (label_part or text).lower()
        milestone: dict[str, Any] = {"kind": next((k for w, k in _MILESTONES if w in subject), "other")}
        approximate = "dự kiến" in text.lower()
        moments = list(MOMENT.finditer(said or text))
        if m := re.match(r"^[-+]?\s*Tháng\s+(\d{1,2})\s*/\s*(\d{4})\s*:?$", text):  # "Tháng 08/2024:" and its items
            items = []
            while index < len(lines) and lines[index].text.startswith("+"):
                items.append(strip_bullet(lines[index].text).rstrip(";."))
                sources.append(lines[index])
                index += 1
            milestone = {"kind": "preparation", "date": f"{m[2]}-{int(m[1]):02d}", "label": "; ".join(items)}
        elif moments:
            values = [moment_text(m) for m in moments]
            if None in values:
                questions = True
                milestone["note"] = None  # the question: the draft asks for the date
            elif len(values) >= 2:
                milestone["start"], milestone["end"] = values[0], values[-1]
                if re.search(r"\btrước\s*$", (said or text)[moments[-2].end() : moments[-1].start()], re.IGNORECASE):
                    milestone["end_excluded"] = True  # "từ ngày 15/9/2025, trước 17h00 ngày 30/10/2025"
            elif re.search(
                r"\b(trước|đến hết|đến|chậm nhất|hạn)\b[^/]*$", (said or text)[: moments[0].start()], re.IGNORECASE
            ):
                milestone["end"] = values[0]
                if re.search(r"\btrước\b", (said or text)[: moments[0].start()], re.IGNORECASE):
                    milestone["end_excluded"] = True
            elif re.search(r"\btừ\b[^/]*$", (said or text)[: moments[0].start()], re.IGNORECASE):
                milestone["start"] = values[0]
            else:
                milestone["date"] = values[0]
            if None not in values:
                milestone["source_text"] = strip_bullet((said or text).strip()).rstrip(".")
        elif m := re.search(r"tháng\s+(\d{1,2})\s*(?:năm|/)\s*(\d{4})", text, re.IGNORECASE):
            milestone["date"] = f"{m[2]}-{int(m[1]):02d}"
            milestone["source_text"] = m[0]
        elif m := re.search(r"quý\s+(I{1,3}|IV)\s*(?:năm|/)\s*(\d{4})", text, re.IGNORECASE):
            milestone["date"] = f"{m[2]}-Q{_ROMAN[m[1].upper()]}"
            milestone["source_text"] = m[0]
        elif milestone["kind"] != "other" and BULLET.match(text):  # a step without a date: as written
            milestone["note"] = strip_bullet(text)
        else:
            continue
        if approximate:
            milestone["approximate"] = True
        if label_part and "label" not in milestone:
            milestone["label"] = strip_bullet(label_part)
        milestone["_line"] = line
        milestones.append(milestone)
        sources.append(line)
    if milestones:
        found.put(("timeline",), milestones, *sources, question="date" if questions else None)
        found.fields[("timeline",)].value = milestones  # (kept even with a question: the others are right)


# --- prizes -----------------------------------------------------------------------------------

_TIER = re.compile(
    r"(\d{1,3})\s+(Giải\s+(?:nhất|nhì|ba|tư|khuyến khích|đặc biệt)(?:\s+(?:tập thể|cá nhân))?)"
    r"(?:\s*(?:[:,–-]|trị giá|mức thưởng)?\s*(?:mỗi giải\s*)?(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|đ)\b)?",
    re.IGNORECASE,
)
_FOR = re.compile(
    r"^[-+]?\s*(\d{1,3})\s+giải\s+(?:(tập thể|cá nhân)\s+)?(cho\s[^:]{5,120}?)\s*:\s*"
    r"(\d{1,3}(?:[.,]\d{3})+)\s*(?:đồng|đ)\b",
    re.IGNORECASE,
)
_EACH = re.compile(r"mỗi giải(?: trị giá| được thưởng|:)?\s*(\d{1,3}(?:[.,]\d{3})+)\s*(?:đồng|đ)", re.IGNORECASE)


def read_prizes(lines: list[PlanLine], found: Extraction) -> None:
    tiers: list[dict[str, Any]] = []
    sources = []
    quiz = False  # under a heading of the quiz part ("Phần thi trắc nghiệm", "trả lời đúng nhiều nhất")
    part_name: str | None = None
    for line in lines:
        text = line.text
        low = text.lower()
        if (heading := HEADING.match(text)) and not BULLET.match(text):
            quiz = bool(re.search(r"trắc nghiệm|đúng nhiều nhất", low))
            part = re.match(r"^(Phần thi [^:]{2,60}?)\s*(?::|$)", heading["rest"])
            part_name = part[1].strip() if part else None
        if "giải thưởng" in low and re.search(r"(quy định tại thể lệ|ban hành sau|sẽ được quy định)", low):
            found.put(("prizes", "status"), "pending", line)
        if re.search(
            r"(mỗi|một) (tác phẩm|sản phẩm|bài)[^.;]*(chỉ|không)[^.;]*(nhận|đạt|xét)[^.;]*(01|một|1) giải", low
        ):
            found.put(("prizes", "one_prize_per_entry"), True, line)
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
        if not line_tiers and (m := _FOR.match(text)):  # "- 01 giải tập thể cho đơn vị có …: 3.000.000đ"
            name = f"Giải {m[2] + ' ' if m[2] else ''}{m[3]}"
            tier = {
                "id": slugify(name, max_length=40),
                "name": name,
                "count": int(m[1]),
                "amount": int(re.sub(r"[.,]", "", m[4])),
            }
            if m[2] == "tập thể":
                tier["recipient"] = "collective"
            elif m[2] == "cá nhân" or m[3].startswith("cho cá nhân"):
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
            tier = {
                "id": "binh-chon",
                "name": "Giải được bình chọn nhiều nhất",
                "count": int(count[1]) if count else 1,
                "basis": "public_vote",
            }
            if where:
                tier["note"] = where[1].strip()[:1].upper() + where[1].strip()[1:] + "."
            if worth := re.search(r"trị giá\s*(\d{1,3}(?:[.,]\d{3})+)\s*(?:đồng|đ)", text):
                tier["amount"] = int(re.sub(r"[.,]", "", worth[1]))
            line_tiers = [tier]
        if line_tiers:
            for tier in line_tiers:
                tier["_line"] = line  # each tier quotes its own line: a refresh keeps the ones it did not change
            if part_name:  # under "1. Phần thi trắc nghiệm": the part's prizes (matched to parts by extract)
                for tier in line_tiers:
                    tier["_part"] = part_name
            tiers += line_tiers
            sources.append(line)
    seen: set[str] = set()
    for tier in tiers:  # two tiers of one name (a part each): their ids differ
        while tier["id"] in seen:
            tier["id"] += "-2"
        seen.add(tier["id"])
    if tiers:
        found.put(("prizes", "tiers"), tiers, *sources)
