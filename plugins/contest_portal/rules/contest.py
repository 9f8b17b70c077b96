"""Checks across files: a contest's own consistency and each entry against it."""

from __future__ import annotations

import difflib
from datetime import datetime

from contest_portal.core.errors import Location, Problem, Text
from contest_portal.core.i18n import LANGUAGES, Translator
from contest_portal.core.text import normalize_name, slugify
from contest_portal.formats.schema import Milestone, Role
from contest_portal.formats.yamlfile import PathKey, YamlDocument
from contest_portal.model import ContestRecord, EntryRecord, Findings, Portal
from contest_portal.rules.phase import submission_window


def check_contest(contest: ContestRecord, doc: YamlDocument) -> list[Problem]:
    """Problems inside one contest.yml that the schema alone cannot see."""
    problems: list[Problem] = []
    spec = contest.spec
    where = {"contest": contest.slug}
    seen: set[str] = set()
    categories = {c.id for c in spec.unit_categories}
    for i, unit in enumerate(spec.units):
        if unit.id in seen:
            problems.append(Problem("CON004", doc.location(("units", i, "id"), **where), {"unit": unit.id}))
        seen.add(unit.id)
        if unit.category not in categories:
            problems.append(
                Problem(
                    "CON005",
                    doc.location(("units", i, "category"), **where),
                    {"unit": unit.id, "category": unit.category},
                )
            )
    seen_categories: set[str] = set()
    for i, category in enumerate(spec.unit_categories):
        if category.id in seen_categories:
            problems.append(
                Problem("CON004", doc.location(("unit_categories", i, "id"), **where), {"unit": category.id})
            )
        seen_categories.add(category.id)
        if category.min_entries and category.max_entries is not None and category.min_entries > category.max_entries:
            problems.append(
                Problem(
                    "CON007",
                    doc.location(("unit_categories", i), **where),
                    {"what": category.name, "min": category.min_entries, "max": category.max_entries},
                )
            )
    rules = spec.video_rules
    if (
        rules
        and rules.min_duration is not None
        and rules.max_duration is not None
        and rules.min_duration > rules.max_duration
    ):
        problems.append(
            Problem(
                "CON007",
                doc.location(("video_rules", "min_duration"), **where),
                {"what": "video_rules", "min": f"{rules.min_duration:g} s", "max": f"{rules.max_duration:g} s"},
            )
        )
    submissions = [i for i, m in enumerate(spec.timeline) if m.kind == "submission"]
    for i in submissions[1:]:
        problems.append(Problem("CON008", doc.location(("timeline", i, "kind"), **where)))
    judge_ids: dict[str, int] = {}
    for i, person in enumerate(spec.organization.people):
        if "jury" not in person.roles:
            continue
        judge_id = person.id or slugify(person.name)
        if judge_id in judge_ids:
            problems.append(Problem("CON011", doc.location(("organization", "people", i), **where), {"id": judge_id}))
        judge_ids[judge_id] = i
    criteria = {c.id for c in spec.judging.criteria}
    for i, rule in enumerate(spec.judging.tie_breaks):
        if rule != "votes" and not (rule.startswith("criterion:") and rule.split(":", 1)[1] in criteria):
            problems.append(
                Problem(
                    "CON012",
                    doc.location(("judging", "tie_breaks", i), **where),
                    {"rule": rule, "allowed": ", ".join(["votes"] + [f"criterion:{c}" for c in sorted(criteria)])},
                )
            )
    problems += _parts(contest, doc)
    year = folder_year(contest.slug)
    if year is not None and year != spec.year:
        problems.append(
            Problem("CON009", doc.location(("year",), **where), {"year": spec.year, "folder": contest.slug})
        )
    for i, milestone in enumerate(spec.timeline):
        if milestone.date and (milestone.start or milestone.end):
            problems.append(Problem("CON010", doc.location(("timeline", i), **where)))
        if milestone.start and milestone.end and milestone.end.end < milestone.start.start:
            problems.append(
                Problem(
                    "CON003",
                    doc.location(("timeline", i), **where),
                    {
                        "kind": milestone.label or milestone.kind,
                        "start": milestone.start.text,
                        "end": milestone.end.text,
                    },
                )
            )
    problems += milestone_order(contest, doc)
    return problems


