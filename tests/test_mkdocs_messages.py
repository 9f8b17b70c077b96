"""MkDocs' own warnings (a broken link in a hand-written page, a nav line naming no file) are said
in the run's language, naming the page as the office finds it, with what to do."""

from __future__ import annotations

import logging

import pytest

import build as cli
from contest_portal.mkdocs_plugin.messages import MkDocsMessages, recognise, recognise_detail

from .conftest import write_mkdocs_yml

PAGE = (
    "# Giới thiệu\n\n[Liên hệ](lien-he.md)\n\n![Biểu trưng](anh/bieu-trung.png)\n\n[Thể lệ](/2025-thu-nghiem/the-le/)\n"
)


def _project(tree, tmp_path):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(
        tmp_path, extra="nav:\n  - index.md\n  - Giới thiệu: gioi-thieu.md\n  - Hỏi đáp: hoi-dap.md\n"
    )
    (tmp_path / "docs" / "gioi-thieu.md").write_text(PAGE, encoding="utf-8")
    text = config.read_text(encoding="utf-8")  # two languages: the pages are built twice
    config.write_text(
        text.replace("cache_dir: .cache\n", "cache_dir: .cache\n      languages: [vi, en]\n"), encoding="utf-8"
    )
    return config


@pytest.mark.parametrize(
    "lang,expected,english",
    [
        (
            "vi",
            [
                "MkDocs cảnh báo: trang docs/gioi-thieu.md có liên kết 'lien-he.md' tới một trang hoặc tệp không có "
                "trong thư mục trang: sửa lại đường dẫn",
                "MkDocs cảnh báo: trang docs/gioi-thieu.md có liên kết 'anh/bieu-trung.png' tới một trang hoặc tệp",
                "MkDocs thông tin: trang docs/gioi-thieu.md có liên kết '/2025-thu-nghiem/the-le/' bắt đầu bằng '/'",
                "MkDocs cảnh báo: dòng 'hoi-dap.md' trong phần nav của mkdocs.yml không ứng với tệp nào",
            ],
            ["Doc file", "contains a link", "not found"],
        ),
        (
            "en",
            [
                "MkDocs warning: page docs/gioi-thieu.md links to 'lien-he.md', a page or file that is not in the "
                "pages folder: correct the path",
                "MkDocs warning: the line 'hoi-dap.md' in the nav of mkdocs.yml names no file in the pages folder",
            ],
            ["Doc file", "documentation files"],
        ),
    ],
)
def test_broken_links_of_a_hand_written_page_are_said_in_the_run_language(
    tree, tmp_path, caplog, lang, expected, english
):
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

    assert (
        record("mkdocs.commands.build", "Template skipped: 'x.html' not found in docs_dir.")
        == "MkDocs cảnh báo: Template skipped: 'x.html' not found in docs_dir."
    )
    assert record(
        "mkdocs.structure.files", "Excluding 'README.md' from the site because it conflicts with 'index.md'."
    ) == (
        "MkDocs cảnh báo: bỏ qua site_src/README.md vì trùng trang với "
        "site_src/index.md: xóa hoặc đổi tên một trong hai tệp."
    )
    ours = "cảnh báo VID016: ..."
    assert record("mkdocs.plugins.contest_portal.mkdocs_plugin.plugin", ours) == ours
    assert record("markdown", "not MkDocs") == "not MkDocs"
    said = record(
        "mkdocs.structure.pages",
        "Doc file 'a.md' contains a link 'b.md', but the target is not found "
        "among documentation files. Did you mean 'c.md'?",
        logging.ERROR,
    )
    assert said.startswith("MkDocs lỗi: trang site_src/a.md có liên kết 'b.md'")
    assert said.endswith("Có phải định viết 'c.md'?")


def test_a_refused_setting_of_mkdocs_yml_is_named_as_a_path_of_keys():
    say = MkDocsMessages("vi")
    assert say.say(
        "Config value 'plugins': Plugin 'contest' option 'identity': Sub-option 'logo': The path "
        "'/p/site_src/anh/logo.png' isn't an existing file.",
        logging.ERROR,
    ) == (
        "MkDocs lỗi: mkdocs.yml, mục 'plugins → contest → identity → logo': không có tệp /p/site_src/anh/logo.png: "
        "chép tệp vào đó hoặc sửa đường dẫn (tính từ thư mục có mkdocs.yml)."
    )
    assert say.say("Config value 'them': Unrecognised configuration name: them") == (
        "MkDocs cảnh báo: mkdocs.yml, mục 'them': MkDocs không biết mục 'them': kiểm tra chính tả và thụt lề "
        "của dòng đó, hoặc xóa nó."
    )
    assert say.say(
        "Config value 'plugins': Plugin 'contest' option 'language': Expected one of: ('vi', 'en') but received: 'fr'",
        logging.ERROR,
    ) == ("MkDocs lỗi: mkdocs.yml, mục 'plugins → contest → language': phải là một trong ('vi', 'en'), đang ghi 'fr'.")
    assert say.say(
        "Config value 'plugins': Plugin 'contest' option 'samples': Expected type: <class 'bool'> but "
        "received: <class 'str'>",
        logging.ERROR,
    ) == (
        "MkDocs lỗi: mkdocs.yml, mục 'plugins → contest → samples': chỉ ghi true (có) hoặc false (không), "
        "không đặt trong ngoặc kép."
    )


