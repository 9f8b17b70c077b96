"""Site plan: URLs the way MkDocs makes them, relative links, nav holds only hub pages."""

from __future__ import annotations

import pytest

from contest_portal.site.pages import page_url, relative_url


@pytest.mark.parametrize("src,directory,url", [
    ("index.md", True, ""), ("a/index.md", True, "a/"), ("a/b.md", True, "a/b/"),
    ("index.md", False, "index.html"), ("a/index.md", False, "a/index.html"), ("a/b.md", False, "a/b.html")])
def test_page_urls(src, directory, url):
    assert page_url(src, directory) == url


@pytest.mark.parametrize("target,base,rel", [
    ("c/the-le/", "c/", "the-le/"), ("c/", "c/bai-du-thi/e-01/", "../../"), ("", "c/the-le/", "../../"),
    ("c/media/e/video.mp4", "c/bai-du-thi/e/", "../../media/e/video.mp4"),
    ("c/media/e/a#b?c.mp4", "c/bai-du-thi/e/", "../../media/e/a%23b%3Fc.mp4"),
    ("c/media/e/Phóng sự.mp4", "c/", "media/e/Ph%C3%B3ng%20s%E1%BB%B1.mp4"),
    ("c/the-le.html", "c/index.html", "the-le.html")])
def test_relative_urls(target, base, rel):
    assert relative_url(target, base) == rel


def test_relative_urls_agree_with_posixpath():
    import posixpath

    from hypothesis import given
    from hypothesis import strategies as st

    segment = st.sampled_from(["a", "b", "c", "bai-du-thi", "e-01"])
    path = st.lists(segment, max_size=4).map("/".join)

    @given(path, path, st.booleans())
    def check(target, base, is_dir):
        target = target + ("/" if is_dir and target else "")
        base = base + "/" if base else ""
        expected = posixpath.relpath(target or ".", base or ".")
        if target.endswith("/") or target == "":
            expected = expected.rstrip("/") + "/"
        expected = "./" if expected in ("./", "") else expected
        assert relative_url(target, base) == expected

    check()
