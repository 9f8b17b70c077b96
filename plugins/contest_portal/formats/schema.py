"""The formats of contest.yml, entry.yml and private.yml as pydantic models.

Field names are the YAML keys.  Descriptions are Vietnamese because they are
shown by editors (through the exported JSON Schema) to the office staff who
write these files.  Models forbid unknown keys and are strict: a number is
not silently turned into text, so an unquoted phone number or ``no`` read as
``false`` is reported instead of stored mangled.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema

from contest_portal.core import values

# --- value types -------------------------------------------------------------

_MOMENT_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2})?)?)?|-[Qq][1-4])?$"},
        {"type": "integer"},
    ],
    "description": "Ngày giờ (giờ Việt Nam): 2024-09-30, '2024-09-30 17:00', tháng 2024-09, quý 2024-Q4 hoặc năm 2024",
}

Moment = Annotated[values.Moment, PlainValidator(values.parse_moment), WithJsonSchema(_MOMENT_SCHEMA)]
Duration = Annotated[float, PlainValidator(values.parse_duration), WithJsonSchema(
    {"anyOf": [{"type": "number"}, {"type": "string"}],
     "description": "Thời lượng: số giây, hoặc '5 phút', '90 giây', '00:05:00'"})]
Size = Annotated[int, PlainValidator(values.parse_size), WithJsonSchema(
    {"anyOf": [{"type": "integer"}, {"type": "string"}], "description": "Dung lượng, ví dụ '500 MB'"})]
Resolution = Annotated[values.Resolution, PlainValidator(values.parse_resolution), WithJsonSchema(
    {"type": "string", "pattern": r"^\d{2,5}x\d{2,5}$", "description": "Độ phân giải, ví dụ 1920x1080"})]
AspectRatio = Annotated[tuple[int, int], PlainValidator(values.parse_aspect_ratio), WithJsonSchema(
    {"type": "string", "pattern": r"^\d{1,3}:\d{1,3}$", "description": "Tỉ lệ khung hình, ví dụ '16:9'"})]
Vnd = Annotated[int, PlainValidator(values.parse_vnd), WithJsonSchema(
    {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}], "description": "Số tiền (đồng)"})]
Slug = Annotated[str, PlainValidator(values.parse_slug), WithJsonSchema(
    {"type": "string", "pattern": values.SLUG_RE.pattern, "description": "Mã: chữ thường không dấu, số, gạch ngang"})]

HttpUrl = Annotated[str, PlainValidator(values.parse_http_url), WithJsonSchema(
    {"type": "string", "pattern": "^https?://", "description": "Đường dẫn http:// hoặc https://"})]
Email = Annotated[str, PlainValidator(values.parse_email), WithJsonSchema(
    {"type": "string", "format": "email", "description": "Địa chỉ thư điện tử"})]

Text = Annotated[str, Field(min_length=1)]
Markdown = Annotated[str, Field(description="Văn bản, có thể dùng định dạng Markdown")]

EntryKind = Literal["video", "article", "video_with_text"]
Role = Literal["organizing_committee", "jury", "secretariat", "standing_office"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- contest.yml ---------------------------------------------------------------

class DocumentRef(Model):
    """A referenced legal or planning document (căn cứ)."""

    kind: Optional[str] = Field(None, description="Loại văn bản: Kế hoạch, Quyết định, Thể lệ…")
    number: Optional[str] = Field(None, description="Số, ký hiệu, ví dụ 11/KH-UBND")
    date: Optional[Moment] = Field(None, description="Ngày ban hành")
    issuer: Optional[str] = Field(None, description="Cơ quan ban hành")
    title: Optional[str] = Field(None, description="Trích yếu nội dung")
    url: Optional[HttpUrl] = Field(None, description="Đường dẫn tới văn bản (nếu có)")


class Signatory(Model):
    name: Text = Field(description="Họ và tên người ký")
    title: Text = Field(description="Chức vụ, ví dụ Giám đốc, Chủ tịch")
    on_behalf: Optional[str] = Field(None, description="Thẩm quyền ký, ví dụ 'TM. Ủy ban nhân dân'")


class Document(DocumentRef):
    """The plan or rules document that announces the contest."""

    place: Optional[str] = Field(None, description="Địa danh ghi trên văn bản")
    signatory: Optional[Signatory] = None
    recipients: list[str] = Field(default_factory=list, description="Nơi nhận")


class Organizer(Model):
    name: Text = Field(description="Cơ quan tổ chức (ban hành kế hoạch)")
    parent: Optional[str] = Field(None, description="Cơ quan cấp trên / địa phương, ví dụ Tỉnh Quảng Trị")
    website: Optional[HttpUrl] = None
    email: Optional[Email] = Field(None, description="E-mail công vụ của cơ quan (được công khai)")


class Eligibility(Model):
    scope: Optional[Markdown] = Field(None, description="Phạm vi cuộc thi")
    eligible: list[Markdown] = Field(default_factory=list, description="Đối tượng được dự thi")
    excluded_roles: list[Role] = Field(
        default_factory=lambda: ["organizing_committee", "jury", "secretariat"],
        description="Những vai trò không được dự thi")
    note: Optional[Markdown] = Field(None, description="Lưu ý về đối tượng dự thi")


class Content(Model):
    theme: Optional[Markdown] = Field(None, description="Chủ đề")
    description: list[Markdown] = Field(default_factory=list, description="Nội dung")
    suggested_topics: list[Markdown] = Field(default_factory=list, description="Gợi ý nội dung")


class VideoRules(Model):
    containers: list[str] = Field(default_factory=lambda: ["mp4"], min_length=1, description="Định dạng tệp cho phép")
    codecs: list[str] = Field(default_factory=lambda: ["h264"], min_length=1, description="Chuẩn nén video cho phép")
    min_duration: Optional[Duration] = Field(None, description="Thời lượng tối thiểu")
    max_duration: Optional[Duration] = Field(None, description="Thời lượng tối đa")
    resolutions: list[Resolution] = Field(default_factory=list, description="Các độ phân giải cho phép")
    aspect_ratio: Optional[AspectRatio] = Field(None, description="Tỉ lệ khung hình, ví dụ '16:9'")
    max_size: Optional[Size] = Field(None, description="Dung lượng tối đa của một tệp")
    explanatory_text: Literal["none", "optional", "required"] = Field(
        "none", description="Bản thuyết minh kèm video: none, optional, required")
    notes: list[Markdown] = Field(default_factory=list, description="Yêu cầu khác về nội dung, hình ảnh, âm thanh")


class UnitCategory(Model):
    id: Slug
    name: Text = Field(description="Tên nhóm đơn vị, ví dụ UBND các xã, thị trấn")
    min_entries: Optional[int] = Field(None, ge=0, description="Số tác phẩm tối thiểu mỗi đơn vị")
    max_entries: Optional[int] = Field(None, ge=1, description="Số tác phẩm tối đa mỗi đơn vị")


class Unit(Model):
    id: Slug
    name: Text
    category: Slug = Field(description="Mã nhóm đơn vị (trong unit_categories)")


class Quotas(Model):
    per_author_max: Optional[int] = Field(None, ge=1, description="Số tác phẩm tối đa mỗi cá nhân, nhóm")
    note: Optional[Markdown] = None


MilestoneKind = Literal["preparation", "launch", "production", "submission", "review",
                        "voting", "judging", "results", "ceremony", "other"]


class Milestone(Model):
    kind: MilestoneKind = Field(description="Loại mốc: launch, submission, voting, judging, results, ceremony…")
    label: Optional[str] = Field(None, description="Tên mốc (bỏ trống để dùng tên mặc định)")
    date: Optional[Moment] = Field(None, description="Thời điểm (một ngày, tháng hoặc quý)")
    start: Optional[Moment] = Field(None, description="Bắt đầu")
    end: Optional[Moment] = Field(None, description="Kết thúc (hết ngày, hoặc giờ cụ thể)")
    approximate: bool = Field(False, description="true nếu văn bản ghi 'dự kiến'")
    note: Optional[Markdown] = Field(None, description="Ghi chú, ví dụ nội dung công việc")
    source_text: Optional[str] = Field(None, description="Nguyên văn trong văn bản khi cần giải thích")


Basis = Literal["jury", "public_vote", "quiz", "special"]


class PrizeTier(Model):
    id: Slug
    name: Text = Field(description="Tên giải, ví dụ Giải Nhất")
    count: int = Field(ge=1, description="Số lượng giải")
    amount: Optional[Vnd] = Field(None, description="Tiền thưởng mỗi giải (đồng); bỏ trống nếu chưa quy định")
    basis: Basis = Field("jury", description="Căn cứ: jury (Ban Giám khảo), public_vote (bình chọn), quiz, special")
    recipient: Literal["individual", "collective", "any"] = Field(
        "any", description="Đối tượng nhận: individual (cá nhân), collective (tập thể), any")
    award_form: Optional[str] = Field(None, description="Hình thức khen thưởng")
    min_score: Optional[float] = Field(None, ge=0, description="Điểm tối thiểu để được xét giải (giải theo điểm)")
    note: Optional[Markdown] = None


class Prizes(Model):
    status: Literal["set", "pending"] = Field(
        "set", description="pending khi văn bản ghi giải thưởng sẽ quy định sau")
    note: Optional[Markdown] = None
    award_form: Optional[Markdown] = Field(None, description="Hình thức khen thưởng chung")
    tiers: list[PrizeTier] = Field(default_factory=list)
    one_prize_per_entry: bool = Field(True, description="Mỗi tác phẩm chỉ nhận một giải")


class Person(Model):
    id: Optional[Slug] = Field(None, description="Mã thành viên (dùng cho phiếu chấm); mặc định theo họ tên")
    name: Text
    role: Role
    position: Optional[str] = Field(None, description="Chức vụ trong Ban, ví dụ Trưởng ban")
    unit: Optional[str] = None


class Responsibility(Model):
    unit: Text = Field(description="Cơ quan, đơn vị")
    duties: list[Markdown] = Field(default_factory=list)


class Organization(Model):
    people: list[Person] = Field(default_factory=list, description="Ban Tổ chức, Ban Giám khảo, Tổ Thư ký")
    responsibilities: list[Responsibility] = Field(default_factory=list, description="Tổ chức thực hiện")


class Submission(Model):
    methods: list[Markdown] = Field(default_factory=list, description="Cách thức gửi tác phẩm")
    address: Optional[str] = Field(None, description="Nơi nhận tác phẩm")
    email: Optional[Email] = Field(None, description="E-mail công vụ nhận tác phẩm")
    required_info: list[str] = Field(default_factory=list, description="Thông tin kèm theo tác phẩm")
    late_policy: Literal["reject", "warn"] = Field("reject", description="Tác phẩm gửi muộn: reject hoặc warn")


class Criterion(Model):
    id: Slug
    name: Text = Field(description="Tên tiêu chí, ví dụ Nội dung")
    max_points: float = Field(gt=0, description="Điểm tối đa của tiêu chí")
    weight: float = Field(1.0, gt=0, description="Hệ số")


class Judging(Model):
    criteria: list[Criterion] = Field(default_factory=list, description="Tiêu chí chấm điểm")
    drop_extremes: bool = Field(False, description="Bỏ điểm cao nhất và thấp nhất khi có từ 5 giám khảo")
    anonymous_sheets: bool = Field(True, description="Phiếu chấm không ghi tác giả, đơn vị")
    tie_breaks: list[str] = Field(default_factory=list,
                                  description="Thứ tự phân định khi bằng điểm: 'criterion:<mã tiêu chí>', 'votes'")
    publish_ranking: bool = Field(False, description="Công bố bảng xếp hạng đầy đủ")


class Decision(Model):
    number: Optional[str] = Field(None, description="Số quyết định công nhận kết quả")
    date: Optional[Moment] = None
    issuer: Optional[str] = None
    winners: dict[str, list[str]] = Field(default_factory=dict,
                                          description="Mã giải → danh sách mã tác phẩm (hoặc người thi trắc nghiệm)")


class Results(Model):
    published: bool = Field(False, description="true khi đã công bố kết quả")
    decision: Optional[Decision] = Field(None, description="Quyết định chính thức của Ban Tổ chức")


class Contest(Model):
    """contest.yml: one contest edition."""

    year: int = Field(ge=2000, le=2999)
    title: Text = Field(description="Tên cuộc thi")
    short_title: Optional[str] = Field(None, description="Tên ngắn dùng trên thẻ, menu")
    kind_label: Optional[str] = Field(None, description="Hình thức, ví dụ 'Cuộc thi trực tuyến'")
    organizer: Organizer
    document: Optional[Document] = Field(None, description="Văn bản phát động (kế hoạch)")
    rules_document: Optional[Document] = Field(None, description="Thể lệ (nếu ban hành riêng)")
    legal_basis: list[DocumentRef] = Field(default_factory=list, description="Căn cứ")
    purpose: list[Markdown] = Field(default_factory=list, description="Mục đích")
    requirements: list[Markdown] = Field(default_factory=list, description="Yêu cầu")
    eligibility: Eligibility = Field(default_factory=Eligibility)
    content: Content = Field(default_factory=Content)
    entry_kinds: list[EntryKind] = Field(default_factory=lambda: ["video"], min_length=1)
    format: list[Markdown] = Field(default_factory=list, description="Hình thức thi")
    video_rules: Optional[VideoRules] = None
    quotas: Quotas = Field(default_factory=Quotas)
    unit_categories: list[UnitCategory] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    timeline: list[Milestone] = Field(default_factory=list)
    prizes: Prizes = Field(default_factory=Prizes)
    funding: Optional[Markdown] = Field(None, description="Kinh phí")
    organization: Organization = Field(default_factory=Organization)
    submission: Submission = Field(default_factory=Submission)
    contact: Optional[Markdown] = Field(None, description="Liên hệ")
    judging: Judging = Field(default_factory=Judging)
    results: Results = Field(default_factory=Results)


# --- entry.yml -------------------------------------------------------------------

class Author(Model):
    name: Text = Field(description="Họ và tên (được công khai)")
    position: Optional[str] = Field(None, description="Chức vụ (được công khai)")


class Subtitle(Model):
    file: Text
    lang: str = "vi"
    label: Optional[str] = None


class Links(Model):
    fanpage: Optional[HttpUrl] = Field(None, description="Bài đăng trên fanpage để bình chọn")
    youtube: Optional[HttpUrl] = None
    facebook: Optional[HttpUrl] = None
    website: Optional[HttpUrl] = None


class Consent(Model):
    """Agreement to publication (Decree 13/2023/NĐ-CP; Law on Personal Data Protection, 2026)."""

    publication: bool = Field(description="Tác giả (và người xuất hiện trong video) đồng ý công bố tác phẩm, "
                                          "họ tên và hình ảnh trên cổng")
    minor: bool = Field(False, description="true nếu tác giả hoặc người xuất hiện là người chưa thành niên")
    guardian: bool = Field(False, description="Cha, mẹ hoặc người giám hộ đã đồng ý (bắt buộc khi minor: true)")
    date: Optional[Moment] = Field(None, description="Ngày xác nhận đồng ý")
    note: Optional[str] = Field(None, description="Ghi chú, ví dụ số văn bản xác nhận")


class Entry(Model):
    """entry.yml: one submitted work."""

    id: Optional[Slug] = Field(None, description="Mã tác phẩm; mặc định là tên thư mục")
    title: Text = Field(description="Tên tác phẩm")
    kind: EntryKind = "video"
    authors: list[Author] = Field(min_length=1, description="Tác giả (cá nhân hoặc các thành viên nhóm)")
    group: Optional[str] = Field(None, description="Tên nhóm tác giả / tập thể (nếu có)")
    entrant: Literal["individual", "group", "collective"] = Field(
        "individual", description="individual (cá nhân), group (nhóm), collective (tập thể đơn vị)")
    unit: Slug = Field(description="Mã đơn vị (trong units của contest.yml)")
    category: Optional[Slug] = Field(None, description="Nhóm; mặc định theo đơn vị")
    description: Optional[Markdown] = Field(None, description="Giới thiệu tác phẩm")
    video: Optional[str] = Field(None, description="Tên tệp video trong thư mục tác phẩm")
    poster: Optional[str] = Field(None, description="Ảnh đại diện (nếu không có, lấy một khung hình)")
    subtitles: list[Subtitle] = Field(default_factory=list, description="Phụ đề WebVTT")
    explanatory_text: Optional[str] = Field(None, description="Tệp thuyết minh")
    article: Optional[str] = Field(None, description="Tệp bài viết (Markdown)")
    links: Links = Field(default_factory=Links)
    received: Optional[Moment] = Field(None, description="Thời điểm Ban Tổ chức nhận tác phẩm")
    consent: Optional[Consent] = Field(None, description="Xác nhận đồng ý công bố; thiếu thì tác phẩm không được đăng")


# --- private.yml ------------------------------------------------------------------

class PrivateContact(Model):
    name: Optional[str] = None
    phone: Optional[str] = Field(None, description="Số điện thoại (đặt trong ngoặc kép)")
    email: Optional[str] = None
    address: Optional[str] = None
    id_number: Optional[str] = Field(None, description="Số CCCD/định danh (đặt trong ngoặc kép)")
    birth_date: Optional[Moment] = None


class Private(Model):
    """private.yml: personal data the rules require; never rendered into the site."""

    contacts: list[PrivateContact] = Field(default_factory=list)
    notes: Optional[str] = None


#: Keys that hold personal data; found in entry.yml they point the user to private.yml.
PERSONAL_KEYS = frozenset({
    "phone", "telephone", "mobile", "email", "e_mail", "address", "id_number", "cccd", "cmnd",
    "birth_date", "dien_thoai", "so_dien_thoai", "dia_chi", "contacts", "contact", "private",
})

SCHEMAS = {"contest": Contest, "entry": Entry, "private": Private}


def json_schema(name: str) -> dict:
    """The JSON Schema of one file format, for editors' autocompletion."""
    schema = SCHEMAS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"{name}.yml"
    return schema