#: Which prize bases fit which kind of part: a quiz part's prizes go to participants, an
#: entries part's to entries ("special" prizes, named by the decision, fit both).
PART_BASES = {"quiz": {"quiz", "special"}, "entries": {"jury", "public_vote", "special"}}


def _parts(contest: ContestRecord, doc: YamlDocument) -> list[Problem]:
    """CON015: a part id used twice, a prize tier naming a part the plan does not have, or a tier
    whose basis does not fit its part (quiz prizes in a quiz part, jury and vote prizes in an
    entries part); CON003 for a part that ends before it starts."""
    problems: list[Problem] = []
    parts: dict[str, str] = {}
    for i, part in enumerate(contest.spec.parts):
        if part.id in parts:
            problems.append(
                Problem(
                    "CON015",
                    doc.location(("parts", i, "id"), contest=contest.slug),
                    {"part": part.id, "reason": Text("problem.part.twice")},
                )
            )
        parts[part.id] = part.kind
        if part.start and part.end and part.end.end < part.start.start:
            problems.append(
                Problem(
                    "CON003",
                    doc.location(("parts", i), contest=contest.slug),
                    {"kind": part.name, "start": part.start.text, "end": part.end.text},
                )
            )
    for i, tier in enumerate(contest.spec.prizes.tiers):
        if tier.part is None:
            continue
        where = doc.location(("prizes", "tiers", i, "part"), contest=contest.slug)
        if tier.part not in parts:
            problems.append(
                Problem(
                    "CON015",
                    where,
                    {
                        "part": tier.part,
                        "reason": Text("problem.part.unknown", tier=tier.name, known=", ".join(parts) or "–"),
                    },
                )
            )
        elif tier.basis not in PART_BASES[parts[tier.part]]:
            problems.append(
                Problem(
                    "CON015",
                    where,
                    {
                        "part": tier.part,
                        "reason": Text("problem.part.basis", tier=tier.name, basis=tier.basis, kind=parts[tier.part]),
                    },
                )
            )
    return problems


# --- the order of the timeline's milestones ------------------------------------------------

#: The usual order of a contest's milestones. A milestone may not start before one of a lower
#: rank starts; kinds of one rank have no order between them (units may start producing before
#: the launch ceremony; the jury may score before or after the public vote). "other" is free.
MILESTONE_RANK = {
    "preparation": 0,
    "launch": 1,
    "production": 1,
    "submission": 2,
    "review": 3,
    "voting": 4,
    "judging": 4,
    "results": 5,
    "ceremony": 6,
}
#: (earlier kind, later kinds, code): the later milestone may not start before the earlier one
#: ends. CON013 (error) where the plan is impossible: no judging or results while entries may
#: still come in, no results or ceremony before the scores and votes are in. CON014 (warning)
#: where plans do overlap on purpose: entries reviewed or put to the vote as they come in.
MUST_FOLLOW_END = (
    ("submission", ("judging", "results", "ceremony"), "CON013"),
    ("judging", ("results", "ceremony"), "CON013"),
    ("voting", ("results", "ceremony"), "CON013"),
    ("submission", ("review", "voting"), "CON014"),
)


def milestone_order(contest: ContestRecord, doc: YamlDocument) -> list[Problem]:
    """CON013/CON014: milestones of the timeline in an impossible or overlapping order.

    Only what is certain is reported: a milestone given as a month or quarter ("2024-09") may
    fall anywhere in it, so it is out of order only if the whole period is. Each problem is on
    the later milestone and names both milestones with their lines. Judging and voting running
    at the same time is a warning (CON014): legitimate, but the office should mean it.
    """
    problems: list[Problem] = []
    timeline = contest.spec.timeline
    for j, later in enumerate(timeline):
        for i, earlier in enumerate(timeline):
            if i == j:
                continue
            code, point = _order_problem(earlier, later)
            if code is None and (
                i < j and {earlier.kind, later.kind} == {"judging", "voting"} and _overlap(earlier, later)
            ):
                code, point = "CON014", None
            if code is None:
                continue
            problems.append(
                Problem(
                    code,
                    doc.location(("timeline", j), contest=contest.slug),
                    {
                        "later": _milestone_name(later),
                        "later_line": _line(doc, j),
                        "later_date": _when(later, "start"),
                        "earlier": _milestone_name(earlier),
                        "earlier_line": _line(doc, i),
                        "earlier_date": _when(earlier, point or "start"),
                        "point": Text(f"problem.milestone.{point or 'start'}"),
                    },
                )
            )
    return problems


