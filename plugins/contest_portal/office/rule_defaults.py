"""The checking rules the tool applied by default, named where they acted (issue 29: no rule the
plan does not state).

Some settings of contest.yml have a default that is itself a rule (who may not enter, what
happens to a late entry; the accepted containers and codecs have none: an unstated one accepts
every video the portal can publish).  When contest.yml does not state such
a setting and its default refused an entry, ``validate`` says so, with the setting that states
the plan's own rule instead.  Organizers' output only: nothing public says it (the prize rules
are in ``ContestResults.applied_defaults``, footnoted on the results page).
"""

from __future__ import annotations

from contest_portal.core.i18n import Text
from contest_portal.model import ContestRecord

#: "section.key" of contest.yml → the problem codes its default, unstated, causes.
RULE_DEFAULTS: dict[str, tuple[str, ...]] = {
    "eligibility.excluded_roles": ("ELG001",),
    "submission.late_policy": ("TIM001",),
}


def stated(contest: ContestRecord, setting: str) -> bool:
    """Whether contest.yml writes ``setting`` ("section.key") itself."""
    section, key = setting.split(".")
    part = getattr(contest.spec, section)
    return part is not None and key in part.model_fields_set


def defaults_acting(contest: ContestRecord) -> list[Text]:
    """One text per default rule of ``RULE_DEFAULTS`` that refused an entry in ``contest`` while
    contest.yml does not state it ("report.rule_default"): the rule, the setting, how many entries."""
    problems = list(contest.problems) + [p for e in contest.entries for p in e.problems]
    notes = []
    for setting, codes in RULE_DEFAULTS.items():
        entries = {p.where.entry for p in problems if p.code in codes}
        if entries and not stated(contest, setting):
            notes.append(
                Text(
                    "report.rule_default",
                    rule=Text(f"report.rule_default.{setting}"),
                    setting=setting,
                    count=len(entries),
                    codes=", ".join(codes),
                )
            )
    return notes
