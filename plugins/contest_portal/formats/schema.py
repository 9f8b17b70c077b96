"""The formats of contest.yml, entry.yml and private.yml as pydantic models.

Field names are the YAML keys.  Descriptions are catalogue keys
(``field.<model>.<field>``, ``field.type.<type>`` in ``locales/<lang>/schema.yml``):
``json_schema`` writes them in Vietnamese by default, because editors show them
(through the exported JSON Schema) to the office staff who write these files.  Models forbid unknown keys and are strict: a number is
not silently turned into text, so an unquoted phone number or ``no`` read as
``false`` is reported instead of stored mangled.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema

from contest_portal.core import values
from contest_portal.core.i18n import Translator

# --- value types -------------------------------------------------------------

_MOMENT_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2})?)?)?|-[Qq][1-4])?$"},
        {"type": "integer"},
    ],
    "description": "field.type.moment",
}

Moment = Annotated[values.Moment, PlainValidator(values.parse_moment), WithJsonSchema(_MOMENT_SCHEMA)]
Duration = Annotated[
    float,
    PlainValidator(values.parse_duration),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}], "description": "field.type.duration"}),
]
Size = Annotated[
    int,
    PlainValidator(values.parse_size),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string"}], "description": "field.type.size"}),
]
Resolution = Annotated[
    values.Resolution,
    PlainValidator(values.parse_resolution),
    WithJsonSchema({"type": "string", "pattern": r"^\d{2,5}x\d{2,5}$", "description": "field.type.resolution"}),
]
AspectRatio = Annotated[
    tuple[int, int],
    PlainValidator(values.parse_aspect_ratio),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,3}:\d{1,3}$", "description": "field.type.aspect_ratio"}),
]
Vnd = Annotated[
    int,
    PlainValidator(values.parse_vnd),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}], "description": "field.type.vnd"}),
]
Slug = Annotated[
    str,
    PlainValidator(values.parse_slug),
    WithJsonSchema({"type": "string", "pattern": values.SLUG_RE.pattern, "description": "field.type.slug"}),
]

HttpUrl = Annotated[
    str,
    PlainValidator(values.parse_http_url),
    WithJsonSchema({"type": "string", "pattern": "^https?://", "description": "field.type.http_url"}),
]
Email = Annotated[
    str,
    PlainValidator(values.parse_email),
    WithJsonSchema({"type": "string", "format": "email", "description": "field.type.email"}),
]

#: Length limits of text fields (characters): a name or title (``Text``), any other line of text
#: (``Line``: positions, labels, file names, document titles) and a Markdown text (``Markdown``: a
#: description, an item of the plan). Together with the size limit of a YAML file they keep every
#: page, card and search-index entry made from one value bounded. They are bounds against abuse,
#: far above what real documents use: a district's 2024 contest title that lists the procedures
#: its videos explain is 334 characters, and it must be published exactly as signed (issue 29).
MAX_TITLE = 2_000
MAX_LINE = 3_000
MAX_MARKDOWN = 5_000

Text = Annotated[str, Field(min_length=1, max_length=MAX_TITLE)]
Line = Annotated[str, Field(max_length=MAX_LINE)]
Markdown = Annotated[str, Field(max_length=MAX_MARKDOWN, description="field.type.markdown")]

EntryKind = Literal["video", "article", "video_with_text"]
Role = Literal["organizing_committee", "jury", "secretariat", "standing_office"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- contest.yml ---------------------------------------------------------------


class DocumentRef(Model):
    """A referenced legal or planning document (căn cứ)."""

    kind: Line | None = Field(None, description="field.document_ref.kind")
    number: Line | None = Field(None, description="field.document_ref.number")
    date: Moment | None = Field(None, description="field.document_ref.date")
    issuer: Line | None = Field(None, description="field.document_ref.issuer")
    title: Line | None = Field(None, description="field.document_ref.title")
    url: HttpUrl | None = Field(None, description="field.document_ref.url")
    file: Line | None = Field(None, description="field.document_ref.file")


class Signatory(Model):
    name: Text | None = Field(None, description="field.signatory.name")
    title: Text = Field(description="field.signatory.title")
    on_behalf: Line | None = Field(None, description="field.signatory.on_behalf")


class Document(DocumentRef):
    """The plan or rules document that announces the contest."""

    place: Line | None = Field(None, description="field.document.place")
    signatory: Signatory | None = None
    recipients: list[Line] = Field(default_factory=list, description="field.document.recipients")


class Organizer(Model):
    name: Text = Field(description="field.organizer.name")
    parent: Line | None = Field(None, description="field.organizer.parent")
    website: HttpUrl | None = None
    email: Email | None = Field(None, description="field.organizer.email")


class Eligibility(Model):
    scope: Markdown | None = Field(None, description="field.eligibility.scope")
    eligible: list[Markdown] = Field(default_factory=list, description="field.eligibility.eligible")
    excluded_roles: list[Role] = Field(
        default_factory=lambda: list[Role](["organizing_committee", "jury", "secretariat"]),
        description="field.eligibility.excluded_roles",
    )
    note: Markdown | None = Field(None, description="field.eligibility.note")


class Content(Model):
    theme: Markdown | None = Field(None, description="field.content.theme")
    description: list[Markdown] = Field(default_factory=list, description="field.content.description")
    suggested_topics: list[Markdown] = Field(default_factory=list, description="field.content.suggested_topics")


class VideoRules(Model):
    # None: the plan states no rule, every container and codec is accepted (issue 29; the site
    # plays a web rendition, or warns what does not play: media/rules.py)
    containers: list[Line] | None = Field(None, min_length=1, description="field.video_rules.containers")
    codecs: list[Line] | None = Field(None, min_length=1, description="field.video_rules.codecs")
    min_duration: Duration | None = Field(None, description="field.video_rules.min_duration")
    max_duration: Duration | None = Field(None, description="field.video_rules.max_duration")
    resolutions: list[Resolution] = Field(default_factory=list, description="field.video_rules.resolutions")
    aspect_ratio: AspectRatio | None = Field(None, description="field.video_rules.aspect_ratio")
    max_size: Size | None = Field(None, description="field.video_rules.max_size")
    explanatory_text: Literal["none", "optional", "required"] = Field(
        "none", description="field.video_rules.explanatory_text"
    )
    notes: list[Markdown] = Field(default_factory=list, description="field.video_rules.notes")
    playable_everywhere: bool = Field(False, description="field.video_rules.playable_everywhere")


class UnitCategory(Model):
    id: Slug
    name: Text = Field(description="field.unit_category.name")
    min_entries: int | None = Field(None, ge=0, description="field.unit_category.min_entries")
    max_entries: int | None = Field(None, ge=1, description="field.unit_category.max_entries")


class Unit(Model):
    id: Slug
    name: Text
    category: Slug = Field(description="field.unit.category")


class Quotas(Model):
    per_author_max: int | None = Field(None, ge=1, description="field.quotas.per_author_max")
    note: Markdown | None = None


MilestoneKind = Literal[
    "preparation", "launch", "production", "submission", "review", "voting", "judging", "results", "ceremony", "other"
]


class Milestone(Model):
    kind: MilestoneKind = Field(description="field.milestone.kind")
    label: Line | None = Field(None, description="field.milestone.label")
    date: Moment | None = Field(None, description="field.milestone.date")
    start: Moment | None = Field(None, description="field.milestone.start")
    end: Moment | None = Field(None, description="field.milestone.end")
    end_excluded: bool = Field(False, description="field.milestone.end_excluded")
    approximate: bool = Field(False, description="field.milestone.approximate")
    note: Markdown | None = Field(None, description="field.milestone.note")
    source_text: Line | None = Field(None, description="field.milestone.source_text")


Basis = Literal["jury", "public_vote", "quiz", "special"]


class Part(Model):
    """A part of a contest with its own window and its own prizes (an online quiz part and a
    video part of one contest): a quiz part has participants, an entries part has entries."""

    id: Slug
    name: Text = Field(description="field.part.name")
    kind: Literal["quiz", "entries"] = Field("entries", description="field.part.kind")
    start: Moment | None = Field(None, description="field.part.start")
    end: Moment | None = Field(None, description="field.part.end")
    end_excluded: bool = Field(False, description="field.milestone.end_excluded")
    note: Markdown | None = None


class PrizeTier(Model):
    id: Slug
    name: Text = Field(description="field.prize_tier.name")
    count: int = Field(ge=1, description="field.prize_tier.count")
    amount: Vnd | None = Field(None, description="field.prize_tier.amount")
    basis: Basis = Field("jury", description="field.prize_tier.basis")
    recipient: Literal["individual", "collective", "any"] = Field("any", description="field.prize_tier.recipient")
    award_form: Line | None = Field(None, description="field.prize_tier.award_form")
    per_unit_max: int | None = Field(None, ge=1, description="field.prize_tier.per_unit_max")
    part: Slug | None = Field(None, description="field.prize_tier.part")
    min_score: float | None = Field(None, ge=0, description="field.prize_tier.min_score")
    note: Markdown | None = None


class Prizes(Model):
    status: Literal["set", "pending"] = Field("set", description="field.prizes.status")
    note: Markdown | None = None
    award_form: Markdown | None = Field(None, description="field.prizes.award_form")
    tiers: list[PrizeTier] = Field(default_factory=list)
    one_prize_per_entry: bool = Field(True, description="field.prizes.one_prize_per_entry")


class Person(Model):
    id: Slug | None = Field(None, description="field.person.id")
    name: Text
    role: Role | list[Role] = Field(description="field.person.role")
    position: Line | None = Field(None, description="field.person.position")
    unit: Line | None = None

    @property
    def roles(self) -> list[Role]:
        """Every role of the person: a committee member who is also a juror is written once."""
        return list(self.role) if isinstance(self.role, list) else [self.role]


class Responsibility(Model):
    unit: Text = Field(description="field.responsibility.unit")
    duties: list[Markdown] = Field(default_factory=list)


class Organization(Model):
    people: list[Person] = Field(default_factory=list, description="field.organization.people")
    responsibilities: list[Responsibility] = Field(
        default_factory=list, description="field.organization.responsibilities"
    )


class Submission(Model):
    methods: list[Markdown] = Field(default_factory=list, description="field.submission.methods")
    address: Line | None = Field(None, description="field.submission.address")
    email: Email | None = Field(None, description="field.submission.email")
    required_info: list[Line] = Field(default_factory=list, description="field.submission.required_info")
    late_policy: Literal["reject", "warn"] = Field("reject", description="field.submission.late_policy")


class Criterion(Model):
    id: Slug
    name: Text = Field(description="field.criterion.name")
    max_points: float = Field(gt=0, description="field.criterion.max_points")
    weight: float = Field(1.0, gt=0, description="field.criterion.weight")


class Judging(Model):
    criteria: list[Criterion] = Field(default_factory=list, description="field.judging.criteria")
    drop_extremes: bool = Field(False, description="field.judging.drop_extremes")
    anonymous_sheets: bool = Field(True, description="field.judging.anonymous_sheets")
    tie_breaks: list[Line] = Field(default_factory=list, description="field.judging.tie_breaks")
    publish_ranking: bool = Field(False, description="field.judging.publish_ranking")
    publish_criteria: bool = Field(False, description="field.judging.publish_criteria")


class Decision(Model):
    number: Line | None = Field(None, description="field.decision.number")
    date: Moment | None = None
    issuer: Line | None = None
    file: Line | None = Field(None, description="field.decision.file")
    winners: dict[str, list[str]] = Field(default_factory=dict, description="field.decision.winners")


class Results(Model):
    published: bool = Field(False, description="field.results.published")
    decision: Decision | None = Field(None, description="field.results.decision")


class Contest(Model):
    """contest.yml: one contest edition."""

    year: int = Field(ge=2000, le=2999)
    sample: bool = Field(False, description="field.contest.sample")
    title: Text = Field(description="field.contest.title")
    short_title: Line | None = Field(None, description="field.contest.short_title")
    kind_label: Line | None = Field(None, description="field.contest.kind_label")
    cover: Line | None = Field(None, description="field.contest.cover")
    organizer: Organizer
    document: Document | None = Field(None, description="field.contest.document")
    rules_document: Document | None = Field(None, description="field.contest.rules_document")
    legal_basis: list[DocumentRef] = Field(default_factory=list, description="field.contest.legal_basis")
    purpose: list[Markdown] = Field(default_factory=list, description="field.contest.purpose")
    requirements: list[Markdown] = Field(default_factory=list, description="field.contest.requirements")
    eligibility: Eligibility = Field(default_factory=Eligibility)
    content: Content = Field(default_factory=Content)
    entry_kinds: list[EntryKind] = Field(default_factory=lambda: list[EntryKind](["video"]), min_length=1)
    format: list[Markdown] = Field(default_factory=list, description="field.contest.format")
    video_rules: VideoRules | None = None
    quotas: Quotas = Field(default_factory=Quotas)
    unit_categories: list[UnitCategory] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    timeline: list[Milestone] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list, description="field.contest.parts")
    prizes: Prizes = Field(default_factory=Prizes)
    funding: Markdown | None = Field(None, description="field.contest.funding")
    organization: Organization = Field(default_factory=Organization)
    submission: Submission = Field(default_factory=Submission)
    contact: Markdown | None = Field(None, description="field.contest.contact")
    public_contacts: list[str] = Field(default_factory=list, description="field.contest.public_contacts")
    judging: Judging = Field(default_factory=Judging)
    results: Results = Field(default_factory=Results)


# --- entry.yml -------------------------------------------------------------------


class Author(Model):
    name: Text = Field(description="field.author.name")
    position: Line | None = Field(None, description="field.author.position")


class Subtitle(Model):
    file: Text
    lang: Line = "vi"
    label: Line | None = None


class Links(Model):
    fanpage: HttpUrl | None = Field(None, description="field.links.fanpage")
    youtube: HttpUrl | None = None
    facebook: HttpUrl | None = None
    website: HttpUrl | None = None


class Consent(Model):
    """Agreement to publication (Decree 13/2023/NĐ-CP; Law on Personal Data Protection, 2026)."""

    publication: bool = Field(description="field.consent.publication")
    minor: bool = Field(False, description="field.consent.minor")
    guardian: bool = Field(False, description="field.consent.guardian")
    date: Moment | None = Field(None, description="field.consent.date")
    note: Line | None = Field(None, description="field.consent.note")


class Entry(Model):
    """entry.yml: one submitted work."""

    id: Slug | None = Field(None, description="field.entry.id")
    title: Text = Field(description="field.entry.title")
    kind: EntryKind = "video"
    authors: list[Author] = Field(min_length=1, description="field.entry.authors")
    group: Line | None = Field(None, description="field.entry.group")
    entrant: Literal["individual", "group", "collective"] = Field("individual", description="field.entry.entrant")
    unit: Slug = Field(description="field.entry.unit")
    category: Slug | None = Field(None, description="field.entry.category")
    description: Markdown | None = Field(None, description="field.entry.description")
    video: Line | None = Field(None, description="field.entry.video")
    poster: Line | None = Field(None, description="field.entry.poster")
    subtitles: list[Subtitle] = Field(default_factory=list, description="field.entry.subtitles")
    explanatory_text: Line | None = Field(None, description="field.entry.explanatory_text")
    article: Line | None = Field(None, description="field.entry.article")
    links: Links = Field(default_factory=Links)
    received: Moment | None = Field(None, description="field.entry.received")
    consent: Consent | None = Field(None, description="field.entry.consent")
    state: Literal["received", "refused", "withdrawn"] | None = Field(None, description="field.entry.state")
    state_note: Line | None = Field(None, description="field.entry.state_note")


# --- private.yml ------------------------------------------------------------------


class PrivateContact(Model):
    name: str | None = None
    phone: str | None = Field(None, description="field.private_contact.phone")
    email: str | None = None
    address: str | None = None
    id_number: str | None = Field(None, description="field.private_contact.id_number")
    birth_date: Moment | None = None


class Private(Model):
    """private.yml: personal data the rules require; never rendered into the site."""

    contacts: list[PrivateContact] = Field(default_factory=list)
    notes: str | None = None


#: Keys that hold personal data; found in entry.yml they point the user to private.yml.
PERSONAL_KEYS = frozenset(
    {
        "phone",
        "telephone",
        "mobile",
        "email",
        "e_mail",
        "address",
        "id_number",
        "cccd",
        "cmnd",
        "birth_date",
        "dien_thoai",
        "so_dien_thoai",
        "dia_chi",
        "contacts",
        "contact",
        "private",
    }
)

SCHEMAS: dict[str, type[Model]] = {"contest": Contest, "entry": Entry, "private": Private}


def json_schema(name: str, lang: str = "vi") -> dict[str, Any]:
    """The JSON Schema of one file format, for editors' autocompletion, described in ``lang``."""
    schema: dict[str, Any] = _describe(SCHEMAS[name].model_json_schema(), Translator(lang))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"{name}.yml"
    return schema


def _describe(node: Any, t: Translator) -> Any:
    """Replace every ``description`` that is a catalogue key by its text (docstrings are left as they are)."""
    if isinstance(node, dict):
        return {
            key: t(value)
            if key == "description" and isinstance(value, str) and value.startswith("field.")
            else _describe(value, t)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_describe(value, t) for value in node]
    return node
