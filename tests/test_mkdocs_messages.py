"""MkDocs' own warnings (a broken link in a hand-written page, a nav line naming no file) are said
in the run's language, naming the page as the office finds it, with what to do."""

from __future__ import annotations

import logging

import pytest

import build as cli
from contest_portal.mkdocs_plugin.messages import MkDocsMessages

from .conftest import write_mkdocs_yml

PAGE = ("# Giới thiệu\n\n[Liên hệ](lien-he.md)\n\n![Biểu trưng](anh/bieu-trung.png)\n\n"
        "[Thể lệ](/2025-thu-nghiem/the-le/)\n")


def _project(tree, tmp_path):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path, extra="nav:\n  - index.md\n  - Giới thiệu: gioi-thieu.md\n"
                                                "  - Hỏi đáp: hoi-dap.md\n")
    (tmp_path / "docs" / "gioi-thieu.md").write_text(PAGE, encoding="utf-8")
    text = config.read_text(encoding="utf-8")  # two languages: the pages are built twice
    config.write_text(text.replace("cache_dir: .cache\n", "cache_dir: .cache\n      languages: [vi, en]\n"),
                      encoding="utf-8")
    return config


@pytest.mark.parametrize("lang,expected,english", [
    ("vi", ["MkDocs cảnh báo: trang docs/gioi-thieu.md có liên kết 'lien-he.md' tới một trang hoặc tệp không có "
            "trong thư mục trang: sửa lại đường dẫn",
            "MkDocs cảnh báo: trang docs/gioi-thieu.md có liên kết 'anh/bieu-trung.png' tới một trang hoặc tệp",
            "MkDocs thông tin: trang docs/gioi-thieu.md có liên kết '/2025-thu-nghiem/the-le/' bắt đầu bằng '/'",
            "MkDocs cảnh báo: dòng 'hoi-dap.md' trong phần nav của mkdocs.yml không ứng với tệp nào"],
     ["Doc file", "contains a link", "not found"]),
    ("en", ["MkDocs warning: page docs/gioi-thieu.md links to 'lien-he.md', a page or file that is not in the "
            "pages folder: correct the path",
            "MkDocs warning: the line 'hoi-dap.md' in the nav of mkdocs.yml names no file in the pages folder"],
     ["Doc file", "documentation files"]),
])
def test_broken_links_of_a_hand_written_page_are_said_in_the_run_language(tree, tmp_path, caplog, lang, expected,
                                                                          english):
    config = _project(tree, tmp_path)
    caplog.set_level(logging.INFO)
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site"), "--lang", lang]) == 0
    assert (tmp_path / "site" / ("en" if lang == "vi" else "vi") / "gioi-thieu" / "index.html").is_file()
    for line in expected:
        assert line in caplog.text
    for words in english:
        assert words not in caplog.text
    # the page is built again for the other language's sub-site: said once, in the run's language
    assert caplog.text.count("'lien-he.md'") == 1


def test_strict_mode_still_counts_a_translated_warning(tree, tmp_path, caplog):
    config = _project(tree, tmp_path)
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site"), "--strict"]) != 0
    assert "MkDocs cảnh báo: trang docs/gioi-thieu.md có liên kết 'lien-he.md'" in caplog.text


def test_a_line_not_known_keeps_its_text_behind_the_tag_and_ours_are_left_alone():
    say = MkDocsMessages("vi", "site_src")

    def record(name, message, level=logging.WARNING):
        entry = logging.LogRecord(name, level, __file__, 1, message, None, None)
        say.filter(entry)
        return entry.getMessage()

    assert record("mkdocs.commands.build", "Template skipped: 'x.html' not found in docs_dir.") == \
        "MkDocs cảnh báo: Template skipped: 'x.html' not found in docs_dir."
    assert record("mkdocs.structure.files", "Excluding 'README.md' from the site because it conflicts with "
                  "'index.md'.") == ("MkDocs cảnh báo: bỏ qua site_src/README.md vì trùng trang với "
                                     "site_src/index.md: xóa hoặc đổi tên một trong hai tệp.")
    ours = "cảnh báo VID016: ..."
    assert record("mkdocs.plugins.contest_portal.mkdocs_plugin.plugin", ours) == ours
    assert record("markdown", "not MkDocs") == "not MkDocs"
    said = record("mkdocs.structure.pages", "Doc file 'a.md' contains a link 'b.md', but the target is not found "
                  "among documentation files. Did you mean 'c.md'?", logging.ERROR)
    assert said.startswith("MkDocs lỗi: trang site_src/a.md có liên kết 'b.md'")
    assert said.endswith("Có phải định viết 'c.md'?")


def test_a_refused_setting_of_mkdocs_yml_is_named_as_a_path_of_keys():
    say = MkDocsMessages("vi")
    assert say.say("Config value 'plugins': Plugin 'contest' option 'identity': Sub-option 'logo': The path "
                   "'/p/site_src/anh/logo.png' isn't an existing file.", logging.ERROR) == (
        "MkDocs lỗi: mkdocs.yml, mục 'plugins → contest → identity → logo': không có tệp /p/site_src/anh/logo.png: "
        "chép tệp vào đó hoặc sửa đường dẫn (tính từ thư mục có mkdocs.yml).")
    assert say.say("Config value 'them': Unrecognised configuration name: them") == (
        "MkDocs cảnh báo: mkdocs.yml, mục 'them': MkDocs không biết mục 'them': kiểm tra chính tả và thụt lề "
        "của dòng đó, hoặc xóa nó.")
    assert say.say("Config value 'plugins': Plugin 'contest' option 'language': Expected one of: ('vi', 'en') but "
                   "received: 'fr'", logging.ERROR) == (
        "MkDocs lỗi: mkdocs.yml, mục 'plugins → contest → language': phải là một trong ('vi', 'en'), đang ghi 'fr'.")
    assert say.say("Config value 'plugins': Plugin 'contest' option 'samples': Expected type: <class 'bool'> but "
                   "received: <class 'str'>", logging.ERROR) == (
        "MkDocs lỗi: mkdocs.yml, mục 'plugins → contest → samples': chỉ ghi true (có) hoặc false (không), "
        "không đặt trong ngoặc kép.")
