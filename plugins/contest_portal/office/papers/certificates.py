"""The awards themselves, as the plan states them: one page per winner, A4 landscape, DOCX.

The plan's ``award_form`` (the tier's, else ``prizes.award_form``) names the paper: a "Giấy
khen" is given by the head of the organizer in their own name (the Law on Emulation and
Commendation 2022: the Chairman of a People's Committee, the Director of a department), a
"Giấy chứng nhận" by the organizing committee, signed by its head.  A plan that names neither
gets the committee's certificate, and the office is told so (PAP002) — no rule is added: it is
the lighter paper, the one every contest gives.  Each page names the prize and the work's title
(never its folder id), the recipient (a group with its authors) and their unit, and the contest in full.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from contest_portal.core.errors import Problem
from contest_portal.core.i18n import Translator
from contest_portal.core.text import normalize_name
from contest_portal.formats import schema
from contest_portal.model import ContestRecord
from contest_portal.office.papers.common import BLANK, Paper, Signer, contest_name, date_parts, plan_signer, words
from contest_portal.office.papers.decision import decision_reference
from contest_portal.office.papers.proposal import committee_signer

Form = Literal["commendation", "certificate"]
FORMS: tuple[Form, ...] = ("commendation", "certificate")  # "certificate of merit" is a commendation


def stated_form(contest: ContestRecord, tier: schema.PrizeTier) -> Form | None:
    """The paper the plan gives for ``tier``: its own ``award_form``, else the plan's (None: neither says)."""
    for text in (tier.award_form, contest.spec.prizes.award_form):
        said = normalize_name(text or "")
        for form in FORMS:
            if any(word in said for word in words(f"paper.match.{form}")):
                return form
    return None


def unstated(contest: ContestRecord) -> list[Problem]:
    """PAP002 when a tier that has winners has no paper named by the plan."""
    tiers = [
        r.tier.name
        for r in (contest.results.tiers if contest.results else [])
        if r.winners and stated_form(contest, r.tier) is None
    ]
    return [Problem("PAP002", contest.location(("prizes", "award_form")), {"tiers": ", ".join(tiers)})] if tiers else []


def draft_certificates(contest: ContestRecord, target: Path, t: Translator) -> Path:
    """Write every winner's award (DOCX, a landscape page each) of ``contest`` to ``target``;
    return it (raises OSError)."""
    from docx.enum.section import WD_SECTION

    spec = contest.spec
    name = contest_name(spec, t)
    place = spec.document.place if spec.document and spec.document.place else ""
    paper = Paper(t, landscape=True)
    first = True
    for result in contest.results.tiers if contest.results else []:
        form = stated_form(contest, result.tier) or "certificate"
        for winner in result.winners:
            if not first:
                paper.page(paper.document.add_section(WD_SECTION.NEW_PAGE), landscape=True)
            first = False
            members = ""  # a group's or collective's authors, under its name
            if winner.entry is not None:
                recipient = winner.entry.spec.group or winner.entry.author_line
                unit, title = winner.entry.unit_name, winner.entry.spec.title
                if winner.entry.spec.group:
                    members = ", ".join(author.name for author in winner.entry.spec.authors)
            elif winner.participant is not None:
                recipient, unit, title = winner.participant.name, winner.participant.unit, ""
            else:
                continue
            paper.para(t("draft.nation"), bold=True, center=True, size=13)
            paper.para(t("draft.motto"), bold=True, center=True, size=13)
            paper.para(_giver(contest, form, t), bold=True, center=True)
            paper.para(t(f"paper.award.{form}.verb"), bold=True, center=True)
            paper.para(t(f"paper.award.{form}.kind"), bold=True, center=True, size=30)
            paper.para(recipient, bold=True, center=True, size=20)
            if members:
                paper.para(t("paper.award.members", names=members), italic=True, center=True)
            if unit:
                paper.para(unit, center=True)
            heading = t("paper.award.prize_work", prize=result.tier.name, title=title) if title else result.tier.name
            paper.para(heading, bold=True, center=True, size=18)
            paper.para(t("paper.award.of_contest", contest=name), italic=True, center=True)
            paper.para(
                t("paper.award.by_decision", decision=decision_reference(contest, t)), italic=True, center=True, size=12
            )
            table = paper.document.add_table(rows=1, cols=2)
            left, right = table.rows[0].cells
            paper.para(t("paper.award.number", form=t(f"paper.award.{form}.symbol")), cell=left)
            paper.para(
                t("paper.place_date", place=place or BLANK, **date_parts(None)), italic=True, center=True, cell=right
            )
            paper.signature(right, _signer(contest, form, t))
    return paper.save(target)


def _giver(contest: ContestRecord, form: Form, t: Translator) -> str:
    """Who gives it: "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH" (the plan's signer's title and
    the organizer), or "BAN TỔ CHỨC CUỘC THI"."""
    if form == "certificate":
        return t("paper.committee.name").upper()
    signer = plan_signer(contest.spec)
    return f"{signer.title or t('paper.award.head')} {contest.spec.organizer.name}".upper()


def _signer(contest: ContestRecord, form: Form, t: Translator) -> Signer:
    if form == "certificate":
        return committee_signer(contest, t)
    signer = plan_signer(contest.spec)
    return Signer("", signer.title or t("paper.award.head").upper(), signer.name)
