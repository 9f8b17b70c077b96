"""The published pages without the theme's script bundle (mkdocs_plugin/theme_script.py, ``theme_script``)."""

from __future__ import annotations

import build as cli
from contest_portal.mkdocs_plugin.theme_script import drop_theme_script, label_top_button, wrap_tables

from .conftest import write_mkdocs_yml

BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
TOP = """<button type="button" class="md-top md-icon" data-md-component="top" hidden>
  <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M13 20h-2V8z"/></svg>
  Trở lại mục lục
</button>"""


def test_the_bundle_tag_goes_and_nothing_else():
    page = f'<body><p>x</p>\n      {BUNDLE}\n      <script src="../assets/contest-portal.js"></script></body>'
    assert drop_theme_script(page) == '<body><p>x</p>\n      <script src="../assets/contest-portal.js"></script></body>'


def test_the_back_to_top_button_says_what_it_does():
    labelled = label_top_button(f"<main>{TOP}</main>", "Lên đầu trang")
    assert "Trở lại mục lục" not in labelled and labelled.endswith("</svg>\n  Lên đầu trang\n</button></main>")
    assert label_top_button(TOP, "<Back & top>").count("&lt;Back &amp; top&gt;") == 1


def test_a_markdown_table_gets_the_scroll_box_and_the_portals_own_tables_do_not():
    content = '<p>a</p><table>\n<tr><td>1</td></tr>\n</table><table class="cp-t"><tr><td>2</td></tr></table>'
    assert wrap_tables(content) == (
        '<p>a</p><div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        "<table>\n<tr><td>1</td></tr>\n</table></div></div>"
        '<table class="cp-t"><tr><td>2</td></tr></table>'
    )


def test_the_option_keeps_the_bundle_for_a_site_that_wants_it(tree, tmp_path):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "without")]) == 0
    home = (tmp_path / "without" / "index.html").read_text(encoding="utf-8")
    assert "javascripts/bundle." not in home
    config.write_text(config.read_text(encoding="utf-8") + "      theme_script: true\n", encoding="utf-8")
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "with")]) == 0
    assert "javascripts/bundle." in (tmp_path / "with" / "index.html").read_text(encoding="utf-8")
