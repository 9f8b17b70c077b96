"""From the values a plan states to contest.yml: each value with the plan's words as a comment.

Shapes: ``draft(found, lines, year=…, lang=…)`` → ``Draft`` (a ruamel.yaml ``CommentedMap`` ready to
dump, and the ``Report``: values drafted, places to fill, questions, paragraphs not used);
``refresh(existing, new)`` merges a newer plan's draft into a contest.yml (ruamel round trip) and
returns the paths it changed.

Comments are what the refresh reads: a value whose comment (the plan's words, with a short
fingerprint when quoted in part) is the same in the newer plan is the clerk's to keep, edited or
not; a value whose plan words changed is drafted again; a key the plan does not give is never
touched (issue 29: "refresh it from a newer version of the plan without losing hand edits").
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from contest_portal.core.i18n import Translator
from contest_portal.plan.fields import Extraction, Field, is_furniture
from contest_portal.plan.read_document import PlanLine

#: The order of contest.yml's keys in a draft (the scaffold's order); nested paths in their parent.
ORDER = (
    "year",
    "title",
    "organizer",
    "document",
    "legal_basis",
    "purpose",
    "requirements",
    "eligibility",
    "content",
    "entry_kinds",
    "format",
    "video_rules",
    "quotas",
    "unit_categories",
    "units",
    "timeline",
    "parts",
    "prizes",
    "funding",
    "organization",
    "submission",
    "contact",
    "public_contacts",
    "results",
)
NESTED_ORDER = {
    "document": ("kind", "number", "date", "issuer", "place", "title", "signatory", "recipients"),
    "signatory": ("on_behalf", "title", "name"),
    "eligibility": ("scope", "eligible", "excluded_roles", "note"),
    "content": ("theme", "description", "suggested_topics"),
    "video_rules": ("containers", "codecs", "min_duration", "max_duration", "resolutions", "aspect_ratio"),
    "quotas": ("per_author_max", "note"),
    "prizes": ("status", "award_form", "one_prize_per_entry", "tiers", "note"),
    "organization": ("people", "responsibilities"),
    "submission": ("methods", "email"),
}
#: Characters of a plan paragraph quoted in a comment.
QUOTE_CHARS = 110


@dataclass
class Report:
    drafted: list[str] = field(default_factory=list)  # "document.number", …
    to_fill: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    unused: list[PlanLine] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # a refresh: the values the newer plan changed
    kept: list[str] = field(default_factory=list)  # a refresh: the clerk's values the plan left as they were
    dropped: list[str] = field(
        default_factory=list
    )  # a refresh: values of the older plan the newer one no longer states


@dataclass
class Draft:
    data: CommentedMap
    report: Report


def plan_yaml() -> YAML:
    """The round-trip handler of a drafted contest.yml: one line per value (a plan's paragraph
    is never folded), two-space indents as the scaffold writes them."""
    handler = YAML()
    handler.width = 100_000
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.allow_unicode = True
    handler.preserve_quotes = True  # a refresh writes the clerk's "2025-11" and "2025-10-01 08:00" quoted as they were
    return handler


def dump(data: CommentedMap) -> str:
    buffer = io.StringIO()
    plan_yaml().dump(data, buffer)
    return buffer.getvalue()


def draft(found: Extraction, lines: list[PlanLine], *, year: int, organizer: str | None, lang: str = "vi") -> Draft:
    """contest.yml's data from ``found``; ``year`` and ``organizer`` (the command's ``--organizer``,
    or the portal's ``identity.organizer``) are used only where the plan gives none or is unsure."""
    t = Translator(lang)
    report = Report()
    data = CommentedMap()
    kind = found.fields[("document", "kind")].value if ("document", "kind") in found.fields else t("plan.document")

    def comment(item: Field) -> str:
        return _comment(item, found, kind, t)

    data["year"] = _year(found, year)
    for path, item in found.fields.items():
        name = ".".join(path)
        value: Any
        if item.question is not None and path == ("organizer", "name") and organizer:
            value = organizer  # the plan names the office without its place; the command (or the portal) names it
            report.drafted.append(name)
        elif item.question is not None:
            value = _question_value(path, item, t)
            report.questions.append(name)
            if value is None and len(path) == 1:  # (the report's question names it)
                continue
            if value is None:  # no text can stand for the value (a date): the question is a comment
                container, key = _parent(data, path[:-1]), path[-2]
                container.setdefault(key, CommentedMap())
                container.yaml_add_eol_comment(_ask(item, t), key)
                continue
        elif item.value is None or item.value == []:
            continue
        else:
            value = _plain(item.value)
            report.drafted.append(name)
        parent = _parent(data, path)
        parent[path[-1]] = value
        parent.yaml_add_eol_comment(comment(item), path[-1])
        if path in (("timeline",), ("prizes", "tiers")):  # each item quotes its own line (see refresh)
            for each, source in zip(value, [m.get("_line") for m in item.value]):
                if source is not None:
                    each.yaml_add_eol_comment(_quote(source, found, kind, t), next(iter(each)))
    if "title" not in data:
        data["title"] = t("plan.fill.title")
        report.to_fill.append("title")
    if "organizer" not in data or "name" not in data["organizer"]:
        _parent(data, ("organizer", "name"))["name"] = organizer or t("plan.fill.organizer")
        if not organizer:
            report.to_fill.append("organizer.name")
    if not any(m.get("kind") == "submission" for m in data.get("timeline", [])):
        data.setdefault("timeline", CommentedSeq()).append(
            CommentedMap(kind="submission", note=t("plan.fill.submission"))
        )
        report.to_fill.append("timeline.submission")
    prizes = data.get("prizes", {})
    if prizes.get("tiers") and "one_prize_per_entry" not in prizes:
        # the schema's default is one prize per entry, a rule this plan does not state: say it is none
        prizes["one_prize_per_entry"] = False
        prizes.yaml_add_eol_comment(t("plan.not_stated.one_prize"), "one_prize_per_entry")
    if not prizes.get("tiers") and prizes.get("status") != "pending":
        _parent(data, ("prizes", "note"))["note"] = t("plan.fill.prizes")
        report.to_fill.append("prizes")
    document = data.get("document")
    if document is not None and "signatory" in document and "title" not in document["signatory"]:
        del document["signatory"]  # a signature without its title is no signatory
    data["results"] = CommentedMap(published=False)
    report.unused = [line for line in lines if line.number not in found.used and not is_furniture(line.text)]
    return Draft(_ordered(data), report)


