"""The header's search box and what Pagefind indexes, added to each built page (``on_post_page``).

One search box in the header of every page: a button that opens a small panel with the query
field, the contest and unit filters and the results. Nothing of the search is fetched before the
visitor opens it: ``assets/site-search.js`` (a few KB) then loads Pagefind's script, and each
query only the index chunks of its words (see ``publish/site_search.py``).

Only the article of a public page is indexed (``data-pagefind-body``); listings whose every card
is an entry page the search finds (the galleries) are left out, as are the language switch and
the 404 page.
"""

from __future__ import annotations

import json
from html import escape

ARTICLE = '<article class="md-content__inner md-typeset">'
SEARCH_JS = "assets/site-search.js"
SEARCH_CSS = "assets/site-search.css"
_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 '
    "16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 "
    '3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>'
)
#: The catalogue keys (``search.*`` in locales/<lang>/pages.yml) the script shows, by their data- name.
SCRIPT_TEXTS = ("loading", "none", "found", "failed", "all_contests", "all_units", "contest", "unit")


def search_box_html(to_site_root: str, texts: dict[str, str]) -> str:
    """The header's search button and panel.

    ``to_site_root``: the relative link from the page up to the top of the whole site (where the
    ``pagefind/`` bundle is); ``texts``: the catalogue's ``search.*`` texts in the page's language,
    keyed by the last part of their key (``title``, ``label``, ``placeholder``, ``close`` and
    SCRIPT_TEXTS).
    """
    data = escape(json.dumps({key: texts[key] for key in SCRIPT_TEXTS}, ensure_ascii=False))
    return (
        f'<div class="cp-search" data-cp-search data-root="{escape(to_site_root or "./")}" data-texts="{data}">'
        f'<button type="button" class="md-header__button md-icon cp-search__open" aria-expanded="false" '
        f'aria-controls="cp-search-panel" title="{escape(texts["title"])}" aria-label="{escape(texts["title"])}">'
        f"{_ICON}</button>"
        f'<div class="cp-search__panel" id="cp-search-panel" role="dialog" aria-label="{escape(texts["title"])}" hidden>'
        '<form class="cp-search__form" role="search" action="#">'
        f'<label class="cp-search__label" for="cp-search-q">{escape(texts["label"])}</label>'
        f'<input class="cp-search__input" id="cp-search-q" type="search" autocomplete="off" spellcheck="false" '
        f'placeholder="{escape(texts["placeholder"])}">'
        f'<button type="button" class="cp-search__close">{escape(texts["close"])}</button></form>'
        '<div class="cp-search__filters"></div>'
        '<p class="cp-search__status" role="status" aria-live="polite"></p>'
        '<ol class="cp-search__results"></ol></div></div>'
    )


def add_search_box(output: str, box: str) -> str:
    """Put ``box`` at the end of the header's bar (the theme's ``<nav class="md-header__inner">``)."""
    header_end = output.find("</header>")
    bar_end = output.rfind("</nav>", 0, header_end) if header_end >= 0 else -1
    if bar_end < 0:
        return output
    return output[:bar_end] + box + output[bar_end:]


def mark_searchable(output: str) -> str:
    """Have Pagefind index this page's article (and nothing else of the page)."""
    return output.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1)
