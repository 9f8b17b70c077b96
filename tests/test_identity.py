"""The organizing body's identity (the plugin's ``identity`` option): logo, colours, footer, staff pages."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

import build as cli
from contest_portal.mkdocs_plugin.config import contrast

from .conftest import FIXED_TODAY, write_mkdocs_yml

EMBLEM = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="#a00"/></svg>'

IDENTITY = textwrap.dedent("""\
      identity:
        organizer: UBND xã Thử Nghiệm
        logo: anh/bieu-trung.svg
        address: Số 1 đường Thử, xã Thử Nghiệm
        phone: 0233 3 123 456
        email: vanphong@thunghiem.gov.vn
        legal: Giấy phép số 01/GP-TTĐT ngày 1/1/2024.
        primary_color: "#0b4f8a"
        staff_pages:
          Hướng dẫn cho ban tổ chức: huong-dan.md
""")


def _project(tree, tmp_path, identity: str = IDENTITY):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    text = config.read_text(encoding="utf-8").replace(
        f'today: "{FIXED_TODAY}"\n', f'today: "{FIXED_TODAY}"\n' + textwrap.indent(identity, " " * 6)
    )
    config.write_text(text + "not_in_nav: huong-dan.md\n", encoding="utf-8")
    (tmp_path / "anh").mkdir()
    (tmp_path / "anh" / "bieu-trung.svg").write_text(EMBLEM, encoding="utf-8")
    (tmp_path / "docs" / "huong-dan.md").write_text("# Hướng dẫn\n", encoding="utf-8")
    return config


def _footer(html: str) -> str:
    return html[html.index('<footer class="md-footer">') :]


def test_footer_logo_and_colours_come_from_the_options(tree, tmp_path):
    config = _project(tree, tmp_path)
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 0
    entry = (site / "2025-thu-nghiem" / "bai-du-thi" / "e-01" / "index.html").read_text(encoding="utf-8")
    footer = _footer(entry)
    assert '<p class="cp-footer__organizer">UBND xã Thử Nghiệm</p>' in footer
    assert "Số 1 đường Thử, xã Thử Nghiệm" in footer
    assert 'href="tel:02333123456"' in footer and "mailto:vanphong@thunghiem.gov.vn" in footer
    assert "Giấy phép số 01/GP-TTĐT ngày 1/1/2024." in footer
    assert "Made with" not in entry and "squidfunk" not in entry  # no theme credit by default
    # the organizers' pages, linked relative to this page (three folders down), not in the top menu
    assert 'href="../../../huong-dan/">Hướng dẫn cho ban tổ chức</a>' in footer
    assert 'href="../../../ma-loi/">Mã lỗi</a>' in footer
    menus = entry[: entry.index('<footer class="md-footer">')]
    assert "ma-loi/" not in menus and "huong-dan/" not in menus
    # the emblem is a file of the site, named by the organizing body
    assert (site / "assets" / "logo.svg").read_text(encoding="utf-8") == EMBLEM
    assert re.search(r'<img src="[./]*assets/logo\.svg" alt="UBND xã Thử Nghiệm"', entry)
    colours = (site / "assets" / "contest-portal-identity.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #0b4f8a;" in colours and "--md-accent-fg-color: #9a3412;" in colours
    assert "assets/contest-portal-identity.css" in entry


def test_theme_credit_only_when_asked(tree, tmp_path):
    config = _project(tree, tmp_path, "identity:\n  theme_credit: true\n")
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 0
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Material for MkDocs" in _footer(home)
    assert "cp-footer__organizer" not in home  # nothing configured: no empty lines
    assert 'href="ma-loi/">Mã lỗi</a>' in _footer(home)  # the error codes are always reachable


@pytest.mark.parametrize("colour, reason", [("#999999", "2.8:1"), ("red-ish", "#rrggbb")])
def test_an_unreadable_colour_is_refused(tree, tmp_path, colour, reason):
    config = _project(tree, tmp_path, f'identity:\n  primary_color: "{colour}"\n')
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "b")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode != 0
    assert "primary_color" in run.stderr and reason in run.stderr


def test_contrast_ratios_of_known_colours():
    # WCAG's own examples: black on white 21:1; #767676 is the lightest grey that passes AA on white
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#ffffff") == pytest.approx(1.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777") < 4.5