# --- MkDocs' own wording: each kind of line this module translates, provoked by a real MkDocs run ---------
# The patterns follow MkDocs 1.6's English; pyproject pins mkdocs<2. A release that words one of these lines
# otherwise fails here, instead of the clerk silently getting the English line behind the tag.


class _Raw(logging.Handler):
    """Keeps MkDocs' records as MkDocs said them (first on the ``mkdocs`` logger, before any handler
    that a build of another test left with the translating filter)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.levelno, record.getMessage()))


def _mkdocs_run(config, site):
    """MkDocs' lines (INFO and above) from loading ``config`` and, when it loads, building it to ``site``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    logger = logging.getLogger("mkdocs")
    raw, level = _Raw(), logger.level
    logger.handlers.insert(0, raw)
    logger.setLevel(logging.INFO)  # MkDocs checks anchors only when its log is above DEBUG
    try:
        build(load_config(str(config), site_dir=str(site)))
    except (Abort, UnicodeDecodeError):
        pass  # a refused setting, or a page MkDocs cannot read: their lines are what is looked at
    finally:
        logger.removeHandler(raw)
        logger.setLevel(level)
    return raw.lines


def _kinds(lines):
    """The catalogue key of each line recognised (a refused setting: with its detail's key); and the
    lines at WARNING or above that were not recognised."""
    kinds, unknown = set(), []
    for level, message in lines:
        known = recognise(message)
        if known is None:
            if level >= logging.WARNING:
                unknown.append(message)
            continue
        kinds.add(known[0])
        if known[0] == "mkdocs.config_value":
            detail = recognise_detail(known[1]["detail"])[2]
            if detail is None:
                unknown.append(message)
            else:
                kinds.add(detail[0])
    return kinds, unknown


def test_every_kind_of_page_and_nav_line_mkdocs_writes_is_recognised(tmp_path):
    docs = tmp_path / "docs"
    (docs / "anh").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Thử\ndocs_dir: docs\ntheme: mkdocs\nthem: 1\nexclude_docs: |\n  rieng.md\n"
        "nav:\n  - index.md\n  - gioi-thieu.md\n  - khong-co.md\n  - rieng.md\n",
        encoding="utf-8",
    )
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (docs / "README.md").write_text("# Đọc tôi\n", encoding="utf-8")  # the same page as index.md
    (docs / "hoi-dap.md").write_text("# Hỏi đáp\n\n## Nộp bài\n", encoding="utf-8")  # not in the nav
    (docs / "rieng.md").write_text("# Riêng\n", encoding="utf-8")  # excluded
    (docs / "gioi-thieu.md").write_text(
        "# Giới thiệu\n\n[a](lien-he.md) [b](/2025/the-le/) [c](#khong-co) [d](hoi-dap.md#khong-co) "
        "[e](anh/) [f](rieng.md)\n\n![g](anh/logo.png)\n",
        encoding="utf-8",
    )

    kinds, unknown = _kinds(_mkdocs_run(tmp_path / "mkdocs.yml", tmp_path / "site"))

    assert unknown == []
    assert kinds == {
        "mkdocs.link_not_found",
        "mkdocs.link_absolute",
        "mkdocs.anchor_missing",
        "mkdocs.link_unrecognized",
        "mkdocs.link_excluded",
        "mkdocs.nav_not_found",
        "mkdocs.not_in_nav",
        "mkdocs.conflict",
        "mkdocs.config_value",
        "mkdocs.detail.unknown_name",
    }


def test_a_page_not_saved_as_utf8_is_recognised(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Thử\ndocs_dir: docs\ntheme: mkdocs\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_bytes("# Cà phê\n".encode("cp1258"))

    kinds, unknown = _kinds(_mkdocs_run(tmp_path / "mkdocs.yml", tmp_path / "site"))

    assert unknown == []
    assert kinds == {"mkdocs.encoding", "mkdocs.page_unreadable"}


@pytest.mark.parametrize(
    "settings,detail",
    [
        ("theme:\n  name: mkdocs\n  custom_dir: khong-co\n", "mkdocs.detail.custom_dir"),
        ("docs_dir: khong-co\n", "mkdocs.detail.no_folder"),
        ("plugins:\n  - contest:\n      identity:\n        logo: anh/logo.png\n", "mkdocs.detail.no_file"),
        ("plugins:\n  - contest:\n      language: fr\n", "mkdocs.detail.choice"),
        ("plugins:\n  - contest:\n      samples: 'yes'\n", "mkdocs.detail.yes_no"),
        ("plugins:\n  - contest:\n      host_file_limit: nhiều\n", "mkdocs.detail.number"),
        ("plugins:\n  - contest:\n      identity:\n        organizer: [UBND, Sở]\n", "mkdocs.detail.text"),
        ("plugins:\n  - contest:\n      languages: vi\n", "mkdocs.detail.list"),
        ("plugins:\n  - contest:\n      embed_origins: https://cong.gov.vn\n", "mkdocs.detail.list"),
    ],
)
def test_every_kind_of_refused_setting_mkdocs_writes_is_recognised(tmp_path, settings, detail):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Thử\ndocs_dir: docs\n" + settings, encoding="utf-8")

    kinds, unknown = _kinds(_mkdocs_run(tmp_path / "mkdocs.yml", tmp_path / "site"))

    assert unknown == []
    assert kinds == {"mkdocs.config_value", detail}
