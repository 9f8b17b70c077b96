"""Precompressed .gz and .br copies of the site's text files (publish/precompress.py, ``precompress``)."""

from __future__ import annotations

import gzip
import urllib.request

import brotli

import build as cli
from contest_portal.publish.precompress import precompress_site

from .conftest import bench_script, write_mkdocs_yml

PAGE = (
    "<!doctype html><html lang=vi><body>"
    + "<p>Dịch vụ công trực tuyến – người dân không phải đi lại</p>" * 60
    + "</body></html>"
).encode()


def test_text_files_get_gzip_and_brotli_copies_with_the_same_content(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(PAGE)
    (tmp_path / "style.css").write_bytes(b"body { color: #1f2933; }\n" * 40)
    (tmp_path / "tiny.js").write_bytes(b"var x = 1;\n")  # 11 bytes: not worth a copy
    (tmp_path / "poster.jpg").write_bytes(b"\xff\xd8" + bytes(2000))  # not text
    stats = precompress_site(tmp_path)
    assert stats.files == 2 and stats.plain_bytes == len(PAGE) + 1000
    assert gzip.decompress((tmp_path / "a" / "index.html.gz").read_bytes()) == PAGE
    assert brotli.decompress((tmp_path / "a" / "index.html.br").read_bytes()) == PAGE
    assert (tmp_path / "a" / "index.html.br").stat().st_size < len(PAGE) / 5  # a page's repeated text
    assert brotli.decompress((tmp_path / "style.css.br").read_bytes()) == b"body { color: #1f2933; }\n" * 40
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a",
        "poster.jpg",
        "style.css",
        "style.css.br",
        "style.css.gz",
        "tiny.js",
    ]
    # reproducible: no timestamp in the gzip header (bytes 4-7), the same bytes at every build
    packed = (tmp_path / "a" / "index.html.gz").read_bytes()
    assert packed[4:8] == b"\0\0\0\0"
    precompress_site(tmp_path)
    assert (tmp_path / "a" / "index.html.gz").read_bytes() == packed


def test_the_build_writes_them_when_asked_and_never_for_the_offline_build(tree, tmp_path):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(
        tmp_path,
        extra=(
            "      precompress: true\n  - search:\n      enabled: !ENV [CONTEST_PORTAL_OFFLINE, false]\n"
            "  - offline:\n      enabled: !ENV [CONTEST_PORTAL_OFFLINE, false]\n"
        ),
    )
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == 0
    site = tmp_path / "site"
    home = (site / "index.html").read_bytes()
    assert brotli.decompress((site / "index.html.br").read_bytes()) == home
    assert (
        gzip.decompress((site / "2025-thu-nghiem" / "the-le" / "index.html.gz").read_bytes())
        == (site / "2025-thu-nghiem" / "the-le" / "index.html").read_bytes()
    )
    assert (site / "assets" / "contest-portal.css.br").is_file() and (
        site / "assets" / "contest-portal.js.gz"
    ).is_file()
    assert not list(site.rglob("*.mp4.gz"))
    assert cli.main(["build", "--offline", "-f", str(config), "-d", str(tmp_path / "offline")]) == 0
    assert not list((tmp_path / "offline").rglob("*.br")) and not list((tmp_path / "offline").rglob("*.html.gz"))
    plain = tmp_path / "plain"
    config.write_text(
        config.read_text(encoding="utf-8").replace("precompress: true", "precompress: false"), encoding="utf-8"
    )
    assert cli.main(["build", "-f", str(config), "-d", str(plain)]) == 0
    assert not list(plain.rglob("*.br")) and not list(plain.rglob("*.html.gz"))


def test_the_bench_server_sends_the_copies_as_a_host_with_brotli_static_does(tmp_path):
    bench = bench_script("lighthouse")
    (tmp_path / "index.html").write_bytes(PAGE)
    (tmp_path / "other.html").write_bytes(PAGE.replace(b"vi", b"en"))  # no copies: gzip on the fly
    precompress_site(tmp_path)
    (tmp_path / "other.html.gz").unlink()
    (tmp_path / "other.html.br").unlink()
    server, base = bench.serve(tmp_path, "/")
    try:

        def get(path: str, accept: str):
            request = urllib.request.Request(base + path, headers={"Accept-Encoding": accept})
            with urllib.request.urlopen(request) as response:
                return response.headers.get("Content-Encoding"), response.read()

        assert get("", "gzip, deflate, br") == ("br", (tmp_path / "index.html.br").read_bytes())
        assert get("", "gzip") == ("gzip", (tmp_path / "index.html.gz").read_bytes())
        assert get("", "identity") == (None, PAGE)
        encoding, body = get("other.html", "gzip, br")
        assert encoding == "gzip" and gzip.decompress(body) == PAGE.replace(b"vi", b"en")
    finally:
        server.shutdown()
        server.server_close()
