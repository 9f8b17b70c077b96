"""Validation reports for the organizers: text, JSON and a private HTML report.

The text and JSON reports hold no personal data.  The HTML report adds the
authors' contact data from private.yml (the office needs it to call authors
about problems), so it must be written outside the public site and never
deployed; ``write_html_report`` refuses a path inside the site folder.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from contest_portal.core.atomic import write_atomic
from contest_portal.core.errors import Problem, ProblemList
from contest_portal.core.i18n import Translator
from contest_portal.core.values import TIMEZONE
from contest_portal.formats import schema
from contest_portal.formats.schema_check import check_document
from contest_portal.formats.yamlfile import YamlError, load_yaml
from contest_portal.model import ContestRecord, Portal
from contest_portal.office.results_report import results_html, results_text
from contest_portal.office.rule_defaults import defaults_acting

JSON_VERSION = 1


@dataclass(frozen=True)
class UnitRow:
    unit_id: str
    unit: str
    category: str
    received: int
    valid: int
    minimum: int | None
    maximum: int | None
    set_aside: int = 0  # refused by the committee or withdrawn by their authors (``state``)

    @property
    def refused(self) -> int:
        """Entries received but not valid for an error (late, over the unit's maximum, others);
        the entries set aside by the committee or their authors are counted apart."""
        return self.received - self.valid - self.set_aside

    @property
    def status(self) -> str:
        """ "below" the category's minimum of *valid* entries, "above" its maximum of entries
        received, or "ok" (a unit whose only entry was refused is below a minimum of 1)."""
        if self.minimum and self.valid < self.minimum:
            return "below"
        if self.maximum is not None and self.received > self.maximum:
            return "above"
        return "ok"


def participation(contest: ContestRecord) -> list[UnitRow]:
    """Every listed unit with its number of entries, against its category's minimum and maximum."""
    counts = contest.entries_by_unit()
    rows = []
    for unit in contest.spec.units:
        category = contest.category(unit.category)
        entries = counts.get(unit.id, [])
        rows.append(
            UnitRow(
                unit.id,
                unit.name,
                category.name if category else unit.category,
                len(entries),
                sum(1 for e in entries if e.valid),
                category.min_entries if category else None,
                category.max_entries if category else None,
                sum(1 for e in entries if e.set_aside),
            )
        )
    return rows


def summary(portal: Portal) -> dict[str, int]:
    problems = ProblemList(portal.all_problems())
    return {
        "contests": len(portal.contests),
        "entries": sum(len(c.entries) for c in portal.contests),
        "errors": len(problems.errors),
        "warnings": len(problems.warnings),
    }


# --- text ------------------------------------------------------------------------------


def text_report(
    portal: Portal,
    lang: str,
    root: Path,
    reference: str | None = None,
    *,
    skip_invalid: bool = False,
    brief: bool = False,
) -> str:
    """The validation report as text: problems by contest and entry, participation, totals.

    Errors that are all in entries (the authors' files, which the office cannot always mend) close
    the report with the entries at fault and the two ways forward (refuse them, or
    ``--skip-invalid``), instead of "fix and run again"; with ``skip_invalid`` (the build publishes
    the valid entries only) with what will happen to them.
    ``brief`` (``build``, ``serve``): one line per contest instead of its participation table
    (``validate`` prints the tables), and a refused or withdrawn entry's ENT008 line without its
    other problems (``validate`` lists them).  A contest whose results are published has a line with its
    number of prizes and their money.  ``validate`` (not ``brief``) also lists the judging problems
    held back from build logs until the results are published, and the computed results
    (``office.results_report``), marked as not published.
    """
    t = Translator(lang)
    # before the results are published, the judging problems stay out of build logs (``brief``,
    # possibly public), never out of the organizers' validate
    problems = [p for p in portal.all_problems() if not (brief and p.confidential)]
    unsaid: list[Problem] = []
    if brief:  # a refused or withdrawn entry is said by its ENT008 line alone: its files are no one's task
        aside = {(c.slug, e.slug) for c in portal.contests for e in c.entries if e.set_aside}
        unsaid = [p for p in problems if p.code != "ENT008" and (p.where.contest, p.where.entry) in aside]
        said = {id(p) for p in unsaid}
        problems = [p for p in problems if id(p) not in said]
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        key = problem.where.contest or t("report.general")
        if problem.where.entry:
            key += f" / {problem.where.entry}"
        groups.setdefault(key, []).append(problem)
    blocks = [
        "\n".join([f"== {key}"] + [p.format(lang, root, reference) for p in groups[key]]) for key in sorted(groups)
    ]
    for contest in portal.contests:
        hidden = sum(1 for p in contest.problems if p.confidential)
        if hidden and brief:
            blocks.append(f"== {contest.slug}\n" + t("report.confidential", count=hidden))
        rows = participation(contest)
        if brief:
            blocks.append(
                t(
                    "report.contest_line",
                    contest=contest.slug,
                    received=len(contest.entries) + len(contest.unreadable),
                    valid=sum(1 for e in contest.entries if e.valid),
                    below=sum(1 for r in rows if r.status == "below"),
                )
            )
        elif rows:
            blocks.append(_participation_table(contest, rows, t))
        if not brief and (computed := results_text(contest, t)):  # the organizers see them before publishing
            blocks.append(computed)
        if not brief and (acting := defaults_acting(contest)):  # rules the plan may not state
            blocks.append(
                "\n".join(
                    [f"== {contest.slug}: {t('report.rule_defaults')}"] + [f"  - {t.render(text)}" for text in acting]
                )
            )
        if contest.spec.results.published and contest.results is not None:  # what the build publishes
            total = contest.results.total_money
            blocks.append(
                t(
                    "report.results",
                    contest=contest.slug,
                    prizes=sum(len(tier.winners) for tier in contest.results.tiers),
                    money=t.money(total) if total is not None else t("report.money_unset"),
                )
                if contest.results.tiers
                else t("report.results_no_prizes", contest=contest.slug)
            )
    counts = summary(portal)
    counts["warnings"] -= sum(1 for p in unsaid if not p.is_error)  # the totals count what is listed
    errors = [p for p in portal.all_problems() if p.is_error]
    entries = sorted({f"{p.where.contest}/{p.where.entry}" for p in errors if p.where.entry})
    if not errors:
        verdict = t("report.clean")
    elif entries and all(p.where.entry for p in errors):  # the authors' files: the ways forward, not "fix"
        verdict = (
            t("report.left_out")
            if skip_invalid
            else t("report.failed_entries", count=len(entries), entries=", ".join(entries))
        )
    else:
        verdict = t("report.failed")
    blocks.append(t("report.summary", **counts) + "\n" + verdict)
    return "\n\n".join(blocks)


def _participation_table(contest: ContestRecord, rows: list[UnitRow], t: Translator) -> str:
    header = [
        t(f"report.{key}")
        for key in ("unit", "category", "received", "valid", "refused", "set_aside", "min", "max", "status")
    ]
    body = [
        [
            r.unit,
            r.category,
            str(r.received),
            str(r.valid),
            str(r.refused),
            str(r.set_aside),
            _dash(r.minimum),
            _dash(r.maximum),
            t(f"report.{r.status}"),
        ]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header] + body) for i in range(len(header))]
    lines = [
        f"== {contest.slug}: {t('report.participation')}",
        "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in body]
    return "\n".join(lines)


def _dash(value: int | None) -> str:
    return "–" if value is None else str(value)


# --- JSON --------------------------------------------------------------------------------


def problem_json(problem: Problem, lang: str, root: Path) -> dict[str, str | int | None]:
    where = problem.where
    path = where.relative_file(root)
    file = None if path is None else (path.as_posix() if not path.is_absolute() else str(path))
    return {
        "code": problem.code,
        "severity": problem.severity.value,
        "file": file,
        "line": where.line,
        "column": where.column,
        "contest": where.contest,
        "entry": where.entry,
        "field": where.field,
        "message": problem.message(lang),
        "hint": problem.hint(lang),
    }


def json_report(portal: Portal, lang: str, root: Path) -> dict[str, Any]:
    """The machine-readable report; its shape is documented in README.md (version 1)."""
    return {
        "version": JSON_VERSION,
        "summary": summary(portal),
        "problems": [problem_json(p, lang, root) for p in portal.all_problems() if not p.confidential],
        "confidential": sum(1 for p in portal.all_problems() if p.confidential),
        "participation": {
            contest.slug: [
                {
                    "unit": r.unit_id,
                    "name": r.unit,
                    "category": r.category,
                    "received": r.received,
                    "valid": r.valid,
                    "refused": r.refused,
                    "set_aside": r.set_aside,
                    "min": r.minimum,
                    "max": r.maximum,
                    "status": r.status,
                }
                for r in participation(contest)
            ]
            for contest in portal.contests
        },
    }


# --- private HTML report -----------------------------------------------------------


def load_private(folder: Path) -> list[schema.PrivateContact]:
    """The contacts of one entry's private.yml (only for the organizers' report)."""
    path = folder / "private.yml"
    if not path.is_file():
        return []
    try:
        spec, _ = check_document(load_yaml(path), schema.Private)
    except YamlError:
        return []
    return list(spec.contacts) if spec else []


def inside_any(path: Path, folders: list[Path]) -> bool:
    path = path.resolve()
    return any(path.is_relative_to(folder.resolve()) for folder in folders)


def write_html_report(
    portal: Portal,
    target: Path,
    lang: str,
    root: Path,
    forbidden: list[Path] | None = None,
    reference: str | None = None,
    site_url: str | None = None,
) -> Path:
    """Write the organizers' report (with contact data) to ``target``.

    ``forbidden``: the site, entries and docs folders; the report (personal data) may not go
    anywhere it could be published or mixed with the contest data.  ``site_url``: where the site
    is published, for the embedding snippets' addresses.
    """
    target = target.resolve()
    if forbidden and inside_any(target, forbidden):
        raise ValueError(f"{target}: the private report must not be written inside {forbidden}")
    t = Translator(lang)
    esc = html.escape
    parts = [
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>",
        "<meta name='robots' content='noindex'>",
        f"<title>{esc(t('report.title'))}</title><style>{_CSS}</style></head><body>",
        f"<p class='private'>{esc(t('report.private'))}</p><h1>{esc(t('report.title'))}</h1>",
        f"<p>{esc(t('report.made'))}: {datetime.now(TIMEZONE):%H:%M %d/%m/%Y}</p>",
        f"<p>{esc(t('report.summary', **summary(portal)))}</p>",
    ]
    general = portal.problems
    if general:
        parts.append(f"<h2>{esc(t('report.general'))}</h2>" + _problem_list(general, lang, root))
    for contest in portal.contests:
        parts.append(f"<h2>{esc(contest.spec.title)}</h2>")
        if contest.problems:
            parts.append(_problem_list(contest.problems, lang, root, reference))
        rows = participation(contest)
        if rows:
            parts.append(
                f"<h3>{esc(t('report.participation'))}</h3><table><tr>"
                + "".join(
                    f"<th>{esc(t('report.' + k))}</th>"
                    for k in ("unit", "category", "received", "valid", "refused", "set_aside", "min", "max", "status")
                )
                + "</tr>"
            )
            for r in rows:
                parts.append(
                    f"<tr class='{r.status}'><td>{esc(r.unit)}</td><td>{esc(r.category)}</td>"
                    f"<td>{r.received}</td><td>{r.valid}</td><td>{r.refused}</td><td>{r.set_aside}</td><td>{_dash(r.minimum)}</td>"
                    f"<td>{_dash(r.maximum)}</td><td>{esc(t('report.' + r.status))}</td></tr>"
                )
            parts.append("</table>")
        parts.append(
            f"<h3>{esc(t('report.entry'))}</h3><table><tr><th>{esc(t('report.entry'))}</th>"
            f"<th>{esc(t('report.problems'))}</th><th>{esc(t('report.contacts'))}</th></tr>"
        )
        for entry in contest.entries:
            contacts = "<br>".join(
                esc(" · ".join(str(v) for v in (c.name, c.phone, c.email, c.address) if v))
                for c in load_private(entry.folder)
            )
            found = _problem_list(entry.problems, lang, root, reference) if entry.problems else esc(t("report.none"))
            parts.append(
                f"<tr><td><b>{esc(entry.slug)}</b><br>{esc(entry.spec.title)}<br>"
                f"{esc(entry.unit_name)}</td><td>{found}</td><td>{contacts}</td></tr>"
            )
        parts.append("</table>")
        parts.append(results_html(contest, t))
        if acting := defaults_acting(contest):
            parts.append(
                f"<h3>{esc(t('report.rule_defaults'))}</h3><ul>"
                + "".join(f"<li>{esc(t.render(text))}</li>" for text in acting)
                + "</ul>"
            )
        parts.append(_embedding(contest, t, site_url))
    parts.append("</body></html>")
    return write_atomic(target, "\n".join(parts))


def _embedding(contest: ContestRecord, t: Translator, site_url: str | None) -> str:
    """The HTML a district portal's web team pastes to show the contest (site/showcase.py)."""
    from contest_portal.site.showcase import contest_snippets

    esc = html.escape
    rows = [f"<h3>{esc(t('report.embed'))}</h3><p>{esc(t('report.embed_help'))}</p>"]
    if not site_url:
        rows.append(f"<p class='warning'>{esc(t('report.embed_no_site_url'))}</p>")
    for snippet in contest_snippets(contest, t):
        rows.append(f"<h4>{esc(snippet.title)}</h4><pre>{esc(snippet.html(site_url))}</pre>")
    return "".join(rows)


def _problem_list(problems: list[Problem], lang: str, root: Path, reference: str | None = None) -> str:
    items = []
    for p in problems:
        code = f"<code>{p.code}</code>"
        if reference:
            code = f"<a href='{html.escape(reference)}#{p.code}'>{code}</a>"
        items.append(
            f"<li class='{p.severity.value}'>{code} "
            f"<span class='where'>{html.escape(p.where.describe(root))}</span><br>"
            f"{html.escape(p.message(lang))}<br><em>{html.escape(p.hint(lang))}</em></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


_CSS = """body{font-family:sans-serif;max-width:70em;margin:1em auto;padding:0 1em}
.private{background:#b71c1c;color:#fff;padding:.5em;font-weight:bold}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em;vertical-align:top;text-align:left}
tr.below td,tr.above td{background:#fff3e0}li.error code{color:#b71c1c}li.warning code{color:#e65100}
.where{color:#555;font-size:.9em}.results-draft{background:#fff3e0;border-left:.4em solid #e65100;padding:.5em;font-weight:bold}"""
