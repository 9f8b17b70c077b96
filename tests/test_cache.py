"""The file cache trusts an entry only while the file is unchanged, and survives damage."""

from __future__ import annotations

import os

import pytest

from contest_portal.core.cache import FileCache


def test_round_trip_and_invalidation(tmp_path):
    data = tmp_path / "v.mp4"
    data.write_bytes(b"abc")
    cache = FileCache(tmp_path / "c.json", "probe")
    assert cache.get(data) is None
    cache.put(data, {"duration": 1})
    cache.save()
    again = FileCache(tmp_path / "c.json", "probe")
    assert again.get(data) == {"duration": 1}
    data.write_bytes(b"abcd")  # size changes
    assert again.get(data) is None


def test_same_size_new_mtime_is_a_miss(tmp_path):
    data = tmp_path / "v.mp4"
    data.write_bytes(b"abc")
    cache = FileCache(tmp_path / "c.json", "probe")
    cache.put(data, 1)
    st = data.stat()
    os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert cache.get(data) is None


def test_damaged_or_foreign_cache_starts_empty(tmp_path):
    data = tmp_path / "v.mp4"
    data.write_bytes(b"abc")
    for content in (
        "{not json",
        '{"version": 0, "kind": "probe", "entries": {}}',
        "[1, 2]",
        '{"version": 1, "kind": "poster", "entries": {}}',
        "",
    ):
        (tmp_path / "c.json").write_text(content)
        cache = FileCache(tmp_path / "c.json", "probe")
        assert cache.damaged
        assert cache.get(data) is None
        cache.put(data, 2)
        cache.save()
        assert FileCache(tmp_path / "c.json", "probe").get(data) == 2


# --- compiled templates (Jinja's bytecode cache) ------------------------------------------------


def _cached_templates(project):
    return {p: p.stat().st_mtime_ns for p in (project / ".cache" / "templates").rglob("*.cache")}


def _template_project(tree, tmp_path):
    from .conftest import write_mkdocs_yml

    tree.contest()
    tree.entry()
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block announce %}THEME-ONE{% endblock %}\n')
    pages = tmp_path / "page-templates"
    pages.mkdir()
    (pages / "rules.html").write_text("<p>PAGE-ONE</p>\n")
    config = write_mkdocs_yml(tmp_path)
    text = config.read_text(encoding="utf-8")
    text = text.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    text = text.replace("      cache_dir: .cache\n", "      cache_dir: .cache\n      templates_dir: page-templates\n")
    config.write_text(text, encoding="utf-8")
    return config, overrides, pages


def test_rebuild_reuses_compiled_templates_and_sees_edited_ones(tree, tmp_path):
    import build as cli

    config, overrides, pages = _template_project(tree, tmp_path)
    site = tmp_path / "site"
    rules = site / "2025-thu-nghiem" / "the-le" / "index.html"
    assert cli.main(["build", "-f", str(config), "-d", str(site)]) == 0
    assert "THEME-ONE" in rules.read_text() and "PAGE-ONE" in rules.read_text()
    compiled = _cached_templates(tmp_path)
    kinds = {p.parent.name for p in compiled}
    assert kinds == {"theme", "pages"}, kinds  # the theme's templates and the plugin's own
    assert len(compiled) > 10

    assert cli.main(["build", "-f", str(config), "-d", str(site)]) == 0
    assert _cached_templates(tmp_path) == compiled  # nothing compiled again

    (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block announce %}THEME-TWO{% endblock %}\n')
    (pages / "rules.html").write_text("<p>PAGE-TWO</p>\n")
    assert cli.main(["build", "-f", str(config), "-d", str(site)]) == 0
    text = rules.read_text()
    assert "THEME-TWO" in text and "PAGE-TWO" in text and "ONE" not in text
    changed = {p for p, mtime in _cached_templates(tmp_path).items() if compiled.get(p) != mtime}
    assert len(changed) == 2  # only the two edited templates were compiled again


def test_damaged_compiled_templates_are_compiled_again(tree, tmp_path):
    import build as cli

    config, _, _ = _template_project(tree, tmp_path)
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "a")]) == 0
    for path in _cached_templates(tmp_path):
        path.write_bytes(b"not a compiled template")
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "b")]) == 0
    page = "2025-thu-nghiem/the-le/index.html"
    assert (tmp_path / "a" / page).read_text() == (tmp_path / "b" / page).read_text()
    assert all(path.read_bytes().startswith(b"j2") for path in _cached_templates(tmp_path))


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(tree, tmp_path):
    import shutil
    import subprocess

    import build as cli

    config, overrides, _ = _template_project(tree, tmp_path)
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "a")]) == 0
    folders = sorted({p.parent for p in _cached_templates(tmp_path)})
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folders[0])]).returncode != 0:
        pytest.skip("no immutable folders here (chattr)")  # root ignores permissions: chattr is the real test
    try:
        for folder in folders[1:]:
            subprocess.run(["chattr", "+i", str(folder)], check=True)
        (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block announce %}THEME-NEW{% endblock %}\n')
        assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "b")]) == 0
        assert "THEME-NEW" in (tmp_path / "b" / "2025-thu-nghiem" / "the-le" / "index.html").read_text()
    finally:
        for folder in folders:
            subprocess.run(["chattr", "-i", str(folder)])
