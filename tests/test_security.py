"""The security headers allow exactly the theme's inline scripts, and refuse any other script."""

from __future__ import annotations

import base64
import hashlib

import pytest

from contest_portal.publish.headers import PageScripts, UnexpectedScript, inline_script_hashes

THEME = '<script>var __md_scope=new URL("../..",location)</script>\n<script id="__config" type="application/json">{"a": 1}</script>\n'


def _site(tmp_path, pages: dict[str, str | bytes]):
    site = tmp_path / "site"
    site.mkdir()
    (site / "404.html").write_text(f"<html><head>{THEME}</head><body></body></html>", encoding="utf-8")
    for name, body in pages.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        path.write_bytes(data)
    return site


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def test_the_theme_scripts_are_hashed_on_every_page(tmp_path):
    page = (
        THEME.replace("../..", "..")
        + '<script src="assets/x.js"></script><script type="application/ld+json">{"@type": "Event"}</script>'
    )
    site = _site(tmp_path, {"a/index.html": page, "a/b/index.html": THEME})
    hashes = inline_script_hashes(site)
    assert hashes == {_hash('var __md_scope=new URL("../..",location)'), _hash('var __md_scope=new URL("..",location)')}


def test_a_script_from_a_browser_reading_crlf_gets_the_hash_of_lf(tmp_path):
    site = _site(tmp_path, {"a/index.html": b'<script>var __md_scope=new URL("..",\r\nlocation)</script>'})
    (site / "404.html").write_text('<script>var __md_scope=new URL("../..",\nlocation)</script>', encoding="utf-8")
    assert inline_script_hashes(site) == {
        _hash('var __md_scope=new URL("..",\nlocation)'),
        _hash('var __md_scope=new URL("../..",\nlocation)'),
    }


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",  # a script of its own
        "<SCRIPT>alert(1)</SCRIPT >",  # in capitals
        "<!-- <script>alert(1)</script> -->",  # even in a comment (stricter is fine)
        "<script </script>alert(1)</script><script>var a=1</script>",  # a start tag swallowing an end tag
        '<script title="</script>">alert(1)</script>',  # an end tag inside an attribute
        "<p>text</p><script>alert(1)",  # never closed: the rest of the page is script
        b"<script>\xff\xfealert(1)</script>",  # not UTF-8
    ],
)
@pytest.mark.parametrize("handed_over", [False, True], ids=["read-from-disk", "handed-over-by-the-build"])
def test_any_other_inline_script_fails(tmp_path, markup, handed_over):
    body = markup if isinstance(markup, bytes) else markup.encode("utf-8")
    site = _site(tmp_path, {"a/index.html": THEME.encode("utf-8") + body})
    seen = PageScripts()
    if handed_over:  # as the build hands each page over when it writes it
        seen.add("a/index.html", THEME.encode("utf-8") + body)
    with pytest.raises(UnexpectedScript) as caught:
        inline_script_hashes(site, seen)
    assert caught.value.page == site / "a" / "index.html"


def test_the_pages_handed_over_are_not_read_again_and_the_others_are(tmp_path):
    page = THEME.replace("../..", "..")
    site = _site(
        tmp_path,
        {
            "a/index.html": "<script>alert('changed on disk after')</script>",
            "media/e-01/x.html": "<script>alert('in a folder of media')</script>",
            "docs-page.html": page,
        },
    )
    seen = PageScripts()
    seen.add("a/index.html", page)  # what the build wrote: the file on disk is not read again
    seen.skip_dirs.add("media/e-01")
    assert inline_script_hashes(site, seen) == {
        _hash('var __md_scope=new URL("..",location)'),
        _hash('var __md_scope=new URL("../..",location)'),
    }
    (site / "docs-page.html").write_text("<script>alert('copied from docs/')</script>", encoding="utf-8")
    with pytest.raises(UnexpectedScript) as caught:  # a file the build did not hand over: read from disk
        inline_script_hashes(site, seen)
    assert caught.value.page == site / "docs-page.html"
    sub = PageScripts()
    sub.add("x/index.html", "<script>alert('in the English site')</script>")
    seen.merge(sub, "en/")
    (site / "docs-page.html").write_text(page, encoding="utf-8")
    with pytest.raises(UnexpectedScript) as caught:
        inline_script_hashes(site, seen)
    assert caught.value.page == site / "en" / "x" / "index.html"
