"""The entry page as the public reads and shares it: the video first, the facts with clear labels,
share links that load nothing before a click, the unit's other entries."""

from __future__ import annotations

import re

import build as cli

from .conftest import MINIMAL_ENTRY, write_mkdocs_yml

OTHER_UNIT = MINIMAL_ENTRY.replace("unit: xa-a", "unit: xa-b")


def _build(tree, tmp_path, extra: str = ""):
    tree.contest()
    tree.entry(slug="e-01")
    tree.entry(slug="e-02")
    tree.entry(slug="e-03", text=OTHER_UNIT.format(n="e-03"))
    config = write_mkdocs_yml(tmp_path, extra=extra)
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 0
    return site


def _article(site, slug: str) -> str:
    html = (site / "2025-thu-nghiem" / "bai-du-thi" / slug / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_entry_page_facts_share_links_and_the_units_other_entries(tree, tmp_path):
    site = _build(tree, tmp_path, "site_url: https://cong.example.gov.vn/cuoc-thi/\n")
    body = _article(site, "e-01")
    # the player comes before every fact
    assert body.index("<video") < body.index('class="cp-contest-name"') < body.index('class="cp-entry-facts"')
    facts = dict(re.findall(r"<dt>(.*?)</dt>\s*<dd[^>]*>\s*(.*?)\s*</dd>", body, re.S))
    assert facts["Đơn vị"] == "UBND xã A"
    assert facts["Loại đơn vị"] == "UBND các xã"  # the unit's category, no longer the ambiguous "Nhóm"
    assert "Nhóm" not in facts and facts["Loại tác phẩm"] == "Video" and facts["Thời lượng"] == "0:02"
    # plain links to the share pages with this page's address; no script of theirs anywhere
    address = "https%3A%2F%2Fcong.example.gov.vn%2Fcuoc-thi%2F2025-thu-nghiem%2Fbai-du-thi%2Fe-01%2F"
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={address}"' in body
    assert f'href="https://sp.zalo.me/share?url={address}"' in body
    page = (site / "2025-thu-nghiem" / "bai-du-thi" / "e-01" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+(facebook|zalo)", page) and "connect.facebook.net" not in page
    # the same unit's other entry, not itself, not the other unit's
    same = body[body.index('class="cp-same-unit"') :]
    assert "Tác phẩm khác của UBND xã A" in same
    assert 'href="../e-02/"' in same and "../e-01/" not in same and "e-03" not in same
    assert 'class="cp-same-unit"' not in _article(site, "e-03")  # alone in its unit


def test_no_share_links_without_the_sites_address(tree, tmp_path):
    site = _build(tree, tmp_path)
    body = _article(site, "e-01")
    assert "cp-share" not in body and "facebook.com" not in body
