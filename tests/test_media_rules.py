"""Media checks on real generated files, probed with pymediainfo, against contest rules."""

from __future__ import annotations

import pytest

from contest_portal.core.errors import Location
from contest_portal.formats import schema
from contest_portal.media.probe import probe_video
from contest_portal.media.rules import check_video
from tools.videogen import make_not_a_video, make_truncated_copy, make_video

RULES = schema.VideoRules.model_validate(
    {
        "min_duration": "3s",
        "max_duration": "6s",
        "resolutions": ["320x180", "640x360"],
        "aspect_ratio": "16:9",
        "max_size": "5 MB",
    }
)


def _codes(path, rules=RULES):
    problems = check_video(probe_video(path), rules, path, Location(file=path))
    return sorted(p.code for p in problems), problems


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("media-rules")


def test_conforming_video_has_no_problem(media):
    assert _codes(make_video(media / "ok.mp4", duration_s=4, width=320, height=180))[0] == []


def test_too_short_and_too_long(media):
    codes, problems = _codes(make_video(media / "short.mp4", duration_s=2, width=320, height=180))
    assert codes == ["VID008"] and "0:02" in problems[0].message("en") and "0:03" in problems[0].message("en")
    assert _codes(make_video(media / "long.mp4", duration_s=8, width=320, height=180))[0] == ["VID009"]


def test_resolution_not_allowed(media):
    codes, problems = _codes(make_video(media / "res.mp4", duration_s=4, width=480, height=270))
    assert codes == ["VID010"]
    assert "480x270" in problems[0].message("en") and "320x180, 640x360" in problems[0].message("en")


def test_portrait_is_named(media):
    codes, problems = _codes(make_video(media / "portrait.mp4", duration_s=4, width=180, height=320))
    assert codes == ["VID011"]  # its shape, not again as a resolution to export at (it would be squashed)
    assert "portrait" in problems[0].message("en") and "dọc" in problems[0].message("vi")


def test_four_by_three_is_named(media):
    codes, problems = _codes(make_video(media / "43.mp4", duration_s=4, width=320, height=240))
    assert codes == ["VID011"]
    assert "4:3" in problems[0].message("en") and "16:9" in problems[0].message("en")


def test_no_audio_is_a_warning(media):
    codes, problems = _codes(make_video(media / "mute.mp4", duration_s=4, width=320, height=180, audio=False))
    assert codes == ["VID013"] and not problems[0].is_error


def test_moov_at_end_warns_with_the_fix(media):
    codes, problems = _codes(make_video(media / "end.mp4", duration_s=4, width=320, height=180, faststart=False))
    assert codes == ["VID015"] and not problems[0].is_error
    assert "-movflags +faststart" in problems[0].hint("en")


def test_truncated_not_a_video_and_empty(media):
    source = make_video(media / "whole.mp4", duration_s=4, width=320, height=180)
    assert _codes(make_truncated_copy(source, media / "cut.mp4", 0.5))[0] == ["VID004"]
    slow = make_video(media / "whole-end.mp4", duration_s=4, width=320, height=180, faststart=False)
    assert _codes(make_truncated_copy(slow, media / "cut-end.mp4", 0.5))[0] == ["VID004"]
    codes, problems = _codes(make_not_a_video(media / "text.mp4"))
    assert codes == ["VID003"]
    (media / "empty.mp4").write_bytes(b"")
    assert _codes(media / "empty.mp4")[0] == ["VID002"]


def test_image_renamed_to_mp4_is_not_a_video(media):
    from PIL import Image

    Image.new("RGB", (64, 64), "red").save(media / "photo.mp4", "PNG")
    codes, problems = _codes(media / "photo.mp4")
    assert codes == ["VID003"] and "PNG" in problems[0].message("en")


def test_hevc_refused_or_warned_by_the_rules(media):
    path = make_video(media / "hevc.mp4", duration_s=4, width=320, height=180, codec="hevc")
    assert _codes(path, RULES.model_copy(update={"codecs": ["h264"]}))[0] == ["VID007"]
    for lenient in (RULES.model_copy(update={"codecs": ["h264", "hevc"]}), RULES):  # allowed, or no rule at all
        codes, problems = _codes(path, lenient)
        # accepted, but it plays on some devices only: the playability warning names them
        assert codes == ["VID020"] and not problems[0].is_error and "Firefox" in problems[0].message("en")


