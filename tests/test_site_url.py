"""site_url is checked (issue 21, kind 4): only http(s) with a host, else SIT004 and exit code 2.

``javascript://host/%0aalert(1)//`` passes MkDocs' own URL check and would become a clickable
link in 404.html, og:url, the canonical link, the feeds and the calendar. ``build.py build``,
``validate`` and ``serve`` refuse it (and ``javascript:alert(1)``, which MkDocs refuses with an
uncoded English message) with a coded message in the build's language; plain ``mkdocs build``
fails with the same code. An empty site_url (``!ENV [SITE_URL, ""]`` unset) stays allowed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import build as cli
from contest_portal.core.errors import Location
from contest_portal.mkdocs_plugin.config import site_url_problem

from .conftest import write_mkdocs_yml

SCRIPT_WITH_HOST = "javascript://host/%0aalert(1)//"
SCRIPT = "javascript:alert(1)"

CONTEST = """\
year: 2025
title: Cuộc thi bài viết
organizer: {name: UBND huyện Thử}
entry_kinds: [article]
"""


@pytest.mark.parametrize(
    "url", ["", None, "https://cuocthi.example.gov.vn/", "http://127.0.0.1:8000/", "HTTPS://Example.org/cuoc-thi/"]
)
def test_http_addresses_with_a_host_and_empty_are_accepted(url):
    assert site_url_problem(url, Location()) is None


@pytest.mark.parametrize(
    "url",
    [
        SCRIPT_WITH_HOST,
        SCRIPT,
        "JavaScript://x/%0Aalert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox(1)",
        "ftp://example.org/",
        "//example.org/",
        "http://",
        "https:///path",
        "https://exa mple.org/",
        "https://example.org/\nalert(1)",
    ],
)
def test_other_addresses_are_refused_with_sit004(url):
    problem = site_url_problem(url, Location(field="site_url"))
    assert problem is not None and problem.code == "SIT004" and problem.is_error
    assert "\n" not in problem.values["url"]  # a control character is shown escaped, never printed raw


def _project(tmp_path: Path) -> Path:
    (tmp_path / "entries" / "2025-thu").mkdir(parents=True)
    (tmp_path / "entries" / "2025-thu" / "contest.yml").write_text(CONTEST, encoding="utf-8")
    return write_mkdocs_yml(tmp_path, extra='site_url: !ENV [SITE_URL, ""]\n')


@pytest.mark.parametrize("command", ["build", "validate", "serve"])
@pytest.mark.parametrize("url", [SCRIPT_WITH_HOST, SCRIPT])
def test_build_py_refuses_a_script_address_with_exit_code_2(tmp_path, monkeypatch, capsys, command, url):
    config = _project(tmp_path)
    monkeypatch.setenv("SITE_URL", url)
    assert cli.main([command, "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert "SIT004" in err and f"Địa chỉ trang (site_url) '{url}' không hợp lệ" in err
    assert not (tmp_path / "site").exists()


def test_the_message_follows_lang_en(tmp_path, monkeypatch, capsys):
    config = _project(tmp_path)
    monkeypatch.setenv("SITE_URL", SCRIPT_WITH_HOST)
    assert cli.main(["validate", "-f", str(config), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"error SIT004: The site address (site_url) '{SCRIPT_WITH_HOST}' is not valid" in err


def test_a_site_url_written_in_mkdocs_yml_is_checked_too(tmp_path, capsys):
    _project(tmp_path)
    config = write_mkdocs_yml(tmp_path, extra=f"site_url: '{SCRIPT_WITH_HOST}'\n")
    assert cli.main(["build", "-f", str(config)]) == 2
    assert "SIT004" in capsys.readouterr().err


def test_an_empty_site_url_stays_allowed(tmp_path, monkeypatch):
    config = _project(tmp_path)
    monkeypatch.delenv("SITE_URL", raising=False)
    assert cli.main(["validate", "-f", str(config)]) == 0
    monkeypatch.setenv("SITE_URL", "")
    assert cli.main(["validate", "-f", str(config)]) == 0


def test_plain_mkdocs_build_fails_with_the_same_code(tmp_path):
    config = _project(tmp_path)
    env = {**os.environ, "SITE_URL": SCRIPT_WITH_HOST}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "b")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert run.returncode != 0
    assert "SIT004" in run.stderr and "site_url" in run.stderr
    assert not (tmp_path / "b" / "404.html").exists()