def _year(found: Extraction, default: int) -> int:
    for path in (("title",), ("document", "date")):
        item = found.fields.get(path)
        if item is not None and item.value is not None:
            years = re.findall(r"\b(20\d\d)\b", str(item.value))
            if years:
                return int(years[-1])
    return default


def _plain(value: Any) -> Any:
    """``value`` as ruamel collections, without the extractor's private keys ("_line"); text that
    YAML would read as something else ("16:9" is a number in base 60) in double quotes."""
    if isinstance(value, str) and re.fullmatch(r"[\d:\- ]+", value):
        return DoubleQuotedScalarString(value)
    if isinstance(value, dict):
        return CommentedMap((k, _plain(v)) for k, v in value.items() if not k.startswith("_") and v is not None)
    if isinstance(value, list):
        return CommentedSeq(_plain(v) for v in value)
    return value


def _parent(data: CommentedMap, path: tuple[str, ...]) -> CommentedMap:
    node = data
    for key in path[:-1]:
        if key not in node:
            node[key] = CommentedMap()
        node = node[key]
    return node


def _question_value(path: tuple[str, ...], item: Field, t: Translator) -> Any:
    """What a question leaves in contest.yml: the placeholder (CON016 keeps it off the site until
    the clerk answers) with the plan's sentence; None where no text can stand for the value."""
    ask = _ask(item, t)
    if path == ("timeline",):
        milestones = _plain(item.value)
        for milestone, original in zip(milestones, item.value):
            if "note" in original and original["note"] is None:
                milestone["note"] = t("plan.question.date", quote=_cut(original["_line"].text))
        return milestones
    if path == ("units",):
        return CommentedSeq([CommentedMap(id="dien-don-vi", name=ask, category="dien-nhom")])
    if path in (("legal_basis",),):
        return CommentedSeq([CommentedMap(title=ask)])
    if path == ("unit_categories",):
        return CommentedSeq([CommentedMap(id="dien-nhom", name=ask)])
    if path in (("title",), ("organizer", "name")) or (item.question == "ocr" and isinstance(item.value, str)):
        return ask
    if (
        item.question == "ocr"
        and path[0] != "video_rules"
        and isinstance(item.value, list)
        and all(isinstance(v, str) for v in item.value)
    ):  # (prose items: a rule's value is no placeholder)
        return CommentedSeq([ask])
    return None


