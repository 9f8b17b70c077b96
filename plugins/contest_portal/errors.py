"""Problems found in contest data: one dataclass and the table of stable codes.

Every problem the tool reports is data: a stable code, a severity, where it is
and the values that fill the code's message and hint.  The texts live in the
``CODES`` table below (Vietnamese and English), so the documentation page that
lists every code is generated from the same table and cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class CodeInfo:
    """The fixed description of one problem code."""

    code: str
    severity: Severity
    message: dict[str, str]
    hint: dict[str, str]


def _code(code: str, severity: Severity, vi: str, en: str, hint_vi: str, hint_en: str) -> CodeInfo:
    return CodeInfo(code, severity, {"vi": vi, "en": en}, {"vi": hint_vi, "en": hint_en})


E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, CodeInfo] = {
    c.code: c
    for c in [
        # --- YAML reading -------------------------------------------------
        _code("YAML001", E,
              "Lỗi cú pháp YAML: {detail}",
              "YAML syntax error: {detail}",
              "Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm sau tên trường và dấu ngoặc kép đóng mở.",
              "Check the indentation (spaces, not tabs), the colon after each key and matching quotes."),
        _code("YAML002", E,
              "Trường '{key}' xuất hiện hai lần (lần đầu ở dòng {first_line})",
              "Key '{key}' appears twice (first at line {first_line})",
              "Xóa một trong hai dòng; YAML sẽ âm thầm giữ giá trị sau cùng nếu không báo lỗi.",
              "Remove one of the two lines; YAML would silently keep the last value."),
        _code("YAML003", E,
              "Tệp không phải văn bản UTF-8 ({detail})",
              "The file is not UTF-8 text ({detail})",
              "Mở tệp bằng trình soạn thảo (ví dụ VS Code, Notepad++) và lưu lại với mã hóa UTF-8.",
              "Open the file in an editor (e.g. VS Code, Notepad++) and save it as UTF-8."),
        _code("YAML004", E,
              "Nội dung tệp phải là một danh sách trường dạng 'tên: giá trị'",
              "The file must hold a mapping of 'key: value' fields",
              "Xem tệp mẫu trong thư mục entries/ để biết cấu trúc đúng.",
              "See the sample files under entries/ for the expected structure."),
        _code("YAML005", E,
              "Không đọc được tệp: {detail}",
              "Cannot read the file: {detail}",
              "Kiểm tra tệp còn tồn tại và có quyền đọc.",
              "Check that the file exists and is readable."),
        # --- schema -----------------------------------------------------------
        _code("SCH001", E,
              "Thiếu trường bắt buộc '{field}'",
              "Missing required field '{field}'",
              "Thêm dòng '{key}: ...' vào tệp.",
              "Add a line '{key}: ...' to the file."),
        _code("SCH002", E,
              "Trường không hợp lệ '{field}'{suggestion}",
              "Unknown field '{field}'{suggestion}",
              "Sửa lại tên trường hoặc xóa dòng này; danh sách trường hợp lệ có trong schemas/.",
              "Fix the key name or remove the line; the valid fields are listed in schemas/."),
        _code("SCH003", E,
              "Giá trị của '{field}' sai kiểu: {detail}",
              "Wrong type for '{field}': {detail}",
              "{fix_vi}",
              "{fix_en}"),
        _code("SCH004", E,
              "Giá trị của '{field}' không hợp lệ: {detail}",
              "Invalid value for '{field}': {detail}",
              "Sửa giá trị theo hướng dẫn trong tài liệu định dạng.",
              "Correct the value as described in the format documentation."),
        _code("SCH005", E,
              "Trường '{field}' chứa thông tin cá nhân, không được đặt trong {file_name}",
              "Field '{field}' holds personal data and must not be in {file_name}",
              "Chuyển thông tin liên hệ (điện thoại, địa chỉ, e-mail, số định danh) sang tệp private.yml cùng thư mục; tệp này không bao giờ được đăng lên cổng.",
              "Move contact data (phone, address, e-mail, ID number) to private.yml in the same folder; that file is never published."),
        # --- contest folder structure -----------------------------------------
        _code("CON001", E,
              "Thư mục cuộc thi '{folder}' không có tệp contest.yml",
              "Contest folder '{folder}' has no contest.yml",
              "Tạo tệp contest.yml (xem mẫu trong entries/) hoặc chuyển thư mục này ra khỏi entries/.",
              "Create contest.yml (see the samples under entries/) or move this folder out of entries/."),
        _code("CON002", E,
              "Không tìm thấy thư mục dữ liệu '{folder}'",
              "Data folder '{folder}' not found",
              "Kiểm tra tùy chọn entries_dir trong mkdocs.yml.",
              "Check the entries_dir option in mkdocs.yml."),
        _code("CON003", E,
              "Mốc thời gian '{kind}': thời điểm kết thúc ({end}) trước thời điểm bắt đầu ({start})",
              "Milestone '{kind}': the end ({end}) is before the start ({start})",
              "Kiểm tra lại ngày tháng (định dạng NĂM-THÁNG-NGÀY, ví dụ 2024-09-30 17:00).",
              "Check the dates (YEAR-MONTH-DAY, e.g. 2024-09-30 17:00)."),
        _code("CON004", E,
              "Mã đơn vị '{unit}' bị trùng",
              "Unit id '{unit}' is used twice",
              "Mỗi đơn vị trong danh sách units phải có mã (id) riêng.",
              "Every unit in the units list needs its own id."),
        _code("CON005", E,
              "Đơn vị '{unit}' thuộc nhóm '{category}' không có trong unit_categories",
              "Unit '{unit}' has category '{category}', which is not in unit_categories",
              "Thêm nhóm này vào unit_categories hoặc sửa lại tên nhóm.",
              "Add the category to unit_categories or fix its name."),
        # --- entries ----------------------------------------------------------
        _code("ENT001", E,
              "Thư mục '{folder}' không có tệp entry.yml",
              "Folder '{folder}' has no entry.yml",
              "Mỗi tác phẩm dự thi là một thư mục chứa entry.yml và các tệp của tác phẩm.",
              "Each entry is a folder holding entry.yml and the entry's files."),
        _code("ENT002", E,
              "Mã tác phẩm '{entry_id}' bị trùng với thư mục '{other}'",
              "Entry id '{entry_id}' is also used by folder '{other}'",
              "Đặt mã (id) khác cho một trong hai tác phẩm.",
              "Give one of the two entries another id."),
        _code("ENT003", E,
              "Mã tác phẩm '{entry_id}' khác tên thư mục '{folder}'",
              "Entry id '{entry_id}' differs from its folder name '{folder}'",
              "Xóa dòng id (mã sẽ lấy theo tên thư mục) hoặc đổi tên thư mục cho khớp.",
              "Remove the id line (the folder name is used) or rename the folder to match."),
        _code("ENT004", E,
              "Đơn vị '{unit}' không có trong danh sách đơn vị của cuộc thi{suggestion}",
              "Unit '{unit}' is not in the contest's list of units{suggestion}",
              "Dùng mã (id) của một đơn vị trong mục units của contest.yml.",
              "Use the id of a unit listed under units in contest.yml."),
        _code("ENT005", E,
              "Loại tác phẩm '{kind}' không được cuộc thi chấp nhận (chấp nhận: {allowed})",
              "Entry kind '{kind}' is not accepted by this contest (accepted: {allowed})",
              "Sửa trường kind hoặc bổ sung loại này vào entry_kinds của contest.yml.",
              "Fix the kind field or add this kind to entry_kinds in contest.yml."),
        _code("ENT006", E,
              "Tác phẩm dạng video nhưng chưa khai báo tệp video",
              "A video entry with no video file",
              "Thêm dòng 'video: ten-tep.mp4' (tệp đặt trong thư mục tác phẩm) hoặc đường dẫn YouTube/Facebook ở mục links.",
              "Add 'video: file-name.mp4' (the file inside the entry folder) or a YouTube/Facebook link under links."),
        # --- files ------------------------------------------------------------
        _code("FIL001", E,
              "Không tìm thấy tệp '{path}'",
              "File '{path}' not found",
              "Kiểm tra tên tệp (phân biệt chữ hoa, chữ thường) và đặt tệp trong thư mục của tác phẩm.",
              "Check the file name (case matters) and put the file in the entry's folder."),
        _code("FIL002", E,
              "Đường dẫn '{path}' nằm ngoài thư mục tác phẩm",
              "Path '{path}' points outside the entry folder",
              "Chép tệp vào thư mục của tác phẩm và chỉ ghi tên tệp (không dùng '..', đường dẫn tuyệt đối hay liên kết).",
              "Copy the file into the entry folder and give just its name (no '..', absolute paths or links)."),
        _code("FIL003", E,
              "Tệp '{path}' là tệp riêng tư, không thể đăng lên cổng",
              "File '{path}' is private and cannot be published",
              "Chỉ tham chiếu tới tệp video, ảnh, phụ đề hoặc bài viết.",
              "Refer only to video, image, subtitle or article files."),
        # --- media ------------------------------------------------------------
        _code("VID001", W,
              "Không đọc được thông tin video '{path}': {detail}",
              "Cannot read the video '{path}': {detail}",
              "Mở thử tệp bằng trình phát video; nếu hỏng, đề nghị tác giả gửi lại.",
              "Try the file in a video player; if it is damaged, ask the author to send it again."),
        # --- site -------------------------------------------------------------
        _code("SIT001", E,
              "Trang '{path}' do công cụ tạo ra trùng với một tệp trong site_src/",
              "Generated page '{path}' collides with a file in site_src/",
              "Đổi tên hoặc xóa tệp trùng trong site_src/.",
              "Rename or remove the colliding file in site_src/."),
    ]
}


@dataclass(frozen=True)
class Location:
    """Where a problem is: file (and line/column when known), contest and entry."""

    file: Path | None = None
    line: int | None = None
    column: int | None = None
    contest: str | None = None
    entry: str | None = None
    field: str | None = None

    def describe(self, root: Path | None = None) -> str:
        if self.file is None:
            text = self.contest or ""
        else:
            path = self.file
            if root is not None:
                try:
                    path = self.file.resolve().relative_to(root.resolve())
                except ValueError:
                    pass
            text = str(path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Problem:
    """One finding: a code from ``CODES``, where it is, and its message values."""

    code: str
    where: Location = field(default_factory=Location)
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def info(self) -> CodeInfo:
        return CODES[self.code]

    @property
    def severity(self) -> Severity:
        return self.info.severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str = "vi") -> str:
        return _fill(self.info.message, lang, self.values)

    def hint(self, lang: str = "vi") -> str:
        return _fill(self.info.hint, lang, self.values)

    def format(self, lang: str = "vi", root: Path | None = None) -> str:
        """One human-readable block: where, code, message and how to fix it."""
        label = {"vi": {"error": "lỗi", "warning": "cảnh báo"},
                 "en": {"error": "error", "warning": "warning"}}[_lang(lang)][self.severity.value]
        fix = {"vi": "Cách sửa", "en": "How to fix"}[_lang(lang)]
        where = self.where.describe(root)
        head = f"{where}: " if where else ""
        return f"{head}{label} {self.code}: {self.message(lang)}\n    {fix}: {self.hint(lang)}"


def _lang(lang: str) -> str:
    return lang if lang in ("vi", "en") else "vi"


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _fill(texts: dict[str, str], lang: str, values: dict[str, Any]) -> str:
    return texts[_lang(lang)].format_map(_Defaults(values))


class ProblemList(list):
    """A list of problems with helpers to ask about errors."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if not p.is_error]

    def report(self, lang: str = "vi", root: Path | None = None) -> str:
        return "\n".join(p.format(lang, root) for p in self)


class ContestDataError(Exception):
    """Raised when contest data has errors that block a build."""

    def __init__(self, problems: list[Problem], lang: str = "vi", root: Path | None = None):
        self.problems = ProblemList(problems)
        super().__init__(self.problems.report(lang, root))