def _order_problem(earlier: Milestone, later: Milestone) -> tuple[str | None, str | None]:
    """(code, "start" or "end" of ``earlier`` that ``later`` certainly starts before) or (None, None)."""
    rank_a, rank_b = MILESTONE_RANK.get(earlier.kind), MILESTONE_RANK.get(later.kind)
    starts = _latest_start(later)
    if starts is None or rank_a is None or rank_b is None:
        return None, None
    ends, begins = _earliest_end(earlier), _earliest_start(earlier)
    follows_end = [code for kind, kinds, code in MUST_FOLLOW_END if earlier.kind == kind and later.kind in kinds]
    if "CON013" in follows_end and ends is not None and starts < ends:
        return "CON013", "end"
    if rank_a < rank_b and begins is not None and starts < begins:
        return "CON013", "start"
    if follows_end and ends is not None and starts < ends:
        return follows_end[0], "end"
    return None, None


def _overlap(one: Milestone, other: Milestone) -> bool:
    """Whether two milestones certainly run at the same time for a while."""
    a_start, b_start = _latest_start(one), _latest_start(other)
    a_end, b_end = _earliest_end(one), _earliest_end(other)
    if a_start is None or b_start is None or a_end is None or b_end is None:
        return False
    return a_start < b_end and b_start < a_end


def _earliest_start(m: Milestone) -> datetime | None:
    first = m.start or m.date
    return first.start if first else None


def _latest_start(m: Milestone) -> datetime | None:
    """The latest the milestone can have started: the end of its start (or date, or end) period."""
    first = m.start or m.date or m.end
    return first.end if first else None


def _earliest_end(m: Milestone) -> datetime | None:
    last = m.end or m.date
    return last.start if last else None


def _when(m: Milestone, point: str) -> str:
    moment = (m.start or m.date or m.end) if point == "start" else (m.end or m.date or m.start)
    return moment.text if moment else "?"


def _milestone_name(m: Milestone) -> str | Text:
    return m.label or Text(f"milestone.{m.kind}")


def _line(doc: YamlDocument, index: int) -> int | str:
    line = doc.location(("timeline", index)).line
    return line if line is not None else "?"


def folder_year(slug: str) -> int | None:
    head = slug.split("-", 1)[0]
    return int(head) if len(head) == 4 and head.isdigit() else None


def check_entry(contest: ContestRecord, entry: EntryRecord, doc: YamlDocument) -> list[Problem]:
    """Problems of one entry against its contest (unit, kind, required files)."""
    problems: list[Problem] = []
    spec = entry.spec
    where = {"contest": contest.slug, "entry": entry.slug}
    if spec.id is not None and spec.id != entry.folder.name:
        problems.append(
            Problem("ENT003", doc.location(("id",), **where), {"entry_id": spec.id, "folder": entry.folder.name})
        )
    if contest.spec.units and entry.unit is None:
        ids = [u.id for u in contest.spec.units]
        close = difflib.get_close_matches(spec.unit, ids, n=1, cutoff=0.6)
        problems.append(
            Problem(
                "ENT004",
                doc.location(("unit",), **where),
                {"unit": spec.unit, "suggestion": Text("problem.did_you_mean", name=close[0]) if close else ""},
            )
        )
    if spec.kind not in contest.spec.entry_kinds:
        problems.append(
            Problem(
                "ENT005",
                doc.location(("kind",), **where),
                {"kind": spec.kind, "allowed": ", ".join(contest.spec.entry_kinds)},
            )
        )
    if spec.kind in ("video", "video_with_text") and not spec.video and not (spec.links.youtube or spec.links.facebook):
        problems.append(Problem("ENT006", doc.location((), **where)))
    return problems


