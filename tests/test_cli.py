"""The command line: validate reports and exit codes, serve answers on localhost."""

from __future__ import annotations

import io
import json

import pytest

import build as cli

from .conftest import ROOT, run_serve, serve_once, write_mkdocs_yml


def test_validate_sample_data_is_clean():
    out = io.StringIO()
    assert cli.validate(ROOT / "mkdocs.yml", "vi", out=out) == 0
    assert "0 lỗi, 0 cảnh báo" in out.getvalue() and "Dữ liệu hợp lệ." in out.getvalue()


def test_validate_reports_errors_grouped_and_exits_1(tree, tmp_path):
    tree.contest()
    tree.entry(text="title: A\nauthors: [{name: B}]\nunit: xa-q\nvideo: khong-co.mp4\n", video=False)
    config = write_mkdocs_yml(tmp_path)
    out = io.StringIO()
    assert cli.validate(config, "en", out=out) == 1
    text = out.getvalue()
    assert "== 2025-thu-nghiem / e-01" in text
    assert "error ENT004" in text and "error FIL001" in text
    assert "How to fix:" in text
    assert "errors 2," in text
    # as build would stop: the entry at fault and the two ways forward
    assert "2025-thu-nghiem/e-01" in text.split("errors 2,")[1]
    assert "'state: refused'" in text and "--skip-invalid" in text


def test_validate_json_is_machine_readable(tree, tmp_path):
    tree.contest()
    tree.entry(text="title: A\nauthors: [{name: B}]\nunit: xa-q\nvideo: video.mp4\n")
    config = write_mkdocs_yml(tmp_path)
    out = io.StringIO()
    assert cli.validate(config, "en", fmt="json", out=out) == 1
    report = json.loads(out.getvalue())
    assert report["version"] == 1 and report["summary"]["errors"] == 1
    problem = report["problems"][0]
    assert problem["code"] == "ENT004"
    assert problem["file"] == "entries/2025-thu-nghiem/e-01/entry.yml"
    assert problem["line"] == 3 and problem["severity"] == "error" and problem["hint"]


def test_validate_writes_the_private_html_report(tree, tmp_path, capsys):
    tree.contest()
    tree.entry(private='contacts:\n  - {name: A, phone: "0912345678"}\n')
    config = write_mkdocs_yml(tmp_path)
    report = tmp_path / "reports" / "bao-cao.html"
    assert cli.main(["validate", "-f", str(config), "--html", str(report)]) == 0
    assert "0912345678" in report.read_text(encoding="utf-8")
    assert "0912345678" not in capsys.readouterr().out


def test_missing_config_is_a_usage_error(tmp_path):
    assert cli.main(["validate", "-f", str(tmp_path / "none.yml")]) == 2


def test_serve_previews_the_portal(tree, tmp_path):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    body = run_serve(config, tmp_path, "2025-thu-nghiem/the-le/")
    assert "Cơ cấu giải thưởng" in body and "livereload" in body


def test_bad_today_is_a_usage_error(capsys):
    assert cli.main(["build", "--today", "2024-13-01"]) == 2
    assert "--today" in capsys.readouterr().err


def test_every_error_message_links_to_the_code_reference(tree, tmp_path):
    tree.contest()
    tree.entry(text="title: A\nauthors: [{name: B}]\nunit: xa-q\nvideo: video.mp4\n")
    config = write_mkdocs_yml(tmp_path, extra="site_url: https://cong.example.gov.vn/cuoc-thi/\n")
    out = io.StringIO()
    assert cli.validate(config, "vi", out=out) == 1
    assert "Giải thích mã lỗi: https://cong.example.gov.vn/cuoc-thi/ma-loi/#ENT004" in out.getvalue()
    assert cli.validate(config, "vi", html=tmp_path / "r.html", out=io.StringIO()) == 1
    assert "href='https://cong.example.gov.vn/cuoc-thi/ma-loi/#ENT004'" in (tmp_path / "r.html").read_text()


