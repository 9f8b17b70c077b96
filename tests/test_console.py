"""The command line on a Windows office's console: output redirected to a pipe or a file in code page
1258 (Vietnamese Windows), 1252 (Western) or 437 (the old OEM page) never fails because of the
encoding, keeps every letter and digit readable, and JSON stays UTF-8.

The console's channel is drawn across its dimensions (code page × command × language × pipe or file)
with Hypothesis; each draw runs the real command line in a subprocess with ``PYTHONIOENCODING``, as
Python on Windows writes to a redirected stream in the machine's ANSI code page.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contest_portal.core.console import nearest

from .conftest import ROOT, ContestTree, write_mkdocs_yml

CODE_PAGES = ["cp1258", "cp1252", "cp437"]
#: each command of the command line as a clerk types it, and its exit status on the fixture portal
#: (worked out by hand: the portal is valid; import-register and new-contest lack what they need)
COMMANDS: dict[str, tuple[list[str], int]] = {
    "help": (["--help"], 0),
    "validate": (["validate"], 0),
    "status": (["status", "--today", "2025-05-10"], 0),
    "schemas": (["schemas"], 0),
    "build": (["build", "-d", "{site}"], 0),
    "jury-sheets": (["jury-sheets", "--out", "{out}/phieu"], 0),
    "documents": (["documents", "--out", "{out}/van-ban"], 0),
    "import-register": (["import-register"], 2),
    "intake": (["intake", "khong-co-thu-muc"], 2),
    "new-contest": (["new-contest"], 2),
}
RUN = "import sys; from pathlib import Path; from contest_portal.cli import main; sys.exit(main(root=Path.cwd()))"


@pytest.fixture(scope="module")
def project(tmp_path_factory, tiny_video) -> Path:
    """A valid portal of one contest and two entries whose names carry Vietnamese letters."""
    folder = tmp_path_factory.mktemp("console")
    tree = ContestTree(folder / "entries", tiny_video)
    tree.contest()
    tree.entry(slug="e-01")
    tree.entry(slug="e-02")
    write_mkdocs_yml(folder)
    return folder


def _python_path() -> str:
    """This checkout's package first, then the session's own path (the record of problem codes)."""
    return os.pathsep.join([str(ROOT / "plugins"), *filter(None, [os.environ.get("PYTHONPATH")])])


def _run(project: Path, args: list[str], env: dict[str, str], sink: str) -> tuple[int, bytes, str]:
    """(exit status, stdout's bytes, stderr) of the command line run in ``project``; ``sink``: "pipe"
    or "file" (stdout redirected to a file, as ``contest-portal validate > bao-cao.txt``)."""
    args = [arg.format(site=project / "site", out=project / "ra") for arg in args]
    command = [sys.executable, "-c", RUN, *args, "-f", str(project / "mkdocs.yml")]
    environment = {**os.environ, "PYTHONPATH": _python_path(), **env}
    if sink == "file":
        target = project / "ra-man-hinh.txt"
        with target.open("wb") as out:
            done = subprocess.run(
                command, cwd=project, env=environment, stdout=out, stderr=subprocess.PIPE, timeout=300
            )
        return done.returncode, target.read_bytes(), done.stderr.decode("utf-8", "replace")
    done = subprocess.run(command, cwd=project, env=environment, capture_output=True, timeout=300)
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")


def _letters(text: str) -> str:
    """The ASCII letters and digits of ``text`` once its marks are taken off (đ → d): what a reader
    of any code page must still find."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^A-Za-z0-9]", "", plain)


_UTF8_RUNS: dict[tuple[str, str], tuple[int, bytes]] = {}


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    code_page=st.sampled_from(CODE_PAGES),
    command=st.sampled_from(sorted(COMMANDS)),
    lang=st.sampled_from(["vi", "en"]),
    sink=st.sampled_from(["pipe", "file"]),
)
def test_no_command_fails_because_of_the_console_encoding(project, code_page, command, lang, sink):
    args, status = COMMANDS[command]
    key = (command, lang)
    if key not in _UTF8_RUNS:
        utf8_status, utf8_out, _ = _run(project, [*args, "--lang", lang], {"PYTHONIOENCODING": "utf-8"}, "pipe")
        _UTF8_RUNS[key] = utf8_status, utf8_out
    returncode, out, err = _run(project, [*args, "--lang", lang], {"PYTHONIOENCODING": code_page}, sink)
    assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
    assert returncode == status == _UTF8_RUNS[key][0], err
    text = out.decode(code_page)  # every byte is the code page's: nothing was written in another encoding
    assert _letters(text) == _letters(_UTF8_RUNS[key][1].decode("utf-8"))