def test_a_codec_no_browser_plays_is_warned_when_allowed(media):
    path = make_video(media / "mpeg4.mp4", duration_s=4, width=320, height=180, codec="mpeg4")
    lenient = RULES.model_copy(update={"codecs": ["h264", "mpeg4"]})
    codes, problems = _codes(path, lenient)
    assert codes == ["VID006"] and not problems[0].is_error


def test_size_limit(media):
    path = make_video(media / "big.mp4", duration_s=4, width=320, height=180)
    small = RULES.model_copy(update={"max_size": 1000})
    assert _codes(path, small)[0] == ["VID014"]


def test_odd_frame_rate_warns(media):
    path = make_video(media / "slow.mp4", duration_s=4, width=320, height=180, fps=2)
    assert _codes(path)[0] == ["VID012"]


def test_container_rule(media):
    path = make_video(media / "c.mp4", duration_s=4, width=320, height=180)
    webm_only = RULES.model_copy(update={"containers": ["webm"]})
    assert _codes(path, webm_only)[0] == ["VID005"]


def test_a_plan_that_says_mp4_refuses_a_mov_though_mediainfo_calls_both_mpeg4(media):
    """ "định dạng .mp4" in the plan names the file as the entrant sees it: an iPhone's .mov holds the
    same kind of container (MediaInfo: "MPEG-4") but is not an .mp4 the plan asked for."""
    mp4_only = RULES.model_copy(update={"containers": ["mp4"]})
    mov = make_video(media / "IMG_0001.mov", duration_s=4, width=320, height=180, container="mov")
    codes, problems = _codes(mov, mp4_only)
    assert codes == ["VID005"] and "mp4" in problems[0].message("vi")
    assert _codes(make_video(media / "ok2.mp4", duration_s=4, width=320, height=180), mp4_only)[0] == []
    assert "VID005" not in _codes(mov, RULES.model_copy(update={"containers": ["mp4", "mov"]}))[0]


def test_header_claiming_days_is_refused(media):
    from tools.videogen import make_absurd_duration_copy

    source = make_video(media / "short-real.mp4", duration_s=4, width=320, height=180)
    forged = make_absurd_duration_copy(source, media / "days.mp4", seconds=3 * 86400)
    lenient = schema.VideoRules()  # even without a maximum duration in the rules
    codes, problems = _codes(forged, lenient)
    assert codes == ["VID017"] and "72" in problems[0].message("en")


def test_huge_resolution_is_refused_and_its_poster_is_bounded(media, tmp_path):
    import time

    from contest_portal.media.probe import extract_poster

    path = make_video(media / "huge.mp4", duration_s=0.08, width=10000, height=10000, audio=False)
    codes, _ = _codes(path, schema.VideoRules())
    assert codes == ["VID018"]
    started = time.monotonic()
    poster = extract_poster(path, tmp_path / "p.jpg", max_width=960)
    assert time.monotonic() - started < 30
    from PIL import Image

    with Image.open(poster) as image:
        assert image.width == 960


def test_a_1_gb_file_is_probed_without_being_read(media):
    """MediaInfo with parse_speed=0 reads headers only: the bytes read stay tiny for 1 GB."""
    from contest_portal.media.probe import probe_video as probe
    from tools.videogen import make_padded_copy

    source = make_video(media / "small.mp4", duration_s=4, width=320, height=180)
    big = make_padded_copy(source, media / "big.mp4", 1_000_000_000)
    assert big.stat().st_size == 1_000_000_000

    def bytes_read() -> int:
        with open("/proc/self/io") as handle:
            return int(next(line for line in handle if line.startswith("rchar:")).split()[1])

    before = bytes_read()
    info = probe(big)
    read = bytes_read() - before
    assert info.has_video and info.width == 320 and info.size == 1_000_000_000
    assert read < 20_000_000, f"read {read} bytes of a 1 GB file"
