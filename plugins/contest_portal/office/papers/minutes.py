"""The jury's minutes (Biên bản tổng hợp kết quả chấm thi), DOCX.

The jury (name, position, unit), then one table: each valid entry's title (never its folder id), each
judge's weighted total for it — "Không chấm" where the judge abstained, "Không tính" where a
score of the judge's own unit's entry was left out, "(loại)" after a total dropped as the
highest or lowest when the plan says so (``judging.drop_extremes``, five sheets or more) —
the mean and the rank; then the abstentions with their reason, the equal means and the
tie-breaks that separated them (or the shared rank), the prizes the jury proposes (those judged:
``basis: jury``; a public vote's are not the jury's), and a signature
line for every judge; with more than four judges the page is A4 landscape, for the
table's columns.  The figures are those ``judging`` computes from the same sheets
(``formats.sheets.read_scores``, ``judging.ranking.counted_judges``): the minutes show them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from contest_portal.core.i18n import Translator
from contest_portal.formats.sheets import Judge, judges, read_scores
from contest_portal.judging.ranking import Ranked, conflict_of_interest, counted_judges
from contest_portal.model import ContestRecord
from contest_portal.office.papers.common import BLANK, Paper, Signer, contest_name

_PER_ROW = 3  # judges' signatures side by side
_PORTRAIT_JUDGES = 4  # more judges' columns than this: the page is turned (A4 landscape)


def draft_minutes(contest: ContestRecord, target: Path, t: Translator) -> Path:
    """Write the jury's minutes (DOCX) of ``contest`` to ``target``; return it (raises OSError)."""
    spec = contest.spec
    judging = spec.judging
    panel = judges(contest)
    scores = contest.results.scores if contest.results else read_scores(contest, conflict=conflict_of_interest)
    weights = {c.id: c.weight for c in judging.criteria}
    entries = {e.slug: e for e in contest.entries}
    ranking = contest.results.ranking if contest.results else []
    paper = Paper(t, landscape=len(panel) > _PORTRAIT_JUDGES)
    paper.heading(
        spec.organizer.name,
        t("paper.jury.name"),
        t("paper.number_line", number=t("paper.number", symbol="BB-BGK")),
        spec.document.place if spec.document and spec.document.place else "",
    )
    paper.title(t("paper.minutes.title"), t("paper.minutes.subject", contest=contest_name(spec, t)))
    paper.para(t("paper.minutes.opening"), justify=True)
    for judge in panel:
        person = judge.person
        paper.para(
            t("paper.minutes.member", name=person.name, position=person.position or BLANK, unit=person.unit or BLANK),
            justify=True,
        )
    paper.para(t("paper.minutes.agreed", judged=len(ranking)), justify=True)
    if judging.drop_extremes:
        paper.para(t("paper.minutes.drop_rule"), justify=True)
    abstained, excluded = set(scores.abstained), set(scores.excluded)
    rows = []
    for number, ranked in enumerate(ranking, 1):
        sheets = scores.by_entry.get(ranked.entry.slug, {})
        counted = set(counted_judges(sheets, weights, judging.drop_extremes)) if sheets else set()
        cells = []
        for judge in panel:
            if (judge.id, ranked.entry.slug) in abstained:
                cells.append(t("paper.minutes.abstained"))
            elif (judge.id, ranked.entry.slug) in excluded:
                cells.append(t("paper.minutes.excluded"))
            elif judge.id in sheets:
                points = t.decimal(sum(sheets[judge.id][c] * weights[c] for c in weights))
                cells.append(points if judge.id in counted else t("paper.minutes.dropped", points=points))
            else:
                cells.append("")
        rows.append([str(number), ranked.entry.spec.title, *cells, t.points(ranked.score), str(ranked.rank)])
    paper.table(
        [
            t("draft.column.no"),
            t("draft.column.entry"),
            *(j.person.name for j in panel),
            t("paper.column.mean"),
            t("paper.column.rank"),
        ],
        rows,
    )
    paper.para()
    for judge in panel:
        for slug in sorted(e for j, e in scores.abstained if j == judge.id):
            entry = entries[slug]
            reason = (
                t("paper.minutes.own_unit", unit=entry.unit_name)
                if conflict_of_interest(judge, entry)
                else t(
                    "paper.minutes.by_note",
                    note=scores.abstention_notes.get((judge.id, slug), t("paper.minutes.abstained")),
                )
            )
            paper.para(
                t("paper.minutes.abstention", judge=judge.person.name, title=entry.spec.title, reason=reason),
                justify=True,
            )
        for slug in sorted(e for j, e in scores.excluded if j == judge.id):
            paper.para(
                t(
                    "paper.minutes.left_out",
                    judge=judge.person.name,
                    title=entries[slug].spec.title,
                    unit=entries[slug].unit_name,
                ),
                justify=True,
            )
    for line in tie_lines(contest, ranking, t):
        paper.para(line, justify=True)
    judged = [r for r in (contest.results.tiers if contest.results else []) if r.tier.basis == "jury"]
    if judged:  # the jury proposes the prizes it judges, not a public vote's or a quiz's
        paper.para(t("paper.minutes.prizes"), bold=True)
    for result in judged:
        names = [f"“{w.entry.spec.title}”" for w in result.winners if w.entry]
        paper.para(f"- {result.tier.name}: {'; '.join(names) or BLANK}", justify=True)
    paper.para(t("paper.minutes.closing"), justify=True)
    _signatures(paper, panel)
    return paper.save(target)