def check_entry_ids(contest: ContestRecord) -> list[Problem]:
    """Two entries of one contest must not share an id."""
    problems: list[Problem] = []
    seen: dict[str, EntryRecord] = {}
    for entry in contest.entries:
        if entry.slug in seen:
            where = Location(file=entry.source, contest=entry.contest_slug, entry=entry.slug)
            problems.append(Problem("ENT002", where, {"entry_id": entry.slug, "other": seen[entry.slug].folder.name}))
        else:
            seen[entry.slug] = entry
    return problems


# --- rules across the entries of one contest ----------------------------------------

_ROLE_NAMES = {
    role: Text(f"problem.role.{role}") for role in ("organizing_committee", "jury", "secretariat", "standing_office")
}


def check_rules(portal: Portal) -> Findings:
    """Stage 5: the rules each contest's plan sets on its entries, for every contest."""
    found = Findings()
    for contest in portal.contests:
        found.items += check_contest_rules(contest).items
    return found


def check_contest_rules(contest: ContestRecord) -> Findings:
    """Eligibility, required texts, submission time and quotas: each problem with its entry or contest."""
    found = Findings()
    for entry in contest.entries:
        found.add(
            entry,
            _eligibility(contest, entry)
            + _explanatory_text(contest, entry)
            + _submission_time(contest, entry)
            + _consent(entry),
        )
    for entry, problem in _author_quota(contest):
        found.add(entry, [problem])
    found.add(contest, _placeholders(contest))
    return found


def _placeholders(contest: ContestRecord) -> list[Problem]:
    """CON016 for each text of contest.yml still holding the new-contest template's sample words
    ("Điền mục đích …"): they must not reach the public rules page."""
    prefixes = tuple(Translator(lang)("scaffold.placeholder") for lang in LANGUAGES)
    problems: list[Problem] = []

    def walk(value: object, key: PathKey) -> None:
        if isinstance(value, str) and value.strip().startswith(prefixes):
            problems.append(Problem("CON016", contest.location(key), {"text": value.strip()[:60]}))
        elif isinstance(value, dict):
            for name, item in value.items():
                walk(item, (*key, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*key, index))

    walk(contest.doc.data if contest.doc is not None else None, ())
    return problems


def _eligibility(contest: ContestRecord, entry: EntryRecord) -> list[Problem]:
    excluded = set(contest.spec.eligibility.excluded_roles)
    members: dict[str, Role] = {}
    for person in contest.spec.organization.people:
        for role in person.roles:
            if role in excluded:
                members.setdefault(normalize_name(person.name), role)
    problems = []
    for i, author in enumerate(entry.spec.authors):
        member = members.get(normalize_name(author.name))
        if member:
            problems.append(
                Problem(
                    "ELG001", entry.location(("authors", i, "name")), {"name": author.name, "role": _ROLE_NAMES[member]}
                )
            )
    return problems


def _consent(entry: EntryRecord) -> list[Problem]:
    consent = entry.spec.consent
    if consent is None or not consent.publication:
        return [Problem("PRV001", entry.location(("consent",)))]
    if consent.minor and not consent.guardian:
        return [Problem("PRV002", entry.location(("consent",)))]
    return []


def _explanatory_text(contest: ContestRecord, entry: EntryRecord) -> list[Problem]:
    rules = contest.spec.video_rules
    needs_text = entry.spec.kind == "video_with_text" or (
        rules is not None and rules.explanatory_text == "required" and entry.spec.kind != "article"
    )
    if needs_text and not entry.spec.explanatory_text:
        return [Problem("ENT007", entry.location())]
    return []


def _submission_time(contest: ContestRecord, entry: EntryRecord) -> list[Problem]:
    received = entry.spec.received
    if received is None:
        return []
    start, end, excluded = submission_window(contest.spec)
    where = entry.location(("received",))
    # a received date typed without an hour is a whole day: said as a date ("ngày 26/09/2024"),
    # late only when that day begins after the deadline (the permissive reading)
    stamp = (
        Text("time.received_on", day=received.start.strftime("%d/%m/%Y"))
        if received.precision != "minute"
        else Text("time.received_at", moment=received.start.strftime("%H:%M %d/%m/%Y"))
    )
    if end is not None and (received.start >= end if excluded else received.start > end):
        code = "TIM001" if contest.spec.submission.late_policy == "reject" else "TIM002"
        return [Problem(code, where, {"received": stamp, "deadline": end.strftime("%H:%M %d/%m/%Y")})]
    if start is not None and received.end < start:
        return [Problem("TIM003", where, {"received": stamp, "start": start.strftime("%H:%M %d/%m/%Y")})]
    return []