def _ask(item: Field, t: Translator) -> str:
    """The question of ``item`` to the clerk, quoting the plan's sentence."""
    return t(f"plan.question.{item.question}", quote=_cut(item.sources[0].text if item.sources else ""))


def _cut(text: str, limit: int = QUOTE_CHARS) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _fingerprint(sources: list[PlanLine]) -> str:
    return hashlib.sha1("\n".join(s.text for s in sources).encode()).hexdigest()[:6]


def _quote(line: PlanLine, found: Extraction, kind: str, t: Translator) -> str:
    section = found.sections.get(line.number, "")
    key = "plan.source_section" if section else "plan.source"
    text = t(key, document=kind, section=section, quote=_cut(line.text))
    return text + (f" ·{_fingerprint([line])}" if len(line.text) > QUOTE_CHARS else "")


def _comment(item: Field, found: Extraction, kind: str, t: Translator) -> str:
    """The plan's words for ``item``: one paragraph quoted; several named by section and count."""
    if len(item.sources) == 1:
        return _quote(item.sources[0], found, kind, t)
    section = found.sections.get(item.sources[0].number, "")
    text = (
        t("plan.sources", document=kind, section=section, count=len(item.sources))
        if section
        else t("plan.sources_plain", document=kind, count=len(item.sources))
    )
    return f"{text} ·{_fingerprint(item.sources)}"


def _ordered(data: CommentedMap, order: tuple[str, ...] = ORDER) -> CommentedMap:
    """``data`` with its keys in the scaffold's order (comments moved with their keys)."""
    result = CommentedMap()
    keys = [k for k in order if k in data] + [k for k in data if k not in order]
    for key in keys:
        value = data[key]
        if isinstance(value, CommentedMap) and key in NESTED_ORDER:
            value = _ordered(value, NESTED_ORDER[key])
        if key == "document" and "signatory" in value:
            value["signatory"] = _ordered(value["signatory"], NESTED_ORDER["signatory"])
        result[key] = value
        if key in data.ca.items:
            result.ca.items[key] = data.ca.items[key]
    return result


# --- refreshing a contest.yml from a newer plan ------------------------------------------------


def _comment_of(parent: Any, key: Any) -> str | None:
    entry = parent.ca.items.get(key) if isinstance(parent, CommentedMap) else None
    token = entry[2] if entry and len(entry) > 2 else None
    return token.value.strip().lstrip("#").strip() if token is not None else None


