"""The computed results as the organizers see them in ``validate``, published or not.

The ranking, each prize tier's winners, the vote snapshot's time and every default rule the tool
applied (``ContestResults.applied_defaults``, with the contest.yml key that states the rule
instead), in the text report and in the private HTML report, marked "not published" while
``results.published`` is false.  Nothing here reaches the site: the results page shows them only
once the results are published (``site/pages.py``).
"""

from __future__ import annotations

import html

from contest_portal.core.i18n import Text, Translator
from contest_portal.judging.awards import DEFAULT_SETTINGS, Winner
from contest_portal.judging.results import ContestResults, TierResult
from contest_portal.model import ContestRecord


def has_results(results: ContestResults | None) -> bool:
    """Whether there is anything computed to show: a ranking, votes, quiz rows or a winner."""
    return results is not None and bool(
        results.ranking or results.votes or results.quiz or any(t.winners for t in results.tiers)
    )


def results_text(contest: ContestRecord, t: Translator) -> str:
    """The contest's computed results as lines of text ("" when nothing is computed yet)."""
    results = contest.results
    if results is None or not has_results(results):
        return ""
    state = "published" if contest.spec.results.published else "draft"
    lines = [f"== {contest.slug}: " + t(f"report.results_{state}")]
    if results.ranking:
        lines.append(t("report.ranking") + ":")
        for item in results.ranking:
            votes = f", {t('report.votes_count', votes=t.number(item.votes))}" if results.votes else ""
            lines.append(
                f"  {item.rank:>3}{'=' if item.tied else ' '} {item.entry.slug}  “{item.entry.spec.title}”"
                f" – {item.entry.unit_name}: {t('report.points', points=t.points(item.score))}"
                f" ({t('report.judges', count=item.judges)}){votes}"
            )
    if results.votes_time:
        lines.append(t("results.votes_time", time=t.as_of(results.votes_time, results.votes_whole_day)))
    if not results.tiers:  # the plan states no prizes: said, never "0 prizes, 0 đ"
        lines.append(t("report.no_prizes"))
    else:
        lines.append(t("report.prizes") + ":")
    for tier in results.tiers:
        lines.append(
            f"  {_tier_name(tier, t)}: "
            + ("; ".join(_winner(w, tier, t) for w in tier.winners) or t("report.no_winner"))
        )
    if results.tiers:
        lines.append(f"{t('results.total_money')}: {t.money(results.total_money)}")
    lines += _defaults_lines(results, t)
    return "\n".join(lines)


def _defaults_lines(results: ContestResults, t: Translator) -> list[str]:
    if not results.applied_defaults:
        return []
    lines = [t("results.defaults_title") + ":"]
    for text in results.applied_defaults:
        lines += [f"  - {t.render(text)}", f"    {change_hint(text, t)}"]
    return lines


def change_hint(text: Text, t: Translator) -> str:
    """How the office states the rule itself instead (the contest.yml key of ``DEFAULT_SETTINGS``)."""
    return t(f"report.change.{text.key.rsplit('.', 1)[1]}", setting=DEFAULT_SETTINGS[text.key])


def _tier_name(tier: TierResult, t: Translator) -> str:
    amount = f" ({t.money(tier.tier.amount)})" if tier.tier.amount is not None else ""
    return f"{tier.tier.name}{amount}"


def _winner(winner: Winner, tier: TierResult, t: Translator, *, private: bool = False) -> str:
    """ "e-01 “title” (92,50 điểm)", "… (1.204 lượt bình chọn)" or, for a quiz participant, "name –
    unit (18 câu đúng, 2:35)" in the ``private`` HTML report and "row 5 of the quiz file (TS0012)"
    in the text report, which holds no personal data."""
    if winner.participant is not None:
        quiz = winner.participant
        who = quiz.label if private else t("report.quiz_row", row=quiz.row) + (f" ({quiz.id})" if quiz.id else "")
        return f"{who} ({t('report.correct', count=quiz.correct)}, {t.duration(quiz.seconds)})"
    entry = winner.entry
    assert entry is not None
    if tier.tier.basis == "public_vote":
        detail = t("report.votes_count", votes=t.number(winner.votes or 0))
    else:
        detail = t("report.points", points=t.points(winner.score)) if winner.score is not None else ""
    return f"{entry.slug} “{entry.spec.title}”" + (f" ({detail})" if detail else "")


def results_html(contest: ContestRecord, t: Translator) -> str:
    """The same as ``results_text``, as a section of the private HTML report ("" when nothing is computed)."""
    results = contest.results
    if results is None or not has_results(results):
        return ""
    esc = html.escape
    state = "published" if contest.spec.results.published else "draft"
    parts = [
        f"<h3>{esc(t('report.results_title'))}</h3><p class='results-{state}'>{esc(t(f'report.results_{state}'))}</p>"
    ]
    if results.ranking:
        parts.append(
            f"<h4>{esc(t('report.ranking'))}</h4><table><tr><th>#</th><th>{esc(t('report.entry'))}</th>"
            f"<th>{esc(t('report.unit'))}</th><th>{esc(t('results.score'))}</th>"
            f"<th>{esc(t('results.votes'))}</th></tr>"
        )
        for item in results.ranking:
            parts.append(
                f"<tr><td>{item.rank}{'=' if item.tied else ''}</td><td><b>{esc(item.entry.slug)}</b> "
                f"{esc(item.entry.spec.title)}</td><td>{esc(item.entry.unit_name)}</td>"
                f"<td>{esc(t.points(item.score))}</td><td>{esc(t.number(item.votes))}</td></tr>"
            )
        parts.append("</table>")
    parts.append(f"<h4>{esc(t('report.prizes'))}</h4><ul>")
    for tier in results.tiers:
        won = "; ".join(_winner(w, tier, t, private=True) for w in tier.winners) or t("report.no_winner")
        parts.append(f"<li><b>{esc(_tier_name(tier, t))}</b>: {esc(won)}</li>")
    parts.append(
        f"</ul><p>{esc(t('results.total_money'))}: {esc(t.money(results.total_money))}</p>"
        if results.tiers
        else f"</ul><p>{esc(t('report.no_prizes'))}</p>"
    )
    if results.applied_defaults:
        parts.append(
            f"<h4>{esc(t('results.defaults_title'))}</h4><ul>"
            + "".join(
                f"<li>{esc(t.render(text))}<br><em>{esc(change_hint(text, t))}</em></li>"
                for text in results.applied_defaults
            )
            + "</ul>"
        )
    return "".join(parts)