def tie_lines(contest: ContestRecord, ranking: list[Ranked], t: Translator) -> list[str]:
    """One sentence per group of entries with the same mean: the tie-breaks of the plan that
    ordered them, with each entry's values, or the rank they share when none could."""
    judging = contest.spec.judging
    criteria = {c.id: c.name for c in judging.criteria}
    groups: dict[float, list[Ranked]] = {}
    for ranked in ranking:
        groups.setdefault(ranked.score, []).append(ranked)
    lines = []
    for score, group in groups.items():
        if len(group) < 2:
            continue
        rules: list[str] = []
        values: list[Callable[[Ranked], str]] = []
        for rule in judging.tie_breaks:
            if rule.startswith("criterion:"):
                key = rule.split(":", 1)[1]
                rules.append(t("paper.minutes.by_criterion", criterion=criteria.get(key, key)))
                values.append(partial(_criterion_value, key=key, t=t))
            elif rule == "votes":
                rules.append(t("paper.minutes.by_votes"))
                values.append(partial(_votes_value, t=t))
        detail = "; ".join(f"“{r.entry.spec.title}”: {', '.join(v(r) for v in values)} → {r.rank}" for r in group)
        codes = ", ".join(f"“{r.entry.spec.title}”" for r in group)
        if all(r.tied for r in group) and len({r.rank for r in group}) == 1:
            lines.append(
                t(
                    "paper.minutes.tied",
                    entries=codes,
                    score=t.points(score),
                    rank=group[0].rank,
                    rules=", ".join(rules) or BLANK,
                )
            )
        else:
            lines.append(
                t(
                    "paper.minutes.tie_break",
                    entries=codes,
                    score=t.points(score),
                    rules=", ".join(rules),
                    detail=detail,
                )
            )
    return lines


def _criterion_value(ranked: Ranked, *, key: str, t: Translator) -> str:
    return t.points(ranked.criteria.get(key, 0.0))


def _votes_value(ranked: Ranked, *, t: Translator) -> str:
    return t.number(ranked.votes)


def _signatures(paper: Paper, panel: list[Judge]) -> None:
    """A signature line for every judge, ``_PER_ROW`` side by side."""
    if not panel:
        return
    table = paper.document.add_table(rows=0, cols=min(_PER_ROW, len(panel)))
    for start in range(0, len(panel), _PER_ROW):
        cells = table.add_row().cells
        for cell, judge in zip(cells, panel[start : start + _PER_ROW]):
            position = (judge.person.position or paper.t("paper.jury.member")).upper()
            paper.signature(cell, Signer("", position, judge.person.name))
