"""The papers the office produces around a contest, each in its module, all into ``reports/``.

``write_papers`` writes a contest's papers in the order the office uses them: the participation
report (always), the jury's minutes (whenever the jury's scores rank entries, prizes or not), and
once there are winners the proposal to award, the draft award decision, the prize payment list and the awards.  Every paper holds names of people: the
caller puts them in ``reports/<contest>/`` (private), never into the site or entries/.  A paper
that cannot be written (open in Word, a full disk) is a PAP001 problem and the others are still
written: nothing already written is lost.

A paper left in the folder by an earlier run that this run does not write again (the contest.yml
cannot be read, the winners are gone) would look current and could be signed with old names or
amounts: ``retire_papers`` moves it into the sub-folder ``paper.file.out_of_date``
("giay-to-cu-khong-dung"), where nothing is lost and nothing looks current.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from contest_portal.core.errors import Location, Problem
from contest_portal.core.i18n import LANGUAGES, Translator
from contest_portal.model import ContestRecord
from contest_portal.office.papers.certificates import draft_certificates, unstated
from contest_portal.office.papers.common import unsignable
from contest_portal.office.papers.decision import draft_decision
from contest_portal.office.papers.minutes import draft_minutes
from contest_portal.office.papers.participation import participation_workbook
from contest_portal.office.papers.payments import payment_list
from contest_portal.office.papers.proposal import draft_proposal

__all__ = ["PAPERS", "Written", "retire_papers", "write_papers"]

Writer = Callable[[ContestRecord, Path, Translator], Path]

#: Each paper after the jury: its file name's catalogue key and its writer, in the order used.
PAPERS: tuple[tuple[str, Writer], ...] = (
    ("paper.file.minutes", draft_minutes),
    ("paper.file.proposal", draft_proposal),
    ("draft.file_decision", draft_decision),
    ("paper.file.payments", payment_list),
    ("paper.file.awards", draft_certificates),
)


@dataclass
class Written:
    """What ``write_papers`` did for one contest: the files written, and the problems (PAP…)."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    winners: bool = False


def write_papers(contest: ContestRecord, folder: Path, t: Translator) -> Written:
    """Write ``contest``'s papers into ``folder`` (made if needed)."""
    done = Written()
    _write(done, participation_workbook, contest, folder / t("draft.file_participation"), t)
    done.winners = any(result.winners for result in (contest.results.tiers if contest.results else []))
    if contest.spec.judging.criteria and contest.results is not None and contest.results.ranking:
        # the jury's scores are there: its minutes, prizes or not (a public vote or a quiz alone: none)
        _write(done, draft_minutes, contest, folder / t("paper.file.minutes"), t)
    if not done.winners:
        return done
    for key, writer in PAPERS:
        if writer is not draft_minutes:
            _write(done, writer, contest, folder / t(key), t)
    done.problems += unstated(contest) + unsignable_titles(contest)
    return done


def unsignable_titles(contest: ContestRecord) -> list[Problem]:
    """PAP004 for each winning entry whose title, group or authors' names carry characters a signed
    paper should not (emoji, pictographs: ``common.unsignable``); the title itself is never changed."""
    problems, seen = [], set()
    for result in contest.results.tiers if contest.results else []:
        for winner in result.winners:
            entry = winner.entry
            if entry is None or entry.slug in seen:
                continue
            seen.add(entry.slug)
            said = [entry.spec.title, entry.spec.group or "", *(author.name for author in entry.spec.authors)]
            if characters := unsignable(" ".join(said)):
                problems.append(
                    Problem(
                        "PAP004",
                        entry.location(("title",)),
                        {"entry": entry.slug, "title": entry.spec.title, "characters": characters},
                    )
                )
    return problems


def paper_names() -> set[str]:
    """The file name of every paper ``write_papers`` writes, in every language."""
    keys = ("draft.file_participation", *(key for key, _ in PAPERS))
    return {Translator(lang)(key) for lang in LANGUAGES for key in keys}


def retire_papers(folder: Path, kept: list[Path], t: Translator) -> list[Path]:
    """Move every paper in ``folder`` that is not in ``kept`` (the papers this run wrote) into
    ``folder / t("paper.file.out_of_date")`` (replacing an older copy there); return where they
    went.  A paper that cannot be moved (open in Word) stays and is returned as it is."""
    if not folder.is_dir():
        return []
    kept_names = {path.name for path in kept}
    moved = []
    for name in sorted(paper_names() - kept_names):
        old = folder / name
        if not old.is_file():
            continue
        target = folder / t("paper.file.out_of_date") / name
        try:
            target.parent.mkdir(exist_ok=True)
            old.replace(target)
            moved.append(target)
        except OSError:
            moved.append(old)
    return moved


def _write(done: Written, writer: Writer, contest: ContestRecord, target: Path, t: Translator) -> None:
    # a folder that cannot be made is the machine's failure (SYS…, exit 4), not one paper's
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        done.files.append(writer(contest, target, t))
    except OSError as exc:
        done.problems.append(
            Problem(
                "PAP001",
                Location(file=target, contest=contest.slug),
                {"file": target.name, "reason": exc.strerror or str(exc)},
            )
        )
