"""Videos as phones and editors record them (issue 15): rotation, pixel aspect, profiles, VFR.

Every video is made here with PyAV (``tools.videogen``) the way phones and editors write
it; the expected values are worked out by hand from how the file was made.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from PIL import Image

import build as cli
from contest_portal.core.errors import Location
from contest_portal.formats import schema
from contest_portal.media.probe import extract_poster, probe_video
from contest_portal.media.rules import check_video
from tools.videogen import make_video

from .conftest import pixel, write_mkdocs_yml

LANDSCAPE_RULES = schema.VideoRules.model_validate({"resolutions": ["320x180"], "aspect_ratio": "16:9"})
FFMPEG_FIX = "ffmpeg -i original.mov -c:v libx264 -profile:v high -level 4.0 -pix_fmt yuv420p"


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("phone-videos")


def _problems(path, rules=LANDSCAPE_RULES):
    return check_video(probe_video(path), rules, path, Location(file=path))


def _codes(path, rules=LANDSCAPE_RULES):
    return sorted(p.code for p in _problems(path, rules))


# --- rotation: the display matrix decides the shape the viewer sees --------------------------


@pytest.mark.parametrize("rotation", [90, 270])
def test_a_clip_filmed_upright_is_a_portrait_video(media, rotation):
    # stored 320x180 (what the sensor wrote), shown 180x320 once turned by 90 or 270 degrees
    path = make_video(media / f"upright-{rotation}.mp4", duration_s=2, width=320, height=180, rotation=rotation)
    info = probe_video(path)
    assert (info.width, info.height, info.rotation) == (320, 180, rotation)
    assert (info.display_width, info.display_height) == (180, 320)
    problems = _problems(path)
    assert [p.code for p in problems] == ["VID011"]  # said once, as its shape
    [shape] = problems
    assert "180x320" in shape.message("en") and "portrait" in shape.message("en")
    assert "180x320" in shape.message("vi") and "quay đứng" in shape.message("vi")


def test_a_clip_turned_upside_down_keeps_its_shape(media):
    path = make_video(media / "upside-down.mp4", duration_s=2, width=320, height=180, rotation=180)
    info = probe_video(path)
    assert info.rotation == 180 and (info.display_width, info.display_height) == (320, 180)
    assert _codes(path) == []


def test_a_portrait_frame_stored_upright_is_landscape_when_rotated(media):
    # the other way round: stored 180x320 with a rotation of 90 is shown 320x180, landscape
    path = make_video(media / "turned-landscape.mp4", duration_s=2, width=180, height=320, rotation=90)
    assert _codes(path) == []


# --- pixel aspect: an anamorphic frame is shown stretched --------------------------------------


def test_a_non_square_pixel_aspect_is_judged_as_displayed(media):
    # 240x180 with 4:3 pixels is shown 320x180: a 16:9 frame, not a 4:3 one
    path = make_video(media / "anamorphic.mp4", duration_s=2, width=240, height=180, pixel_aspect=Fraction(4, 3))
    info = probe_video(path)
    assert (info.width, info.height) == (240, 180)
    assert (info.display_width, info.display_height) == (320, 180)
    assert _codes(path) == []


# --- posters: turned and stretched to what the viewer sees --------------------------------------


@pytest.mark.parametrize(("rotation", "size"), [(90, (180, 320)), (180, (320, 180)), (270, (180, 320))])
def test_the_poster_of_a_rotated_clip_is_upright(media, tmp_path, rotation, size):
    path = make_video(
        media / f"poster-{rotation}.mp4",
        duration_s=1,
        width=320,
        height=180,
        rotation=rotation,
        background=(200, 0, 0),
        marker=True,
    )
    poster = extract_poster(path, tmp_path / "poster.jpg")
    with Image.open(poster) as image:
        assert image.size == size
        # the stored frame has a blue marker at its top-left; turned clockwise by the rotation,
        # the marker is at the top-right (90), bottom-right (180) or bottom-left (270)
        marker = {90: "top-right", 180: "bottom-right", 270: "bottom-left"}[rotation]
        assert _blue_corner(image.convert("RGB")) == marker


def test_the_poster_of_an_anamorphic_clip_is_stretched(media, tmp_path):
    path = make_video(media / "poster-anamorphic.mp4", duration_s=1, width=240, height=180, pixel_aspect=Fraction(4, 3))
    with Image.open(extract_poster(path, tmp_path / "poster.jpg")) as image:
        assert image.size == (320, 180)


def _blue_corner(image: Image.Image) -> str:
    corners = {
        "top-left": (4, 4),
        "top-right": (image.width - 5, 4),
        "bottom-left": (4, image.height - 5),
        "bottom-right": (image.width - 5, image.height - 5),
    }
    return max(corners, key=lambda name: pixel(image, corners[name])[2] - pixel(image, corners[name])[0])


# --- playability: what phones cannot decode ---------------------------------------------------


def test_ten_bit_h264_warns_which_phones_fail_and_how_to_export(media):
    path = make_video(media / "high10.mp4", duration_s=2, width=320, height=180, pix_fmt="yuv420p10le")
    info = probe_video(path)
    assert (info.profile, info.bit_depth) == ("High 10", 10)
    problems = _problems(path)
    assert [p.code for p in problems] == ["VID020"] and not problems[0].is_error
    message, hint = problems[0].message("en"), problems[0].hint("en")
    assert "High 10" in message and "10-bit" in message and "iPhone" in message
    assert FFMPEG_FIX in hint
    assert "iPhone" in problems[0].message("vi") and "10 bit" in problems[0].message("vi")


def test_four_four_four_h264_warns(media):
    path = make_video(media / "high444.mp4", duration_s=2, width=320, height=180, pix_fmt="yuv444p")
    problems = _problems(path)
    assert [p.code for p in problems] == ["VID020"]
    assert "4:4:4" in problems[0].message("en") and "Safari" in problems[0].message("en")


def test_a_contest_may_require_videos_that_play_everywhere(media):
    path = make_video(media / "high10-strict.mp4", duration_s=2, width=320, height=180, pix_fmt="yuv420p10le")
    strict = LANDSCAPE_RULES.model_copy(update={"playable_everywhere": True})
    problems = _problems(path, strict)
    assert [p.code for p in problems] == ["VID021"] and problems[0].is_error
    # and a video that plays everywhere is not affected by the option
    good = make_video(media / "baseline.mp4", duration_s=2, width=320, height=180)
    assert _codes(good, strict) == []


def test_a_level_above_4_2_warns(media):
    path = make_video(media / "level51.mp4", duration_s=2, width=320, height=180, level="5.1")
    problems = _problems(path)
    assert [p.code for p in problems] == ["VID020"]
    assert "level 5.1" in problems[0].message("en") and "4.2" in problems[0].message("en")


def test_hevc_from_an_iphone_mov_names_the_players_that_fail(media):
    path = make_video(
        media / "iphone.mov", duration_s=2, width=320, height=180, codec="hevc", container="mov", rotation=90
    )
    portrait_hevc = schema.VideoRules.model_validate({"codecs": ["h264", "hevc"], "aspect_ratio": "9:16"})
    problems = _problems(path, portrait_hevc)
    # and the .mov name: hosts send it as video/quicktime, which Firefox refuses (VID026)
    assert [p.code for p in problems] == ["VID026", "VID020"]
    assert "HEVC" in problems[1].message("en") and "Firefox" in problems[1].message("en")


# --- frame rate: variable-frame-rate files are judged by their maximum ----------------------------


def test_a_screen_recording_with_a_low_average_rate_is_not_flagged(media):
    # 30 fps for 1 s, a still screen (one frame every 2 s), then 30 fps again: about 7.9 fps on average
    times = [i / 30 for i in range(30)] + [2, 4, 6] + [7 + i / 30 for i in range(30)]
    path = make_video(media / "screen.mp4", duration_s=8, width=320, height=180, frame_times=times)
    info = probe_video(path)
    assert info.frame_rate is not None and info.frame_rate_max is not None
    assert info.frame_rate_mode == "VFR" and info.frame_rate < 10 and info.frame_rate_max > 29
    assert _codes(path) == []
    # while a constant 2 fps is still an unusual rate
    steady = make_video(media / "two-fps.mp4", duration_s=4, width=320, height=180, fps=2)
    assert _codes(steady) == ["VID012"]


# --- the portal: the player box and the sharing tags use the displayed size -----------------------


def test_the_player_box_and_sharing_tags_of_an_upright_clip(tree, tmp_path):
    tree.contest()
    folder = tree.entry()
    make_video(folder / "video.mp4", duration_s=2, width=160, height=90, rotation=90, lines=["upright"])
    config = write_mkdocs_yml(tmp_path, extra="site_url: https://portal.example.gov.vn/\n")
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    html = (tmp_path / "site" / "2025-thu-nghiem" / "bai-du-thi" / "e-01" / "index.html").read_text(encoding="utf-8")
    [player] = re.findall(r'<video class="cp-player"[^>]*>', html)
    assert 'width="90" height="160"' in player
    meta = dict(re.findall(r'<meta property="(og:video:[^"]+)" content="([^"]*)"', html))
    assert meta["og:video:width"] == "90" and meta["og:video:height"] == "160"
    posters = list((tmp_path / ".cache" / "posters").rglob("e-01.jpg"))
    with Image.open(posters[0]) as image:
        assert image.height > image.width


@pytest.mark.browser
def test_an_upright_clip_plays_upright_and_large_on_a_phone(tree, tmp_path, browser, serve_folder):
    """On a 390 px phone the player of a 9:16 clip is taller than wide (not a 16:9 box with the
    clip a quarter of its width in the middle)."""
    tree.contest()
    make_video(tree.entry() / "video.mp4", duration_s=2, width=320, height=180, rotation=90, lines=["upright"])
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    base = serve_folder(tmp_path / "site")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(base + "2025-thu-nghiem/bai-du-thi/e-01/")
        box = page.locator("video.cp-player").bounding_box()
    finally:
        page.close()
    assert box is not None and box["height"] > box["width"] > 300


# --- no stalls: a probe that hangs stops only its own file ----------------------------------------


def _hanging_probe(path):
    """A probe that never finishes on files named hang-*.mp4 (a stuck decoder)."""
    import time

    if path.name.startswith("hang-"):
        time.sleep(60)
    return probe_video(path)


def test_files_probed_after_two_hung_ones_are_still_probed(tiny_video, tmp_path):
    import shutil
    import time

    from contest_portal.media.probe import VideoInfo, probe_files

    names = ["hang-1.mp4", "hang-2.mp4"] + [f"good-{i}.mp4" for i in range(6)]
    paths = [shutil.copy(tiny_video, tmp_path / name) for name in names]
    started = time.monotonic()
    outcomes = probe_files(
        [tmp_path / name for name in names], probe=_hanging_probe, workers=2, parallel_min=1, timeout=2
    )
    elapsed = time.monotonic() - started
    assert outcomes[:2] == ["timeout after 2 s", "timeout after 2 s"]
    assert all(isinstance(o, VideoInfo) and o.has_video for o in outcomes[2:])
    # the two hung files run side by side on the two workers: one timeout, not one per later file
    assert elapsed < 15, elapsed
    assert len(paths) == 8


def test_a_small_batch_is_bounded_too(tiny_video, tmp_path):
    """Below PARALLEL_MIN files the probes run in the one kept worker, each with its own timeout."""
    import multiprocessing
    import shutil
    import time

    from contest_portal.media.probe import PARALLEL_MIN, VideoInfo, probe_files

    names = ["good-0.mp4", "hang-1.mp4", "good-1.mp4", "hang-2.mp4", "good-2.mp4"]
    paths = [shutil.copy(tiny_video, tmp_path / name) for name in names]
    assert len(paths) < PARALLEL_MIN
    started = time.monotonic()
    outcomes = probe_files([tmp_path / name for name in names], probe=_hanging_probe, timeout=2)
    elapsed = time.monotonic() - started
    assert outcomes[1] == outcomes[3] == "timeout after 2 s"
    assert all(isinstance(outcome, VideoInfo) and outcome.has_video for outcome in outcomes[0::2])
    # one timeout per hung file and a new worker after each, not the hung probes' 60 s
    assert elapsed < 20, elapsed
    # the hung workers were stopped: only the kept worker is left
    deadline = time.monotonic() + 5
    while len(multiprocessing.active_children()) > 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(multiprocessing.active_children()) <= 1
    # and it goes on probing for the next build
    assert isinstance(probe_files([tmp_path / "good-0.mp4"])[0], VideoInfo)
