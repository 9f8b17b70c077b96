"""The preview (`serve`): an address it cannot open is said at once with a code (SRV001, SRV002); it
answers byte ranges as web hosts do (Safari and iPhones play a video only so), with the types
browsers expect: real HTTP requests to the running preview of the sample portal.

The preview runs with its output piped in Windows-1258, as on a Vietnamese Windows office PC.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import build as cli

from .conftest import ROOT

VIDEO = "2024-vinh-linh/media/vl-06/video.mp4"
SUBTITLES = "2024-vinh-linh/media/vl-06/phu-de.vi.vtt"
THUMBNAIL = "2024-vinh-linh/media/vl-06/thumb-vl-06.webp"


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Iterator[tuple[int, Path]]:
    """(port, file of everything it printed) of `build.py serve` on the sample portal."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    printed = tmp_path_factory.mktemp("preview") / "printed.txt"
    with printed.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONIOENCODING": "cp1258"},
        )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(printed.read_bytes().decode("cp1258", "replace")) from None
                time.sleep(0.5)
        yield port, printed
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


def _get(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
    """(status, headers, body) of one request to the preview."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, "/" + path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_the_first_two_bytes_of_a_video_as_safari_asks(preview):
    port, _ = preview
    _, _, whole = _get(port, VIDEO)
    status, headers, body = _get(port, VIDEO, {"Range": "bytes=0-1"})
    assert status == 206
    assert headers["Content-Range"] == f"bytes 0-1/{len(whole)}"
    assert headers["Content-Length"] == "2"
    assert headers["Accept-Ranges"] == "bytes"
    assert headers["Content-Type"] == "video/mp4"
    assert body == b"\x00\x00"  # an MP4 box's size is 4 bytes, big-endian: a small ftyp starts with two zeros


def test_a_range_inside_the_file_is_those_bytes(preview):
    port, _ = preview
    status, headers, body = _get(port, VIDEO, {"Range": "bytes=4-7"})
    assert (status, body) == (206, b"ftyp")  # the first box of every MP4 is "ftyp", at byte 4
    assert headers["Content-Range"].startswith("bytes 4-7/")


def test_open_ended_and_suffix_ranges(preview):
    port, _ = preview
    _, headers, whole = _get(port, VIDEO)
    assert headers["Accept-Ranges"] == "bytes" and int(headers["Content-Length"]) == len(whole)
    status, headers, body = _get(port, VIDEO, {"Range": "bytes=100-"})
    assert status == 206 and body == whole[100:]
    assert headers["Content-Range"] == f"bytes 100-{len(whole) - 1}/{len(whole)}"
    status, headers, body = _get(port, VIDEO, {"Range": "bytes=-500"})
    assert status == 206 and body == whole[-500:] and len(body) == 500
    assert headers["Content-Range"] == f"bytes {len(whole) - 500}-{len(whole) - 1}/{len(whole)}"
    status, headers, body = _get(port, VIDEO, {"Range": f"bytes=10-{len(whole) + 1000}"})  # past the end: cut
    assert status == 206 and body == whole[10:]
    status, headers, body = _get(port, VIDEO, {"Range": f"bytes=-{len(whole) + 1000}"})  # more than all of it
    assert status == 206 and body == whole  # (RFC 9110 §14.1.2: the whole file, not 416)
    assert headers["Content-Range"] == f"bytes 0-{len(whole) - 1}/{len(whole)}"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(form="-suffix", first=0, length=0)
@example(form="-suffix", first=0, length=238)  # longer than the file (237 bytes)
@given(
    form=st.sampled_from(["first-last", "first-", "-suffix"]), first=st.integers(0, 4000), length=st.integers(0, 4000)
)
def test_every_byte_range_is_the_bytes_rfc_9110_names(preview, form, first, length):
    """The channel's space: closed, open-ended and suffix ranges at any place, inside, across and
    past the end of the file; the answer is always those bytes, or 416 when none of them exist."""
    port, _ = preview
    _, _, whole = _get(port, SUBTITLES)  # a small file: every draw reaches its end often
    size = len(whole)
    header = {
        "first-last": f"bytes={first}-{first + length}",
        "first-": f"bytes={first}-",
        "-suffix": f"bytes=-{length}",
    }[form]
    status, headers, body = _get(port, SUBTITLES, {"Range": header})
    # the model (RFC 9110 §14.1.2): [start, end] clipped to the file; a suffix of n is the last n bytes
    if form == "-suffix":
        start, end = max(size - length, 0), size - 1
        satisfiable = length > 0  # ("bytes=-0": the last 0 bytes name none)
    else:
        start, end = first, min(first + length if form == "first-last" else size - 1, size - 1)
        satisfiable = first < size
    if not satisfiable:
        assert (status, headers["Content-Range"], body) == (416, f"bytes */{size}", b"")
        return
    assert status == 206
    assert headers["Content-Range"] == f"bytes {start}-{end}/{size}"
    assert body == whole[start : end + 1] and headers["Content-Length"] == str(end - start + 1)


def test_a_range_past_the_end_is_416(preview):
    port, _ = preview
    _, _, whole = _get(port, VIDEO)
    status, headers, body = _get(port, VIDEO, {"Range": f"bytes={len(whole)}-"})
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{len(whole)}"
    assert body == b""


@pytest.mark.parametrize(
    "headers",
    [
        {"Range": "bytes=abc"},  # malformed: ignored (RFC 9110 §14.2)
        {"Range": "items=0-1"},  # a unit it does not know
        {"Range": "bytes=0-1,4-7"},  # several ranges: the whole file is allowed instead of multipart
        {"Range": "bytes=7-3"},  # last before first: not a valid range
        # Chrome resuming with a validator (vercel/serve#447 answered it 416): the preview gives none, so
        # none can match and the whole file is the answer
        {"Range": "bytes=100-", "If-Range": 'W/"df5e28104932a6ef65e9c352919b66a04680f93c"'},
    ],
    ids=["malformed", "other-unit", "several", "backwards", "if-range"],
)
def test_a_range_it_does_not_serve_gets_the_whole_file(preview, headers):
    port, _ = preview
    _, _, whole = _get(port, VIDEO)
    status, headers, body = _get(port, VIDEO, headers)
    assert (status, body) == (200, whole)
    assert "Content-Range" not in headers


def test_curl_r_0_1_i_as_the_readme_says(preview):
    port, _ = preview
    status, headers, _ = _get(port, VIDEO, {"Range": "bytes=0-1"}, method="HEAD")
    assert status == 206 and headers["Content-Length"] == "2"


@pytest.mark.parametrize(
    "path, media_type, wanted, expected",
    [
        (VIDEO, "video/mp4", "bytes=4-7", b"ftyp"),
        (SUBTITLES, "text/vtt; charset=utf-8", "bytes=0-5", b"WEBVTT"),  # every WebVTT file starts so
        (THUMBNAIL, "image/webp", "bytes=8-11", b"WEBP"),  # RIFF, its size, then WEBP
    ],
)
def test_media_have_the_types_browsers_expect(preview, path, media_type, wanted, expected):
    port, _ = preview
    status, headers, body = _get(port, path, {"Range": wanted})
    assert (status, headers["Content-Type"], body) == (206, media_type, expected)


def test_pages_are_still_whole_and_the_preview_says_so_on_a_windows_console(preview):
    port, printed = preview
    status, headers, body = _get(port, "")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"</html>" in body
    text = unicodedata.normalize("NFC", printed.read_bytes().decode("cp1258"))
    assert "Traceback" not in text
    assert f"http://127.0.0.1:{port}/" in text


def test_ranges_are_normal_answers_not_warnings_and_a_missing_file_still_is(preview):
    """A video player asks for ranges all the time: "code 206" / "code 416" are not printed as
    MkDocs warnings; a missing file (404) still is; the theme's icon is there."""
    port, printed = preview
    assert _get(port, VIDEO, {"Range": "bytes=0-1"})[0] == 206
    assert _get(port, VIDEO, {"Range": "bytes=-0"})[0] == 416  # curl -r -0
    assert _get(port, "khong-co.mp4")[0] == 404
    assert _get(port, "assets/images/favicon.png")[0] == 200
    text = unicodedata.normalize("NFC", printed.read_bytes().decode("cp1258"))
    assert "code 206" not in text and "code 416" not in text
    assert '"GET /khong-co.mp4 HTTP/1.1" code 404' in text


# --- an address the preview cannot open: said before anything is built ----------------------------


def _serve_at(address: str, capsys) -> tuple[int, str, float]:
    """(exit status, what serve printed on stderr, seconds) of ``serve -a address --lang en`` on the sample."""
    capsys.readouterr()
    started = time.monotonic()
    status = cli.main(["serve", "-a", address, "--lang", "en", "-f", str(ROOT / "mkdocs.yml")])
    return status, capsys.readouterr().err, time.monotonic() - started


def test_srv001_a_port_another_program_holds(capsys):
    with socket.socket() as other:  # another program (a preview left running) listens there
        other.bind(("127.0.0.1", 0))
        other.listen()
        address = f"127.0.0.1:{other.getsockname()[1]}"
        status, err, seconds = _serve_at(address, capsys)
    assert status == 2
    assert err.startswith(f"error SRV001: The preview's address {address} is busy: another program")
    assert "contest-portal serve -a 127.0.0.1:8001" in err and "Traceback" not in err
    assert seconds < 5  # (no build first: the sample portal takes longer to check and build)


def test_srv002_an_address_this_machine_does_not_have(capsys):
    # 203.0.113.0/24 is reserved for documentation (RFC 5737): no machine has it
    status, err, _ = _serve_at("203.0.113.5:8000", capsys)
    assert status == 2
    assert err.startswith(
        "error SRV002: The preview cannot be opened at 203.0.113.5:8000: Cannot assign requested address"
    )