def test_new_contest_speaks_the_command_language_and_never_shows_a_python_error(tmp_path, capsys):
    config = write_mkdocs_yml(tmp_path)
    (tmp_path / "entries").mkdir()
    base = ["new-contest", "-f", str(config), "--slug", "cchc", "--title", "Cuộc thi", "--organizer", "UBND"]
    assert cli.main(base + ["--year", "hai-nghin"]) == 2
    assert capsys.readouterr().err.strip() == "Năm 'hai-nghin' không hợp lệ: ghi bốn chữ số, ví dụ --year 2025."
    assert (
        cli.main(
            [
                "new-contest",
                "-f",
                str(config),
                "--year",
                "2025",
                "--slug",
                "Có Dấu",
                "--title",
                "T",
                "--organizer",
                "O",
                "--lang",
                "en",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "lowercase ASCII letters" in err and "chữ thường" not in err  # English only, no Vietnamese half
    assert cli.main(base + ["--year", "2025", "--lang", "en"]) == 0
    template = (tmp_path / "entries" / "2025-cchc" / "contest.yml").read_text(encoding="utf-8")
    assert 'title: "Cuộc thi"' in template and "# Contest plan / rules for 2025." in template  # English comments


def test_help_is_in_vietnamese_by_default_and_in_english_on_request(capsys):
    import pytest

    from contest_portal.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("Cách dùng: contest-portal")
    assert "tùy chọn:" in text and "in hướng dẫn này rồi thoát" in text and "documents        tạo dự thảo" in text
    assert "show this help" not in text and "positional arguments" not in text
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    english = capsys.readouterr().out
    assert english.startswith("usage: contest-portal") and "show this help message and exit" in english
    with pytest.raises(SystemExit) as wrong:
        main(["xay-dung"])  # a command that does not exist, typed by a clerk
    assert wrong.value.code == 2
    assert "contest-portal: lỗi: tham số command: không có lựa chọn 'xay-dung'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, said",
    [
        (["--lang"], "contest-portal: lỗi: tham số --lang: cần một giá trị\n"),
        (["validate", "a", "b"], "contest-portal: lỗi: không hiểu các tham số: b\n"),
        (["--lang", "en", "--format"], "contest-portal: error: argument --format: expected one argument\n"),
        (
            ["--lang", "en", "--format", "xml"],
            "contest-portal: error: argument --format: invalid choice: 'xml' (choose from 'text', 'json')\n",
        ),
    ],
)
def test_a_mistyped_command_line_is_said_in_the_runs_language_after_the_usage(capsys, argv, said):
    import argparse

    from contest_portal.cli import main

    own = argparse._  # type: ignore[attr-defined]
    with pytest.raises(SystemExit) as wrong:
        main(argv)
    assert wrong.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: contest-portal" if "en" in argv else "Cách dùng: contest-portal") and err.endswith(
        said
    )
    assert argparse._ is own  # type: ignore[attr-defined]  # (argparse itself is left as it is)


def test_the_installed_command_is_the_command_line():
    from importlib.metadata import entry_points

    from contest_portal import cli

    (script,) = entry_points(group="console_scripts", name="contest-portal")
    assert script.value == "contest_portal.cli:main" and script.load() is cli.main


def test_a_missing_mkdocs_yml_is_said_in_vietnamese(tmp_path, capsys):
    from contest_portal.cli import EXIT_USAGE, main

    assert main(["validate"], root=tmp_path) == EXIT_USAGE
    assert "Không thấy tệp cấu hình" in capsys.readouterr().err


def test_a_mkdocs_yml_that_mkdocs_refuses_is_said_with_the_way_out(tmp_path, capsys, caplog):
    config = write_mkdocs_yml(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  font: false\n", "  font: false\n  custom_dir: giao-dien\n"), encoding="utf-8")
    assert cli.main(["validate", "-f", str(config)]) == 2
    said = capsys.readouterr().err + caplog.text
    assert "mkdocs.yml, mục 'theme': không có thư mục" in said and "giao-dien" in said
    assert "tạo thư mục đó (để trống cũng được) hoặc xóa dòng custom_dir" in said
    assert f"Tệp cấu hình {config} có lỗi (ghi ở dòng trên)" in said
    assert "Traceback" not in said and "does not exist" not in said


def test_a_mkdocs_yml_without_the_plugin_says_how_to_enable_it(tmp_path, capsys):
    config = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    config.write_text("site_name: Thử\ndocs_dir: docs\n", encoding="utf-8")
    assert cli.main(["status", "-f", str(config), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "does not enable the contest tool: add the lines 'plugins:' and '  - contest'" in err


def test_a_project_without_the_plugin_is_told_in_its_language(tmp_path, capsys):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Thử\ndocs_dir: docs\ntheme:\n  name: material\n  language: vi\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    assert cli.main(["validate", "-f", str(config)]) == 2
    assert (
        f"Tệp cấu hình {config} chưa bật công cụ cuộc thi: thêm vào mkdocs.yml hai dòng 'plugins:'"
        in capsys.readouterr().err
    )


def test_serve_links_each_code_to_the_preview_not_to_an_older_site_folder(tree, tmp_path):
    tree.contest()
    tree.entry(slug="e-01", text="title: A\nauthors: [{name: B}]\nunit: xa-q\nvideo: video.mp4\n")  # ENT004
    config = write_mkdocs_yml(tmp_path)
    (tmp_path / "site" / "ma-loi").mkdir(parents=True)  # a site built earlier, and maybe not again
    (tmp_path / "site" / "ma-loi" / "index.html").write_text("<p>old</p>", encoding="utf-8")
    page, out, port = serve_once(config, tmp_path, "ma-loi/")
    assert f"Giải thích mã lỗi: http://127.0.0.1:{port}/ma-loi/#ENT004" in out
    assert "file://" not in out and 'id="ENT004"' in page  # the link leads to the code on the preview


def test_a_contest_name_that_is_no_contest_is_said_as_such(tree, tmp_path, capsys):
    tree.contest()
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    register = tmp_path / "so.csv"
    register.write_text("Tên tác phẩm,Họ và tên\nMột,Lê A\n", encoding="utf-8")
    assert cli.main(["import-register", str(register), "--contest", "2025-cam-lo", "-f", str(config)]) != 0
    err = capsys.readouterr().err
    assert "Không có cuộc thi '2025-cam-lo' (thư mục entries/2025-cam-lo)" in err and "2025-thu-nghiem" in err
