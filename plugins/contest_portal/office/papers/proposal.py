"""The proposal to award (Tờ trình đề nghị khen thưởng), DOCX: from the organizing committee to
the signer of the award decision, with what was received and judged, the list and the total.

Issued by "BAN TỔ CHỨC CUỘC THI" under the organizer ("Số: …/TTr-BTC"); addressed to the plan's
signer ("Kính gửi: Chủ tịch Ủy ban nhân dân huyện Vĩnh Linh"); signed on behalf of the committee
by its head (the person of ``organization.people`` with the role and the position "Trưởng ban").
"""

from __future__ import annotations

from pathlib import Path

from contest_portal.core.i18n import Translator
from contest_portal.model import ContestRecord
from contest_portal.office.papers.common import (
    Paper,
    Signer,
    amount_in_words,
    committee_head,
    contest_name,
    recipients,
    recipients_count,
    reference,
    total_of,
    winners_rows,
)


def addressee(contest: ContestRecord) -> str:
    """Whom the proposal goes to: the plan's signer's title and the organizer ("Chủ tịch Ủy ban
    nhân dân huyện Vĩnh Linh"), or the organizer alone when the plan names no signer."""
    spec = contest.spec
    signatory = spec.document.signatory if spec.document else None
    title = signatory.title if signatory else ""
    return f"{title[:1].upper()}{title[1:]} {spec.organizer.name}" if title else spec.organizer.name


def committee_signer(contest: ContestRecord, t: Translator) -> Signer:
    """The committee's head signing on its behalf ("TM. BAN TỔ CHỨC / TRƯỞNG BAN / name")."""
    return Signer(t("paper.committee.on_behalf"), t("paper.committee.head"), committee_head(contest.spec))


def draft_proposal(contest: ContestRecord, target: Path, t: Translator) -> Path:
    """Write the proposal to award (DOCX) of ``contest`` to ``target``; return it (raises OSError)."""
    spec = contest.spec
    name = contest_name(spec, t)
    rows = winners_rows(contest)
    total = total_of(rows)
    paper = Paper(t)
    paper.heading(
        spec.organizer.name,
        t("paper.committee.name"),
        t("paper.number_line", number=t("paper.number", symbol="TTr-BTC")),
        spec.document.place if spec.document and spec.document.place else "",
    )
    paper.title(t("paper.proposal.title"), t("paper.proposal.subject", contest=name))
    paper.para(t("paper.proposal.to", addressee=addressee(contest)), center=True)
    paper.para()
    if spec.document is not None:
        paper.para(t("paper.proposal.under", document=reference(spec.document, t)), justify=True)
    received = len(contest.entries) + len(contest.unreadable)
    valid = sum(1 for entry in contest.entries if entry.valid)
    judged = len(contest.results.ranking) if contest.results else 0
    paper.para(t("paper.proposal.work", received=received, valid=valid, judged=judged), justify=True)
    paper.para(
        t("paper.proposal.request", addressee=addressee(contest), count=recipients_count(rows), contest=name),
        justify=True,
    )
    if total:
        paper.para(t("draft.total", total=t.number(total), words=amount_in_words(total, t)), justify=True)
    paper.winners_table(rows)
    notes = [t.render(note) for note in getattr(contest.results, "applied_defaults", None) or []]
    if notes:  # the rules the tool applied that the plan did not state, as the decision names them
        paper.para(t("paper.decision.defaults", notes=" ".join(notes)), italic=True, justify=True)
    paper.para()
    paper.para(t("paper.proposal.closing", addressee=addressee(contest)), justify=True)
    paper.closing(recipients([t("paper.proposal.as_above")], t), committee_signer(contest, t))
    return paper.save(target)
