"""The benchmark runs end to end and shows a warm rebuild that copies, probes and decodes nothing."""

from __future__ import annotations

import re

import pytest

from .conftest import bench_script


def _bench_module():
    return bench_script("bench")


def test_a_small_benchmark_prints_every_figure(capsys):
    bench = _bench_module()
    assert bench.main(["--sizes", "20", "--hang-timeout", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("probe time per file (ms") and "1GB-2" in lines[0]
    # two probes that hang cost one timeout each (2 s), not a stalled build
    hung = next(line for line in lines if line.startswith("cold build of 20 entries with 2 hung probes"))
    figures = [float(f) for f in re.findall(r"(\d+\.\d+) s", hung)]
    hung_s, normal_s = figures[0], figures[1]
    assert hung_s >= 4 and hung_s < normal_s + 2 * 2 + 10, hung
    header = next(i for i, line in enumerate(lines) if line.split()[:2] == ["entries", "pages"])
    row = dict(zip([name for name, _ in bench.COLUMNS], lines[header + 1].split()))
    assert row["entries"] == "20" and int(row["pages"]) > 20
    assert float(row["cold s"]) > 0 and float(row["plain s"]) > 0 and float(row["warm/plain"]) > 0
    assert (
        row["cold probes"] == "20" and row["cold decodes"] == "40"
    )  # cold: every video probed; a poster and a thumbnail each
    assert (row["copied B"], row["probes"], row["decodes"], row["parsed"]) == (
        "0",
        "0",
        "0",
        "0",
    )  # warm: nothing again
    assert float(row["changed s"]) > 0 and float(row["index s"]) > 0 and float(row["index/plain"]) > 0
    # the warm build links the search index kept from the cold one; a changed entry indexes every page again
    search = next(line for line in lines if line.startswith("20 entries: site search:"))
    assert "the warm build linked the kept index" in search and "pages indexed again in" in search, search


def test_the_plain_baseline_pages_say_what_entry_pages_say(tmp_path, tiny_video):
    """The ratio is only fair if each plain page carries what an entry page shows."""
    import re
    import subprocess
    import sys

    import build as cli

    bench = _bench_module()
    config = bench.make_portal(tmp_path / "portal", 20, tiny_video)
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "portal" / "site")]) == 0
    plain = bench.make_plain(tmp_path / "plain", 20, 30)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain)], check=True, cwd=tmp_path)
    pages = [
        tmp_path / "portal" / "site" / "2016-thi-1" / "bai-du-thi" / "e-0001" / "index.html",
        tmp_path / "plain" / "site" / "2016-thi-1" / "bai-du-thi" / "e-0001" / "index.html",
    ]
    articles = [re.search(r"<article.*?</article>", page.read_text(encoding="utf-8"), re.S) for page in pages]
    bodies = [article.group(0) for article in articles if article]
    assert len(bodies) == 2, "a page without its <article>"
    texts = [" ".join(re.sub(r"<[^>]+>", " ", body).split()) for body in bodies]
    for fact in (
        "Tác phẩm 1-1",
        "Tất cả tác phẩm",
        "Cuộc thi thử 1",
        "Tải video",
        "Tác giả",
        "Tác giả 1",
        "Đơn vị",
        "UBND xã A",
        "Loại đơn vị",
        "Xã",
        "Loại tác phẩm",
        "Video",
        "Thời lượng",
        "0:02",
    ):
        assert all(fact in text for text in texts), fact
    for body in bodies:
        assert re.search(r'<video [^>]*poster="[^"]+"', body) and '<source src="' in body
    assert len(list((tmp_path / "plain" / "docs").rglob("*.md"))) == 30


@pytest.mark.browser
def test_the_search_costs_a_page_load_little_and_a_first_query_within_the_target(capsys, browser):
    """bench/search_bytes.py on a small portal in two languages: its targets met, every figure printed."""
    module = bench_script("search_bytes")
    assert module.main(["--sizes", "20"], browser=browser) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines() if line.split()[:1] == ["20"]]
    assert [row[1] for row in rows] == ["vi", "en"]
    for row in rows:
        page_load, first_query = int(row[2]), int(row[3])
        assert 0 < page_load <= 20_000  # the box's script and style only
        assert 50_000 < first_query <= 300_000  # Pagefind's script and WebAssembly, and the chunks
