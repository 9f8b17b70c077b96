"""Smoke tests for tools.videogen (real MP4 generation, checked with pymediainfo)."""

from __future__ import annotations

import pytest

pymediainfo = pytest.importorskip("pymediainfo")
pytest.importorskip("av")

from tools.videogen import make_video  # noqa: E402

MediaInfo = pymediainfo.MediaInfo


def _parse(path):
    info = MediaInfo.parse(str(path))
    return info.general_tracks[0], info.video_tracks, info.audio_tracks


def test_tiny_h264_video_with_audio_and_faststart(tmp_path):
    path = make_video(
        tmp_path / "tiny.mp4", duration_s=2, width=160, height=90, lines=["Cuộc thi mẫu", "Tiêu đề có dấu tiếng Việt"]
    )
    assert path == tmp_path / "tiny.mp4"
    general, video, audio = _parse(path)
    assert abs(float(general.duration) - 2000) <= 50
    assert len(video) == 1
    assert int(video[0].width) == 160
    assert int(video[0].height) == 90
    assert video[0].format == "AVC"
    assert float(video[0].frame_rate) == pytest.approx(25.0)
    assert len(audio) == 1
    assert audio[0].format == "AAC"
    assert general.isstreamable == "Yes"


def test_faststart_false_puts_moov_at_end(tmp_path):
    path = make_video(tmp_path / "slow.mp4", duration_s=2, width=160, height=90, faststart=False)
    general, video, _ = _parse(path)
    assert general.isstreamable != "Yes"
    assert video[0].format == "AVC"
    assert abs(float(general.duration) - 2000) <= 50


def test_audio_false_writes_no_audio_track(tmp_path):
    path = make_video(tmp_path / "mute.mp4", duration_s=2, width=160, height=90, audio=False)
    general, video, audio = _parse(path)
    assert len(video) == 1
    assert audio == []
    assert general.isstreamable == "Yes"