def refresh(existing: CommentedMap, new: Draft, paths: list[tuple[str, ...]]) -> Report:
    """Merge ``new`` (a newer plan's draft) into ``existing`` (contest.yml, round trip): for each
    of ``paths`` (the fields the newer plan drafted), a value whose plan words are unchanged is
    kept as the clerk has it; one whose words changed, or that is missing, is written with its
    new comment. Returns the draft's report with ``updated`` and ``kept`` filled."""
    report = new.report
    for path in paths:
        source_parent = new.data
        for key in path[:-1]:
            source_parent = source_parent.get(key)
            if source_parent is None:
                break
        if source_parent is None or path[-1] not in source_parent:
            continue
        target = _parent(existing, path)
        key = path[-1]
        new_comment = _comment_of(source_parent, key)
        if key in target and _comment_of(target, key) == new_comment:
            if target[key] != source_parent[key]:
                report.kept.append(".".join(path))
            continue
        if key in target and target[key] == source_parent[key]:
            continue
        name = ".".join(path)
        if key in target and _quoted_items(target[key]) and _quoted_items(source_parent[key]):
            merged, changes, kept = _merge_items(target[key], source_parent[key])
            target[key] = merged
            report.kept += [f"{name}[{label}]" for label in kept]
            name += f" ({'; '.join(changes)})" if changes else ""
        else:
            if key in target:
                name += f" ({_shown(target[key])} → {_shown(source_parent[key])})"
            target[key] = source_parent[key]
        if new_comment:
            if key in target.ca.items:
                del target.ca.items[key]
            target.yaml_add_eol_comment(new_comment, key)
        report.updated.append(name)
    drafted = {".".join(path) for path in paths}
    report.dropped = [name for name in _quoted_paths(existing) if name not in drafted]
    return report


#: A comment the draft wrote: the plan's sentence quoted, or its paragraphs counted, with a fingerprint.
_PLAN_COMMENT = re.compile(r'(: ".*"( ·[0-9a-f]{6})?|: \d+ \w+ ·[0-9a-f]{6})$')


def _quoted_paths(data: CommentedMap, prefix: str = "") -> list[str]:
    """The keys of ``data`` (two levels deep) whose comment quotes a plan: values drafted from one."""
    names = []
    for key, value in data.items():
        comment = _comment_of(data, key)
        if comment and _PLAN_COMMENT.search(comment):
            names.append(prefix + str(key))
        elif isinstance(value, CommentedMap) and not prefix.count("."):
            names += _quoted_paths(value, f"{prefix}{key}.")
    return names


def _quoted_items(value: Any) -> bool:
    """True for a list of mappings each quoting its own plan paragraph (the timeline's milestones)."""
    return (
        isinstance(value, CommentedSeq)
        and bool(value)
        and all(isinstance(item, CommentedMap) and item and _comment_of(item, next(iter(item))) for item in value)
    )


def _merge_items(existing: CommentedSeq, new: CommentedSeq) -> tuple[CommentedSeq, list[str], list[str]]:
    """The newer plan's items, each replaced by the clerk's item that quotes the same paragraph
    (answered questions and edits stay); items the clerk added (no quote) are kept at the end.
    Also (what changed: "giai-nhat: amount 5000000 → 6000000", the labels of the clerk's edited
    items kept)."""
    by_quote = {_comment_of(item, next(iter(item))): item for item in existing if item}
    merged = CommentedSeq(by_quote.get(_comment_of(item, next(iter(item))), item) for item in new)
    merged += [item for item in existing if not item or not _comment_of(item, next(iter(item)))]
    by_label = {_label(item): item for item in existing if item}
    changes, kept = [], []
    for item in new:
        label, old = _label(item), by_quote.get(_comment_of(item, next(iter(item))))
        if old is not None:
            if dict(old) != dict(item):
                kept.append(label)
            continue
        before = by_label.get(label, {})
        said = [
            f"{k} {_shown(before.get(k, '–'))} → {_shown(v)}"
            for k, v in item.items()
            if k != "source_text" and before.get(k) != v
        ]
        said += [f"{k} {_shown(v)} → –" for k, v in before.items() if k not in item]
        changes.append(f"{label}: {', '.join(said)}" if said else label)
    return merged, changes, kept


def _label(item: Any) -> str:
    """An item as the report names it: a tier by its id, a milestone by its kind (and label)."""
    return str(item.get("id") or item.get("label") or item.get("kind") or next(iter(item), ""))


def _shown(value: Any) -> str:
    """A value in the report's "old → new", one line."""
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return _cut(text, 60)
