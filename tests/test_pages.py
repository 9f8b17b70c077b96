"""Site plan: URLs the way MkDocs makes them, relative links, nav holds only hub pages."""

from __future__ import annotations

import pytest

from contest_portal.site.urls import page_url, relative_url


@pytest.mark.parametrize(
    "src,directory,url",
    [
        ("index.md", True, ""),
        ("a/index.md", True, "a/"),
        ("a/b.md", True, "a/b/"),
        ("index.md", False, "index.html"),
        ("a/index.md", False, "a/index.html"),
        ("a/b.md", False, "a/b.html"),
    ],
)
def test_page_urls(src, directory, url):
    assert page_url(src, directory) == url


@pytest.mark.parametrize(
    "target,base,rel",
    [
        ("c/the-le/", "c/", "the-le/"),
        ("c/", "c/bai-du-thi/e-01/", "../../"),
        ("", "c/the-le/", "../../"),
        ("c/media/e/video.mp4", "c/bai-du-thi/e/", "../../media/e/video.mp4"),
        ("c/media/e/a#b?c.mp4", "c/bai-du-thi/e/", "../../media/e/a%23b%3Fc.mp4"),
        ("c/media/e/Phóng sự.mp4", "c/", "media/e/Ph%C3%B3ng%20s%E1%BB%B1.mp4"),
        ("c/the-le.html", "c/index.html", "the-le.html"),
    ],
)
def test_relative_urls(target, base, rel):
    assert relative_url(target, base) == rel


def test_relative_urls_agree_with_posixpath():
    import posixpath

    from hypothesis import given
    from hypothesis import strategies as st

    segment = st.sampled_from(["a", "b", "c", "bai-du-thi", "e-01"])
    path = st.lists(segment, max_size=4).map("/".join)

    @given(path, path, st.booleans())
    def check(target, base, is_dir):
        target = target + ("/" if is_dir and target else "")
        base = base + "/" if base else ""
        expected = posixpath.relpath(target or ".", base or ".")
        if target.endswith("/") or target == "":
            expected = expected.rstrip("/") + "/"
        expected = "./" if expected in ("./", "") else expected
        assert relative_url(target, base) == expected

    check()


ARTICLE_CONTEST = """\
year: 2025
title: Cuộc thi bài viết
organizer: {name: UBND huyện}
entry_kinds: [article]
unit_categories: [{id: xa, name: Xã}]
units: [{id: xa-1, name: UBND xã 1, category: xa}]
timeline:
  - {kind: submission, start: 2025-05-01, end: "2025-05-31 17:00"}
prizes:
  tiers: [{id: nhat, name: Giải Nhất, count: 1, amount: 1000000}]
results:
  published: true
  decision: {number: 12/QĐ, date: 2025-06-20, winners: {nhat: [e-01]}}
"""
ARTICLE_ENTRY = """\
title: Bài viết một
kind: article
article: bai.md
authors: [{name: Nguyễn Văn A}]
unit: xa-1
consent: {publication: true}
"""


def test_planning_opens_no_file_and_returns_output_specs(tree, monkeypatch):
    """Exports, the calendar and the article text are planned as data; bytes and text come later."""
    from pathlib import Path

    from contest_portal.core.i18n import Translator
    from contest_portal.core.values import parse_moment
    from contest_portal.pipeline import load_portal
    from contest_portal.site.contexts import EntryPage
    from contest_portal.site.exports import Table
    from contest_portal.site.ics import ContestCalendar
    from contest_portal.site.pages import OutputSpec, plan_pages
    from contest_portal.site.showcase import View

    tree.contest("2025-bai-viet", ARTICLE_CONTEST)
    folder = tree.entry("2025-bai-viet", "e-01", ARTICLE_ENTRY, video=False)
    (folder / "bai.md").write_text("Nội dung **bài viết**\n", encoding="utf-8")
    portal = load_portal(tree.root, probe=False)

    def guarded(original):
        def read(path, *args, **kwargs):
            if tree.root in Path(path).parents:  # the contest data (the translations may be read)
                raise AssertionError(f"planning opened {path}")
            return original(path, *args, **kwargs)

        return read

    with monkeypatch.context() as patch:
        for name in ("read_text", "read_bytes", "open"):
            patch.setattr(Path, name, guarded(getattr(Path, name)))
        plan = plan_pages(portal, Translator("vi"), parse_moment("2025-07-01").start)

    kinds = {spec.src_uri: (spec.kind, type(spec.data)) for spec in plan.outputs}
    assert all(isinstance(spec, OutputSpec) and not isinstance(spec.data, bytes) for spec in plan.outputs)
    assert kinds == {
        "2025-bai-viet/ket-qua-2025-bai-viet.csv": ("csv", Table),
        "2025-bai-viet/ket-qua-2025-bai-viet.xlsx": ("xlsx", Table),
        "2025-bai-viet/ket-qua-2025-bai-viet.json": ("json", dict),
        "2025-bai-viet/lich-cuoc-thi.ics": ("ics", ContestCalendar),
        # the embeddable views and the data feeds (site/showcase.py)
        "2025-bai-viet/nhung/index.html": ("html", View),
        "2025-bai-viet/nhung/e-01/index.html": ("html", View),
        "2025-bai-viet/nhung/ket-qua/index.html": ("html", View),
        "2025-bai-viet/feed.json": ("feed", dict),
        "feed.json": ("feed", dict),
    }
    context = plan.pages["2025-bai-viet/bai-du-thi/e-01.md"].context
    assert isinstance(context, EntryPage)
    card = context.card
    assert card.texts["article"] == "Nội dung **bài viết**\n" and card.texts["explanatory_text"] is None


def test_an_entry_page_lists_at_most_six_other_entries_of_its_unit_in_gallery_order():
    """SitePlan.same_unit: the entry's own card left out, the other unit's too, at most six."""
    from types import SimpleNamespace
    from typing import cast

    from contest_portal.site.contexts import Card
    from contest_portal.site.pages import SitePlan

    def card(slug: str, unit: str) -> Card:  # a stand-in with what same_unit reads of a Card
        return cast(
            Card, SimpleNamespace(uri=f"c/bai-du-thi/{slug}.md", entry=SimpleNamespace(spec=SimpleNamespace(unit=unit)))
        )

    cards = [card(f"a-{n}", "xa-a") for n in range(8)] + [card("b-0", "xa-b")]
    cards.insert(2, cards.pop())  # the other unit's entry between them
    plan = SitePlan(cards={"c": tuple(cards)})
    slugs = lambda found: [c.uri.split("/")[-1][:-3] for c in found]  # noqa: E731
    assert slugs(plan.same_unit("c", cards[0])) == ["a-1", "a-2", "a-3", "a-4", "a-5", "a-6"]
    assert slugs(plan.same_unit("c", cards[4])) == ["a-0", "a-1", "a-2", "a-4", "a-5", "a-6"]
    assert slugs(plan.same_unit("c", cards[2])) == []  # alone in its unit
    assert slugs(plan.same_unit("c", cards[0], limit=2)) == ["a-1", "a-2"]
