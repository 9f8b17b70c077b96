"""`new-contest`: a commented contest.yml holding the usual sections of a contest plan."""

from __future__ import annotations

import json
from pathlib import Path

from contest_portal.core.values import SLUG_RE

TEMPLATE = """\
# yaml-language-server: $schema=../../schemas/contest.schema.json
# Kế hoạch / Thể lệ cuộc thi năm {year}. Điền các mục theo văn bản; xóa các dòng không dùng.
# Ngày viết NĂM-THÁNG-NGÀY (2024-09-30), giờ trong ngoặc kép ("2024-09-30 17:00"),
# tháng 2024-09, quý 2024-Q4. Kiểm tra bằng: python build.py validate
year: {year}
title: {title}
short_title: {title}

organizer:
  name: {organizer}

# I. Văn bản phát động và căn cứ
document:
  kind: Kế hoạch
  number: ""           # ví dụ 11/KH-UBND
  date: {year}         # ngày ký, ví dụ {year}-01-15
  signatory:
    title: Chủ tịch
    name: ""
legal_basis: []        # - {{kind: Kế hoạch, number: 11/KH-UBND, date: {year}-01-15, issuer: ..., title: ...}}

# II. Mục đích, yêu cầu
purpose:
  - Điền mục đích của cuộc thi.
requirements:
  - Điền yêu cầu của cuộc thi.

# III. Đối tượng dự thi
eligibility:
  scope: Điền phạm vi cuộc thi.
  eligible:
    - Điền đối tượng được dự thi.
  excluded_roles: [organizing_committee, jury, secretariat]
  note: Thành viên Ban Tổ chức, Ban Giám khảo, Tổ Thư ký không được dự thi.

# IV. Nội dung
content:
  theme: Điền chủ đề.
  suggested_topics: []

# V. Hình thức, yêu cầu kỹ thuật
entry_kinds: [video]   # video, article, video_with_text
format:
  - Điền hình thức thi.
video_rules:
  containers: [mp4]
  codecs: [h264]
  min_duration: "3 phút"
  max_duration: "10 phút"
  resolutions: [1280x720, 1920x1080]
  aspect_ratio: "16:9"
  max_size: "1 GB"

# VI. Số lượng tác phẩm và đơn vị tham gia
quotas:
  per_author_max: 2
unit_categories:
  - {{id: xa, name: "UBND các xã, thị trấn", min_entries: 1, max_entries: 2}}
units: []              # - {{id: xa-vinh-giang, name: UBND xã Vĩnh Giang, category: xa}}

# VII. Thời gian (giờ Việt Nam)
timeline:
  - {{kind: launch, date: {year}-01-01, approximate: true}}
  - {{kind: submission, start: {year}-01-01, end: "{year}-01-31 17:00"}}
  - {{kind: results, date: {year}-Q4, approximate: true}}

# VIII. Cơ cấu giải thưởng (bỏ trống amount nếu chưa quy định; status: pending nếu ban hành sau)
prizes:
  status: set
  tiers:
    - {{id: giai-nhat, name: Giải Nhất, count: 1}}
    - {{id: giai-nhi, name: Giải Nhì, count: 1}}
    - {{id: giai-ba, name: Giải Ba, count: 1}}

funding: Điền nguồn kinh phí.

# IX. Tổ chức thực hiện
organization:
  people: []           # - {{name: ..., role: jury, unit: ...}}
  responsibilities: []

# X. Cách thức nộp tác phẩm và liên hệ
submission:
  methods:
    - Điền cách thức nộp tác phẩm.
  late_policy: reject
contact: Điền đơn vị, địa chỉ liên hệ.

results:
  published: false
"""


class ScaffoldError(Exception):
    pass


def new_contest(entries_dir: Path, year: int, slug: str, title: str, organizer: str) -> Path:
    """Create ``entries/<year>-<slug>/contest.yml``; refuse an existing edition."""
    name = slug if slug.startswith(f"{year}-") else f"{year}-{slug}"
    if not SLUG_RE.match(name):
        raise ScaffoldError(f"'{name}': dùng chữ thường không dấu, chữ số và dấu gạch ngang "
                            "(lowercase ASCII letters, digits and hyphens)")
    folder = entries_dir / name
    if folder.exists():
        raise ScaffoldError(f"{folder} đã có, không ghi đè (already exists, not overwritten)")
    folder.mkdir(parents=True)
    path = folder / "contest.yml"
    quoted = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731  (a JSON string is valid YAML)
    path.write_text(TEMPLATE.format(year=year, title=quoted(title), organizer=quoted(organizer)),
                    encoding="utf-8")
    return path
