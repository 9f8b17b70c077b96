"""The draft award decision (Quyết định khen thưởng), DOCX, in the layout of Decree 30/2020/NĐ-CP.

The issuer (``results.decision.issuer``, else the organizer), "Số: …/QĐ-…", the title and its
subject naming the contest in full, the authority, then the legal bases every award decision
cites — the Law on Local Government (2015, amended 2019, for decisions up to 2024; a fill-in
line after, the law having been replaced in 2025), the Law on Emulation and Commendation
No. 06/2022/QH15 and Decree 98/2023/NĐ-CP that details it, for a body other than a People's
Committee the decision on its own functions (a fill-in line) — then the plan's own bases not
already cited, the plan and the contest rules, the committee's proposal; Article 1 with the
list attached and the total, the notes on rules the tool applied that the plan did not state
(``results.applied_defaults``), Articles 2–3, recipients and signer; the annex lists every winner.
"""

from __future__ import annotations

from pathlib import Path

from contest_portal.core.i18n import Translator
from contest_portal.core.text import known_number, normalize_name
from contest_portal.model import ContestRecord
from contest_portal.office.papers.common import (
    BLANK,
    Paper,
    amount_in_words,
    contest_name,
    document_date,
    is_peoples_committee,
    plan_signer,
    recipients,
    recipients_count,
    reference,
    total_of,
    winners_rows,
    words,
)

#: The laws every award decision cites (the catalogue's ``paper.basis.*``), in the order cited.
STANDARD_BASES = ("emulation_law", "emulation_decree")


def issuer_of(contest: ContestRecord) -> str:
    """Who issues the decision: ``results.decision.issuer``, else the organizer."""
    decision = contest.spec.results.decision
    return decision.issuer if decision and decision.issuer else contest.spec.organizer.name


def decision_number(contest: ContestRecord, t: Translator) -> str:
    """The decision's number as its issuer writes it (Decree 30/2020/NĐ-CP, Appendix I § II.3: the
    kind's abbreviation, then the issuer's): a People's Committee's is "…/QĐ-UBND", and a number in
    contest.yml with another issuer's symbol ("/QĐ-BTC", the committee's) is not put under the
    People's Committee's heading; another issuer's is the number in contest.yml, else "……/QĐ-…"
    to fill.  Figures left out become a blank ("/QĐ-UBND" → "……/QĐ-UBND")."""
    decision = contest.spec.results.decision
    stated = (decision.number or "").strip() if decision else ""
    if is_peoples_committee(issuer_of(contest)):
        symbol = t("paper.symbol.decision_ubnd")
        if normalize_name(symbol) not in normalize_name(stated).replace(" ", ""):
            return t("paper.number", symbol=symbol)
    elif not stated:
        return t("paper.number", symbol=t("paper.symbol.decision"))
    return known_number(stated) or t("paper.number", symbol=stated.lstrip("/"))


def decision_reference(contest: ContestRecord, t: Translator) -> str:
    """ "Quyết định số …/QĐ-UBND ngày …/…/2024 của Ủy ban nhân dân huyện …": the same number as the
    decision's heading (``decision_number``), its date as far as known, its issuer; the annex and
    the awards cite it so."""
    decision = contest.spec.results.decision
    date = document_date(decision.date) if decision and decision.date else f"{BLANK}/{BLANK}/{decision_year(contest)}"
    return t("paper.decision.reference", number=decision_number(contest, t), date=date, issuer=issuer_of(contest))


def annex_line(contest: ContestRecord, t: Translator) -> str:
    """ "(Kèm theo Quyết định số …/QĐ-UBND ngày …/…/2024 của …)", as the decision's heading."""
    return t("draft.annex_of", decision=decision_reference(contest, t))


def decision_year(contest: ContestRecord) -> int:
    """The year the decision is expected: its date in contest.yml, else the contest's year."""
    decision = contest.spec.results.decision
    return decision.date.start.year if decision and decision.date else contest.spec.year


def legal_bases(contest: ContestRecord, t: Translator) -> list[str]:
    """The "Căn cứ …;" lines of the award decision, in the order cited (see the module's docstring)."""
    spec = contest.spec
    issuer = issuer_of(contest)
    lines = [
        t(
            "paper.basis.local_government_2015"
            if decision_year(contest) <= 2024
            else "paper.basis.local_government_blank"
        )
    ]
    lines += [t(f"paper.basis.{key}") for key in STANDARD_BASES]
    if not is_peoples_committee(issuer):
        lines.append(t("paper.basis.function", organizer=issuer))
    for ref in spec.legal_basis:
        text = reference(ref, t)
        if not any(cited in normalize_name(text) for cited in words("paper.match.cited")):  # cited above
            lines.append(t("draft.basis", document=text))
    for document in (spec.document, spec.rules_document):
        if document is not None:
            lines.append(t("draft.basis", document=reference(document, t)))
    return lines


def draft_decision(contest: ContestRecord, target: Path, t: Translator) -> Path:
    """Write the draft award decision (DOCX) of ``contest`` to ``target``; return it (raises OSError)."""
    spec = contest.spec
    issuer = issuer_of(contest)
    name = contest_name(spec, t)
    paper = Paper(t)
    paper.heading(
        spec.organizer.parent or "",
        issuer,
        t("paper.number_line", number=decision_number(contest, t)),
        spec.document.place if spec.document and spec.document.place else "",
        dated=spec.results.decision.date if spec.results.decision else None,
    )
    paper.title(t("draft.title"), t("draft.subject", contest=name))
    paper.para(t("draft.authority", issuer=issuer.upper()), bold=True, center=True)
    paper.para()
    for line in legal_bases(contest, t):
        paper.para(line, italic=True, justify=True)
    paper.para(
        t(
            "paper.decision.proposal",
            number=t("paper.number", symbol="TTr-BTC"),
            date=f"{BLANK}/{BLANK}/{decision_year(contest)}",
        ),
        italic=True,
        justify=True,
    )
    paper.para()
    paper.para(t("draft.decides"), bold=True, center=True)
    rows = winners_rows(contest)
    total = total_of(rows)
    paper.para(t("draft.article1", count=recipients_count(rows), contest=name), justify=True)
    if total:
        paper.para(t("draft.total", total=t.number(total), words=amount_in_words(total, t)), justify=True)
    notes = [t.render(note) for note in getattr(contest.results, "applied_defaults", None) or []]
    if notes:  # the rules the tool applied that the plan did not state, named where they act
        paper.para(t("paper.decision.defaults", notes=" ".join(notes)), italic=True, justify=True)
    paper.para(t("draft.article2"), justify=True)
    paper.para(t("draft.article3"), justify=True)
    paper.closing(
        recipients(spec.document.recipients if spec.document else [], t, first=[t("draft.as_article3")]),
        plan_signer(spec),
    )
    paper.document.add_page_break()  # type: ignore[no-untyped-call]  # unannotated in python-docx 1.2
    paper.para(t("draft.annex_title"), bold=True, center=True)
    paper.para(t("draft.annex_subtitle", contest=name), bold=True, center=True)
    paper.para(annex_line(contest, t), italic=True, center=True)
    paper.winners_table(rows)
    return paper.save(target)
