"""The public pages without the theme's script (the ``theme_script`` option, off by default).

Material for MkDocs loads one bundle of about 110 KB of script on every page (35 KB compressed).
On a mid-range phone its start-up is the page's longest work after the first paint: Lighthouse's
mobile run counts 150–500 ms of blocking time for it on the sample portal, most of what kept
Performance below 95, while the portal uses almost nothing of it (the menu drawer, the header's
search and the tables work without it). So the published pages leave it out, and what the
portal needs of it is done at build time or by the plugin's own small script:

* tables written in Markdown pages get the scroll box the theme's script would add
  (``md-typeset__scrollwrap``), so a wide table scrolls inside the page on a phone;
* the "back to top" button (feature ``navigation.top``) is labelled in the build's language
  by the catalogue (``top.label``: the theme's Vietnamese says "Trở lại mục lục", "back to the
  table of contents") and shown and run by ``contest-portal.js``.

The bundle stays when the theme's own search is on (the offline build: that search is in it) or
with ``theme_script: true`` (a site whose hand-written pages use content tabs, code-copy buttons
or other features of the theme's script).
"""

from __future__ import annotations

import html
import re

#: the theme's script tag as Material 9 writes it (relative or absolute address); the pattern starts
#: with its literal "<script" so that the search skips ahead (a leading "[ \t]*" made the regex engine
#: try every position of the page: 1.4 ms a page instead of 0.06 ms)
THEME_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>\n?')
#: the theme's "back to top" button: its label is the last text before </button>
TOP_BUTTON = re.compile(
    r'(<button type="button" class="md-top md-icon" data-md-component="top" hidden>.*?</svg>)'
    r"\s*[^<]*?\s*(</button>)",
    re.S,
)
#: a table of a Markdown page (no class: the plugin's own tables carry theirs and their own box)
BARE_TABLE = re.compile(r"<table>.*?</table>", re.S)
SCROLL_BOX = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">{}</div></div>'


def drop_theme_script(page: str) -> str:
    """``page`` without the tag that loads the theme's script bundle (the first one only), and
    without the indentation of its line."""
    found = THEME_BUNDLE.search(page)
    if found is None:
        return page
    start = found.start()
    while start and page[start - 1] in " \t":
        start -= 1
    return page[:start] + page[found.end() :]


def label_top_button(page: str, label: str) -> str:
    """The "back to top" button of ``page`` labelled ``label`` (HTML-escaped here)."""
    return TOP_BUTTON.sub(lambda m: f"{m.group(1)}\n  {html.escape(label)}\n{m.group(2)}", page, count=1)


def wrap_tables(content: str) -> str:
    """Each bare ``<table>`` of a page's content in the theme's scroll box (as its script would)."""
    return BARE_TABLE.sub(lambda m: SCROLL_BOX.format(m.group(0)), content)
