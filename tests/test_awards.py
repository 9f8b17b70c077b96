"""The one routine every prize basis uses: take the top of an ordered pool, report a tie at the cut."""

from __future__ import annotations

from contest_portal.judging.awards import Cut, top_of

# (name, points), best first: c and d tie on 70
POOL = [("a", 90), ("b", 80), ("c", 70), ("d", 70), ("e", 60)]


def points(item):
    return item[1]


def names(items) -> list[str]:
    return [name for name, _ in items]


def test_a_tie_straddling_the_cut_names_every_tied_item():
    cut = top_of(POOL, 3, points)
    assert names(cut.chosen) == ["a", "b", "c"]
    assert names(cut.tied) == ["c", "d"]  # c was chosen, d left out with the same points


def test_a_cut_between_different_keys_reports_no_tie():
    cut = top_of(POOL, 2, points)
    assert names(cut.chosen) == ["a", "b"] and cut.tied == []
    cut = top_of(POOL, 4, points)  # the tie is inside the chosen ones: nobody is left out by it
    assert names(cut.chosen) == ["a", "b", "c", "d"] and cut.tied == []


def test_the_tied_list_includes_chosen_items_before_the_last():
    pool = [("a", 90), ("b", 70), ("c", 70), ("d", 70)]
    assert top_of(pool, 2, points) == Cut([("a", 90), ("b", 70)], [("b", 70), ("c", 70), ("d", 70)])


def test_a_pool_smaller_than_the_count_or_empty():
    assert top_of(POOL[:2], 3, points) == Cut(POOL[:2], [])
    assert top_of([], 3, points) == Cut([], [])
    assert top_of(POOL, 0, points) == Cut([], [])


def test_composite_keys_tie_only_when_equal_in_every_part():
    quiz = [("p", (10, 95.0)), ("q", (10, 95.0)), ("r", (10, 96.0))]
    assert names(top_of(quiz, 1, points).tied) == ["p", "q"]
    assert top_of(quiz, 2, points).tied == []  # q and r differ in time
