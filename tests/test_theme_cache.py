"""Navigation rendered once per folder for pages outside it: the same HTML, far less work."""

from __future__ import annotations

import build as cli
from contest_portal.mkdocs_plugin import theme_cache

from .conftest import write_mkdocs_yml


def _build(tree, tmp_path, name: str) -> dict[str, str]:
    site = tmp_path / name
    assert cli.main(["build", "-f", str(tmp_path / "mkdocs.yml"), "--site-dir", str(site)]) == 0
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_cached_navigation_is_identical_and_rendered_once_per_folder(tree, tmp_path, monkeypatch):
    tree.contest()
    for number in range(1, 3):  # the fixture contest takes two entries per unit
        tree.entry(slug=f"e-0{number}")
    write_mkdocs_yml(tmp_path)
    renders = []
    original_put = theme_cache.PartialCache.put

    def counting_put(self, key, html):
        renders.append(key)
        return original_put(self, key, html)

    monkeypatch.setattr(theme_cache.PartialCache, "put", counting_put)
    cached = _build(tree, tmp_path, "cached")
    entry_renders = [key for key in renders if key and key[1] == "2025-thu-nghiem/bai-du-thi"]
    assert entry_renders == [("partials/nav.html", "2025-thu-nghiem/bai-du-thi")]  # once, not twice
    monkeypatch.setattr(theme_cache.PartialCache, "get", lambda self, key: None)  # render every time
    assert _build(tree, tmp_path, "uncached") == cached
