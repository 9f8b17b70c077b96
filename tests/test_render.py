"""Page templates: a broken override stops the build with SIT003 at its file and line, in both languages."""

from __future__ import annotations

import pytest

import build as cli

from .conftest import write_mkdocs_yml


@pytest.mark.parametrize(
    "template, line, detail, lang",
    [
        ("<h1>{{ page.title }</h1>\n", 1, "unexpected '}'", "vi"),  # a syntax error
        ("<h1>x</h1>\n<p>{{ tac_gia }}</p>\n", 2, "'tac_gia' is undefined", "en"),  # a value that does not exist
    ],
)
def test_a_broken_template_override_is_reported_where_it_is(
    tree, tmp_path, caplog, capsys, template, line, detail, lang
):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    config.write_text(config.read_text().replace("cache_dir: .cache", "cache_dir: .cache\n      templates_dir: mau"))
    (tmp_path / "mau").mkdir()
    (tmp_path / "mau" / "entry.html").write_text(template, encoding="utf-8")
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site"), "--lang", lang]) != 0
    words = {
        "vi": ("lỗi SIT003", "Mẫu trang 'entry.html' có lỗi", "Cách sửa"),
        "en": ("error SIT003", "Page template 'entry.html' has an error", "How to fix"),
    }[lang]
    assert f"mau/entry.html:{line}: {words[0]}" in caplog.text
    assert words[1] in caplog.text and detail in caplog.text and words[2] in caplog.text
    assert "Traceback" not in caplog.text + capsys.readouterr().err  # no Python internals for the clerk
    assert not (tmp_path / "site").exists()
