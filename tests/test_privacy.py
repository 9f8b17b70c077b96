"""Personal data never reaches the site; entries without consent are not published."""

from __future__ import annotations

import gzip
import shutil
import textwrap

import pytest
import yaml

import build as cli
from contest_portal.pipeline import load_portal

from .conftest import MINIMAL_ENTRY, ROOT, write_mkdocs_yml

PERSONAL = {
    "phone": ["0912345678", "+84 913 000 111", "02333 851 234"],
    "email": ["nguyen.van.rieng@gmail.com", "bimat.tacgia@yahoo.com.vn"],
    "address": ["Số 17 kiệt 5 đường Lê Lợi, phường Đông Hà", "Thôn Bí Mật, xã Vĩnh Riêng"],
    "id_number": ["045199012345", "079301009876"],
    "birth_date": ["2010-03-04"],
    "notes": ["Ghi chú nội bộ: tác giả là con ông Trưởng phòng"],
}


def _private_yaml(i: int) -> str:
    contacts = [
        {
            "name": f"Tác giả {i}",
            "phone": PERSONAL["phone"][i % 3],
            "email": PERSONAL["email"][i % 2],
            "address": PERSONAL["address"][i % 2],
            "id_number": PERSONAL["id_number"][i % 2],
            "birth_date": PERSONAL["birth_date"][0],
        }
    ]
    return yaml.safe_dump({"contacts": contacts, "notes": PERSONAL["notes"][0]}, allow_unicode=True)


@pytest.fixture(scope="module")
def leaky_site(tmp_path_factory):
    """The sample portal plus a contest whose entries carry personal data in every private field."""
    from tests.conftest import MINIMAL_CONTEST, ContestTree
    from tools.videogen import make_video

    project = tmp_path_factory.mktemp("privacy")
    shutil.copytree(ROOT / "entries", project / "entries")
    video = make_video(project / "v.mp4", duration_s=2, width=160, height=90)
    tree = ContestTree(project / "entries", video)
    tree.contest(text=MINIMAL_CONTEST.replace("max_entries: 2", "max_entries: 9"))
    for i in range(4):
        tree.entry(slug=f"e-0{i}", private=_private_yaml(i))
    config = write_mkdocs_yml(project)
    # every kind of output: both languages, feeds with absolute links (RSS), and the offline copy
    config.write_text(
        config.read_text()
        .replace(
            "  - contest:",
            "  - search\n  - offline:\n      enabled: !ENV [CONTEST_PORTAL_OFFLINE, false]\n  - contest:",
        )
        .replace("      cache_dir: .cache\n", "      cache_dir: .cache\n      languages: [vi, en]\n")
        + "site_url: https://portal.example.gov.vn/cuoc-thi/\n"
    )
    assert cli.main(["build", "-f", str(config), "--site-dir", str(project / "site")]) == 0
    assert cli.main(["build", "--offline", "-f", str(config), "--site-dir", str(project / "site" / "offline")]) == 0
    report = project / "reports" / "r.html"
    assert cli.main(["validate", "-f", str(config), "--html", str(report)]) == 0
    return project


def _all_values() -> set[str]:
    values = {v for vs in PERSONAL.values() for v in vs}
    for path in (ROOT / "entries").rglob("private.yml"):
        for contact in yaml.safe_load(path.read_text(encoding="utf-8"))["contacts"]:
            values |= {str(v) for k, v in contact.items() if k != "name" and v}
    return values


def _variants(value: str) -> set[str]:
    """The value as text, HTML-escaped, JSON-escaped and without spaces."""
    import html
    import json

    return {value, html.escape(value), json.dumps(value)[1:-1], value.replace(" ", "")}


def test_no_personal_value_in_any_output_file(leaky_site):
    site = leaky_site / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    assert any(p.name == "search_index.json" for p in files) and any(p.name.startswith("sitemap") for p in files)
    needles = {v.encode() for value in _all_values() for v in _variants(value)}
    assert any(p.name == "tin-tuc.rss" for p in files) and any(p.suffix == ".ics" for p in files)
    assert any(p.parts[-2:] == ("search", "search_index.js") for p in files)  # the offline copy
    assert any("en" in p.relative_to(site).parts[:1] for p in files)
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if path.suffix == ".ics":  # unfold the 75-octet lines and undo the escaping of , ; \\
            data = data.replace(b"\r\n ", b"").replace(b"\\,", b",").replace(b"\\;", b";")
        for needle in needles:
            assert needle not in data, f"{needle!r} in {path}"
    assert not list(site.rglob("private.yml"))


def test_posters_carry_no_metadata(leaky_site):
    from PIL import Image

    posters = list((leaky_site / "site").rglob("poster-*.jpg"))
    assert posters
    for poster in posters:
        with Image.open(poster) as image:
            assert not image.getexif() and "comment" not in image.info


def test_only_the_private_report_has_personal_data(leaky_site):
    html = (leaky_site / "reports" / "r.html").read_text(encoding="utf-8")
    assert PERSONAL["phone"][0] in html and PERSONAL["address"][0] in html


def test_entry_without_consent_is_validated_but_not_published(tree, tmp_path):
    tree.contest()
    tree.entry(slug="e-01")
    tree.entry(slug="e-02", text=MINIMAL_ENTRY.format(n=2).replace("consent: {publication: true}\n", ""))
    tree.entry(
        slug="e-03",
        text=MINIMAL_ENTRY.format(n=3)
        .replace("xa-a", "xa-b")
        .replace("consent: {publication: true}", "consent: {publication: true, minor: true}"),
    )
    portal = load_portal(tree.root)
    codes = {e.slug: [p.code for p in e.problems] for e in portal.contests[0].entries}
    assert codes == {"e-01": [], "e-02": ["PRV001"], "e-03": ["PRV002"]}
    assert [e.slug for e in portal.contests[0].published_entries] == ["e-01"]
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    gallery = tmp_path / "site" / "2025-thu-nghiem" / "bai-du-thi"
    assert (gallery / "e-01").is_dir() and not (gallery / "e-02").exists() and not (gallery / "e-03").exists()
    assert not (tmp_path / "site" / "2025-thu-nghiem" / "media" / "e-02").exists()
    report = tmp_path / "r.html"
    assert cli.main(["validate", "-f", str(config), "--html", str(report)]) == 0
    assert "PRV001" in report.read_text(encoding="utf-8")


def test_personal_keys_in_entry_yml_are_refused(tree):
    tree.contest()
    tree.entry(
        text=MINIMAL_ENTRY.format(n=1)
        + textwrap.dedent("""\
        so_dien_thoai: "0912345678"
        """)
    )
    portal = load_portal(tree.root, probe=False)
    assert [p.code for p in portal.all_problems()] == ["SCH005"]


def test_markdown_article_is_sanitized_into_the_entry_page(tree, tmp_path):
    tree.contest()
    folder = tree.entry(text=MINIMAL_ENTRY.format(n=1) + "article: bai-viet.md\n")
    (folder / "bai-viet.md").write_text(
        "# Bài viết\n\nNội dung **đậm**.\n\n<script>alert('a')</script>\n<img src=x onerror=alert(6)>\n",
        encoding="utf-8",
    )
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    site = tmp_path / "site"
    page = (site / "2025-thu-nghiem" / "bai-du-thi" / "e-01" / "index.html").read_text(encoding="utf-8")
    assert "<strong>đậm</strong>" in page and "onerror" not in page and "<script>alert" not in page
    assert not list(site.rglob("bai-viet*")), "the article must not be published as a page of its own"
