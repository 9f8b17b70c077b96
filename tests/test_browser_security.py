"""Untrusted text cannot run script: known XSS payloads in every text field, checked in Chromium."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import Dialog

import build as cli

from .conftest import write_mkdocs_yml

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>alert('p1')</script>",
    "\"><img src=x onerror=alert('p2')>",
    "</title><script>alert('p3')</script>",
    "<svg onload=alert('p4')>",
    "[bấm vào đây](javascript:alert('p5'))",
    "<a href=\"javascript:alert('p6')\">x</a>",
    "<iframe src=\"javascript:alert('p7')\"></iframe>",
    "<details open ontoggle=alert('p8')>",
    '<img src="x" onerror="alert(\'p9\')">',
    "'-alert('p10')-'",
    "{{ 7*7 }} {% raw %}",
    "<style>@import 'javascript:alert(11)'</style>",
]


def _poison(i: int) -> str:
    return f"T{i} " + PAYLOADS[i % len(PAYLOADS)]


def _contest() -> dict:
    n = iter(range(1000))
    p = lambda: _poison(next(n))  # noqa: E731
    return {
        "year": 2025,
        "title": p(),
        "short_title": p(),
        "kind_label": p(),
        "organizer": {"name": p(), "parent": p()},
        "document": {
            "kind": p(),
            "number": p(),
            "title": p(),
            "issuer": p(),
            "place": p(),
            "signatory": {"name": p(), "title": p(), "on_behalf": p()},
            "recipients": [p(), p()],
        },
        "rules_document": {"kind": p(), "title": p()},
        "legal_basis": [{"kind": p(), "number": p(), "issuer": p(), "title": p()}],
        "purpose": [p(), p()],
        "requirements": [p()],
        "eligibility": {"scope": p(), "eligible": [p()], "note": p()},
        "content": {"theme": p(), "description": [p()], "suggested_topics": [p(), p()]},
        "format": [p()],
        "video_rules": {"notes": [p()]},
        "quotas": {"per_author_max": 3, "note": p()},
        "unit_categories": [{"id": "xa", "name": p()}],
        "units": [{"id": "xa-a", "name": p(), "category": "xa"}],
        "timeline": [
            {
                "kind": "submission",
                "label": p(),
                "start": "2025-05-01",
                "end": "2025-05-31",
                "note": p(),
                "source_text": p(),
            }
        ],
        "prizes": {
            "note": p(),
            "award_form": p(),
            "tiers": [{"id": "nhat", "name": p(), "count": 1, "amount": 1000000, "note": p(), "award_form": p()}],
        },
        "funding": p(),
        "organization": {
            "people": [{"name": p(), "role": "jury", "position": p(), "unit": p()}],
            "responsibilities": [{"unit": p(), "duties": [p()]}],
        },
        "submission": {"methods": [p()], "address": p(), "required_info": [p()]},
        "contact": p(),
    }


def _entry(i: int) -> dict:
    n = iter(range(100 * i, 100 * i + 100))
    p = lambda: _poison(next(n))  # noqa: E731
    return {
        "title": p(),
        "authors": [{"name": p(), "position": p()}, {"name": p(), "position": p()}],
        "group": p(),
        "entrant": "group",
        "unit": "xa-a",
        "description": p() + "\n\n" + p(),
        "video": "video.mp4",
        "subtitles": [{"file": "vi.vtt", "label": p()}],
        "consent": {"publication": True},
    }


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory):
    from tools.videogen import make_video

    project = tmp_path_factory.mktemp("xss")
    contest = project / "entries" / "2025-xss"
    contest.mkdir(parents=True)
    (contest / "contest.yml").write_text(yaml.safe_dump(_contest(), allow_unicode=True), encoding="utf-8")
    for i in range(1, 4):
        folder = contest / f"e-0{i}"
        folder.mkdir()
        (folder / "entry.yml").write_text(yaml.safe_dump(_entry(i), allow_unicode=True), encoding="utf-8")
        make_video(folder / "video.mp4", duration_s=2, width=160, height=90, lines=[str(i)])
        (folder / "vi.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert('vtt')</script>\n")
    config = write_mkdocs_yml(project)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(project / "site")]) == 0
    return project / "site"


def test_payloads_reach_the_pages_as_text(poisoned_site):
    rules = (poisoned_site / "2025-xss" / "the-le" / "index.html").read_text(encoding="utf-8")
    assert "T0 &lt;script&gt;alert(&#39;p1&#39;)&lt;/script&gt;" in rules
    assert "<script>alert(" not in rules
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", rules, re.I)
    assert "{{ 7*7 }}" in rules  # text, not a template expression


def test_no_script_runs_and_no_dialog_opens(poisoned_site, browser, serve_folder):
    base = serve_folder(poisoned_site)
    pages = sorted(p.relative_to(poisoned_site).parent.as_posix() for p in poisoned_site.rglob("index.html"))
    assert len(pages) >= 8
    dialogs: list[str] = []
    context = browser.new_context()
    page = context.new_page()

    def note_and_dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", note_and_dismiss)
    for path in pages:
        page.goto(base + ("" if path == "." else path + "/"))
        page.wait_for_load_state("load")
        # open every <details> and hover images, so event-handler payloads would fire
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(el =>
            [...el.attributes].filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))
            .map(a => el.tagName + ' ' + a.name + '=' + a.value))""")
        assert handlers == [], (path, handlers)
        page.wait_for_timeout(50)
    context.close()
    assert dialogs == []