@pytest.mark.parametrize("code_page", CODE_PAGES)
def test_validate_json_is_utf8_whatever_the_code_page(project, code_page):
    returncode, out, err = _run(
        project, ["validate", "--format", "json", "--lang", "vi"], {"PYTHONIOENCODING": code_page}, "pipe"
    )
    assert returncode == 0, err
    report = json.loads(out.decode("utf-8"))
    assert [unit["name"] for unit in report["participation"]["2025-thu-nghiem"]] == ["UBND xã A", "UBND xã B"]


def test_a_vietnamese_console_keeps_the_tone_marks(project):
    command = [sys.executable, "-c", RUN, "import-register", "--lang", "vi", "-f", str(project / "mkdocs.yml")]
    done = subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": _python_path(), "PYTHONIOENCODING": "cp1258"},
    )
    assert done.returncode == 2
    # cp1258 writes Vietnamese with combining tone marks: the message reads the same once composed
    assert unicodedata.normalize("NFC", done.stderr.decode("cp1258")).startswith(
        "Chỉ ra tệp sổ đăng ký (.xlsx, .xls hoặc .csv) và cuộc thi, ví dụ:"
    )


@pytest.mark.parametrize("command", ["validate", "validate-json", "status", "help", "build"])
def test_a_reader_that_stops_early_stops_no_command(project, command):
    """`contest-portal validate | head`: the reader closes the pipe (here before the first line);
    the command finishes its work with its own exit status, without a BrokenPipeError traceback."""
    args, status = {
        "validate": (["validate"], 0),
        "validate-json": (["validate", "--format", "json"], 0),
        "status": (["status"], 0),
        "help": (["--help"], 0),
        "build": (["build", "-d", str(project / "site-pipe")], 0),
    }[command]
    process = subprocess.Popen(
        [sys.executable, "-c", RUN, *args, "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env={**os.environ, "PYTHONPATH": _python_path()},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout and process.stderr  # both are pipes
    process.stdout.close()  # the reader has gone before the command writes anything
    err = process.stderr.read().decode("utf-8", "replace")
    assert process.wait(timeout=300) == status, err
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    if command == "build":  # the work was done all the same
        assert (project / "site-pipe" / "2025-thu-nghiem" / "index.html").is_file()


@pytest.mark.parametrize("code_page", ["utf-8", "cp1258"])
def test_a_file_name_that_is_no_utf8_is_shown_on_any_console(tree, tmp_path, code_page):
    """A folder copied from a Windows USB stick keeps its name's bytes (here 0xE9, "é" in cp1252):
    Python holds it as a lone surrogate, which even a UTF-8 console refused."""
    tree.contest()
    os.makedirs(os.fsencode(tree.root / "2025-thu-nghiem") + b"/e-\xe9")
    write_mkdocs_yml(tmp_path)
    returncode, out, err = _run(tmp_path, ["validate", "--lang", "en"], {"PYTHONIOENCODING": code_page}, "pipe")
    assert returncode == 1 and "Traceback" not in err, err
    assert "== 2025-thu-nghiem / e-\\xe9" in out.decode(code_page)
    returncode, out, err = _run(tmp_path, ["validate", "--format", "json"], {"PYTHONIOENCODING": code_page}, "pipe")
    assert "Traceback" not in err, err
    assert "e-\udce9" in {problem.get("entry") for problem in json.loads(out.decode("utf-8"))["problems"]}


@pytest.mark.parametrize(
    "char, code_page, expected",
    [
        ("ị", "cp1258", "i\u0323"),  # cp1258 has i and the combining dot below (0xF2)
        ("ầ", "cp1258", "â\u0300"),  # â is precomposed in cp1258, the grave accent combines (0xCC)
        ("ở", "cp1258", "ơ\u0309"),  # ơ (0xF5) and the hook above (0xD2)
        ("ệ", "cp1258", "ê\u0323"),  # ê is precomposed, the dot below combines (NFD puts the dot first)
        ("ị", "cp1252", "i"),  # no combining marks in cp1252: the bare letter
        ("ầ", "cp1252", "â"),  # cp1252 has â
        ("ơ", "cp437", "o"),
        ("đ", "cp1252", "d"),  # đ is no decomposition of d: its look-alike
        ("→", "cp437", "->"),
        ("“", "cp437", '"'),
        ("中", "cp1252", "\\u4e2d"),  # nothing near: written as its code, never lost
        ("\udce9", "utf-8", "\\xe9"),  # the byte 0xE9 of a file name that is no UTF-8 (PEP 383)
    ],
)
def test_a_letter_the_code_page_lacks_is_written_as_near_as_it_can(char, code_page, expected):
    assert nearest(char, code_page) == expected