def received_order(entry: EntryRecord) -> tuple[float, str]:
    """Entries in the order they were received (unknown times last), then by id."""
    received = entry.spec.received
    return (received.start.timestamp() if received else float("inf"), entry.slug)


def entrant_key(entry: EntryRecord) -> str:
    """Who entered: the group (or its members) for groups, the author for individuals."""
    spec = entry.spec
    if spec.entrant == "individual" and not spec.group:
        return normalize_name(spec.authors[0].name)
    if spec.group:
        return normalize_name(spec.group)
    return " + ".join(sorted(normalize_name(a.name) for a in spec.authors))


def _author_quota(contest: ContestRecord) -> list[tuple[EntryRecord, Problem]]:
    """Entries over ``per_author_max``, the ones received last: counted per person, and a person
    is a name within a unit (namesakes of two units are two people). Over the limit within one
    unit: QUO001, an error. Within the limit in each unit but over it across units with the same
    name: QUO004, a warning (the tool cannot tell one person from two)."""
    found: list[tuple[EntryRecord, Problem]] = []
    limit = contest.spec.quotas.per_author_max
    if not limit:
        return found
    by_name: dict[str, list[EntryRecord]] = {}
    for entry in contest.entries:
        by_name.setdefault(entrant_key(entry), []).append(entry)
    for entries in by_name.values():
        if len(entries) <= limit:
            continue
        by_unit: dict[str, list[EntryRecord]] = {}
        for entry in sorted(entries, key=received_order):
            by_unit.setdefault(entry.spec.unit, []).append(entry)
        over = set()
        for same_unit in by_unit.values():
            for entry in same_unit[limit:]:
                over.add(entry.slug)
                found.append((entry, _quota_problem("QUO001", entry, same_unit, limit)))
        ordered = sorted(entries, key=received_order)
        for entry in ordered[limit:]:
            if entry.slug not in over and len(by_unit) > 1:
                found.append((entry, _quota_problem("QUO004", entry, ordered, limit)))
    return found


def _quota_problem(code: str, entry: EntryRecord, counted: list[EntryRecord], limit: int) -> Problem:
    first = counted[0]
    return Problem(
        code,
        entry.location(("authors",)),
        {
            "entrant": first.spec.group or first.spec.authors[0].name,
            "count": len(counted),
            "max": limit,
            "others": ", ".join(f"{e.slug} ({e.unit_name})" for e in counted),
        },
    )


def check_unit_quotas(portal: Portal) -> Findings:
    """The last check stage: each unit's minimum and maximum of entries, counted on the entries
    still valid once every other check has run (a late or duplicate entry does not count).

    Entries over a unit's maximum, the last received first, get QUO002 (an error: left out);
    a unit with fewer valid entries than its minimum gets QUO003 (on the contest), with the
    numbers received and valid.
    """
    found = Findings()
    for contest in portal.contests:
        by_unit = contest.entries_by_unit()
        for i, unit in enumerate(contest.spec.units):
            category = contest.category(unit.category)
            if category is None:
                continue
            received = by_unit.get(unit.id, [])
            valid = sorted((e for e in received if e.valid), key=received_order)
            values = {"unit": unit.name, "count": len(valid), "received": len(received), "category": category.name}
            if category.max_entries is not None and len(valid) > category.max_entries:
                for entry in valid[category.max_entries :]:
                    found.add(
                        entry, [Problem("QUO002", entry.location(("unit",)), {**values, "max": category.max_entries})]
                    )
            if category.min_entries and len(valid) < category.min_entries:
                found.add(
                    contest,
                    [Problem("QUO003", contest.location(("units", i)), {**values, "min": category.min_entries})],
                )
    return found
