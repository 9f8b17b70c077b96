"""Web renditions: made only where the original would not play everywhere, right, cached, resumable.

Every source is a real file made with PyAV in the test; every rendition is probed back with
pymediainfo.  Expected sizes are worked out by hand from the source's geometry.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from contest_portal.media import renditions as renditions_module
from contest_portal.media.posters import ensure_posters
from contest_portal.media.probe import VideoInfo, extract_poster, probe_video
from contest_portal.media.renditions import (
    RenditionSettings,
    ensure_renditions,
    needs_rendition,
    output_size,
    transcode,
)
from contest_portal.pipeline import load_portal
from tools.videogen import make_video

from .conftest import MINIMAL_ENTRY

SMALL = RenditionSettings(max_side=640)


def _web_facts(path):
    info = probe_video(path)
    return {
        "codec": info.video_codec,
        "profile": info.profile,
        "bit_depth": info.bit_depth,
        "chroma": info.chroma_subsampling,
        "moov first": info.streamable,
        "rotation": info.rotation,
        "size": (info.width, info.height),
        "audio": info.audio_codec,
    }


WEB = {
    "codec": "AVC",
    "profile": "High",
    "bit_depth": 8,
    "chroma": "4:2:0",
    "moov first": True,
    "rotation": 0,
    "audio": "AAC",
}


def test_an_original_that_plays_everywhere_is_kept(tmp_path):
    source = make_video(tmp_path / "ok.mp4", duration_s=1, width=640, height=360)
    assert needs_rendition(probe_video(source), SMALL) == []


@pytest.mark.parametrize(
    ("kwargs", "reasons"),
    [
        ({"codec": "hevc"}, ["codec"]),
        ({"pix_fmt": "yuv420p10le"}, ["profile", "bit_depth"]),
        ({"faststart": False}, ["moov"]),
        ({"container": "mov"}, ["container"]),
    ],
)
def test_what_needs_a_rendition_and_why(tmp_path, kwargs, reasons):
    source = make_video(tmp_path / f"v.{kwargs.get('container', 'mp4')}", duration_s=1, width=640, height=360, **kwargs)
    assert needs_rendition(probe_video(source), SMALL, source.suffix) == reasons


def test_a_heavy_original_gets_a_rendition():
    from contest_portal.media.probe import VideoInfo

    # 60 MB for 60 s is 8,000 kbit/s: over the 5,000 kbit/s kept as it is
    heavy = VideoInfo(
        size=60_000_000,
        container="MPEG-4",
        duration_s=60,
        video_codec="AVC",
        profile="High",
        level=4.0,
        bit_depth=8,
        chroma_subsampling="4:2:0",
        streamable=True,
        has_video=True,
        width=1920,
        height=1080,
        display_width=1920,
        display_height=1080,
    )
    assert needs_rendition(heavy, RenditionSettings()) == ["bitrate"]
    assert needs_rendition(
        replace(heavy, width=3840, height=2160, display_width=3840, display_height=2160, size=30_000_000),
        RenditionSettings(),
    ) == ["size"]


def test_output_size_is_the_displayed_frame_in_square_pixels_within_the_limit():
    assert output_size(1920, 1080, None, 90, 1280) == (720, 1280)  # a phone's upright clip
    assert output_size(1440, 1080, 4 / 3, 0, 1280) == (1280, 720)  # anamorphic 16:9
    assert output_size(640, 360, None, 0, 1280) == (640, 360)  # never upscaled
    assert output_size(3840, 2160, None, 180, 1280) == (1280, 720)


@pytest.mark.parametrize(
    ("kwargs", "size"),
    [
        ({"codec": "hevc", "width": 640, "height": 360}, (640, 360)),
        ({"pix_fmt": "yuv420p10le", "width": 640, "height": 360}, (640, 360)),
        ({"rotation": 90, "width": 640, "height": 360, "faststart": False}, (360, 640)),
        ({"rotation": 270, "width": 640, "height": 360, "faststart": False}, (360, 640)),
        ({"pixel_aspect": Fraction(4, 3), "width": 480, "height": 360, "faststart": False}, (640, 360)),
        ({"width": 1280, "height": 720, "pix_fmt": "yuv444p"}, (640, 360)),  # fitted to max_side 640
    ],
)
def test_renditions_are_8_bit_420_upright_square_pixels_moov_first(tmp_path, kwargs, size):
    source = make_video(tmp_path / "source.mp4", duration_s=1, lines=["Phone"], marker=True, **kwargs)
    target = transcode(source, tmp_path / "web.mp4", SMALL)
    assert _web_facts(target) == {**WEB, "size": size}
    assert not list(tmp_path.glob("*.partial"))
    # the same picture as a viewer of the original sees: the posters (both as displayed) match
    original = extract_poster(source, tmp_path / "a.jpg", at_fraction=0)
    rendition = extract_poster(target, tmp_path / "b.jpg", at_fraction=0)
    assert _difference(original, rendition) < 12


def _difference(a, b) -> float:
    """Mean absolute difference per channel (0-255) of two pictures scaled to 64x64."""
    from PIL import Image, ImageChops, ImageStat

    with Image.open(a) as first, Image.open(b) as second:
        one, two = (image.convert("RGB").resize((64, 64)) for image in (first, second))
        return sum(ImageStat.Stat(ImageChops.difference(one, two)).mean) / 3


def test_an_undecodable_video_is_a_coded_problem_and_no_file(tmp_path):
    source = tmp_path / "broken.mp4"
    source.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(5000))
    with pytest.raises(Exception) as caught:
        transcode(source, tmp_path / "web.mp4", SMALL)
    assert type(caught.value).__name__ == "MediaError"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.mp4"]


# --- in a portal: cached, resumable, warm rebuild makes nothing -----------------------------------


def _portal_with(tree, **video):
    tree.contest()
    make_video(tree.entry(slug="e-01") / "video.mp4", duration_s=4, width=640, height=360, **video)
    folder = tree.entry(slug="e-02", text=MINIMAL_ENTRY.format(n=2).replace("xa-a", "xa-b"))
    make_video(folder / "video.mp4", duration_s=1, width=320, height=180)  # web-ready: kept
    return load_portal(tree.root)


def test_only_what_needs_it_is_transcoded_then_reused(tree, tmp_path):
    portal = _portal_with(tree, pix_fmt="yuv420p10le")  # VID020: plays on some phones only
    made = ensure_renditions(portal, tmp_path / "cache", SMALL)
    assert made.problems == [] and made.made == ["2025-thu-nghiem/e-01"] and made.kept == ["2025-thu-nghiem/e-02"]
    assert made.reasons == {"2025-thu-nghiem/e-01": ["profile", "bit_depth"]}  # High 10: said in the build's last lines
    rendition = made.paths["2025-thu-nghiem/e-01"]
    assert _web_facts(rendition)["codec"] == "AVC"
    again = ensure_renditions(load_portal(tree.root), tmp_path / "cache", SMALL)
    assert again.made == [] and again.paths == made.paths
    # other settings: a new rendition, the old one left as it was
    other = ensure_renditions(load_portal(tree.root), tmp_path / "cache", replace(SMALL, crf=30))
    assert other.made == ["2025-thu-nghiem/e-01"] and other.paths["2025-thu-nghiem/e-01"] != rendition
    assert rendition.is_file()


def test_an_index_at_the_end_is_mended_by_copying_the_streams(tree, tmp_path):
    """Only the index is misplaced: the streams are copied with ``moov`` first, nothing re-encoded."""
    portal = _portal_with(tree, faststart=False)
    source = portal.contests[0].entries[0].video_path
    made = ensure_renditions(portal, tmp_path / "cache", SMALL)
    copy = made.paths["2025-thu-nghiem/e-01"]
    assert made.reasons == {"2025-thu-nghiem/e-01": ["moov"]} and copy.name.endswith("-copy.mp4")
    before, after = probe_video(source), probe_video(copy)
    assert (before.streamable, after.streamable) == (False, True)
    assert (after.width, after.height, after.duration_s) == (640, 360, 4.0)  # not fitted to max_side 640x360
    assert after.size == pytest.approx(before.size, rel=0.02)  # the same bytes, moved


def test_a_rotated_clip_with_the_index_at_the_end_is_re_encoded_upright(tree, tmp_path):
    """A copied stream may lose its display matrix: a rotated clip is encoded upright instead."""
    portal = _portal_with(tree, faststart=False, rotation=90)
    made = ensure_renditions(portal, tmp_path / "cache", SMALL)
    assert not made.paths["2025-thu-nghiem/e-01"].name.endswith("-copy.mp4")
    assert _web_facts(made.paths["2025-thu-nghiem/e-01"])["size"] == (360, 640)


def test_an_interrupted_run_leaves_no_finished_looking_file_and_the_next_resumes(tree, tmp_path, monkeypatch):
    portal = _portal_with(tree, faststart=False)
    # the job writes the whole rendition, then hangs before the rename and is stopped there
    monkeypatch.setattr(renditions_module, "make_rendition", _hangs_before_the_rename)
    monkeypatch.setattr(renditions_module, "JOB_START_S", 5.0)
    monkeypatch.setattr(renditions_module, "SECONDS_PER_SECOND", 0.0)
    stopped = ensure_renditions(portal, tmp_path / "cache", SMALL)
    assert [p.code for p in stopped.problems] == ["VID022"] and stopped.paths == {}
    assert "timeout after 5 s" in stopped.problems[0].message("en")
    folder = tmp_path / "cache" / "renditions" / "2025-thu-nghiem"
    assert [p.suffix for p in folder.iterdir()] == [".partial"]  # never a file that looks finished
    monkeypatch.undo()
    resumed = ensure_renditions(load_portal(tree.root), tmp_path / "cache", SMALL)
    assert resumed.made == ["2025-thu-nghiem/e-01"] and resumed.problems == []
    assert _web_facts(resumed.paths["2025-thu-nghiem/e-01"])["moov first"] is True


def _hangs_before_the_rename(job):
    import os
    import time

    def hang(*args):
        time.sleep(600)

    os.replace = hang  # type: ignore[assignment]  # in the worker process only: its rendition never lands
    return renditions_module.make_rendition(job)


def test_a_dask_local_cluster_makes_the_same_renditions(tree, tmp_path):
    distributed = pytest.importorskip("distributed")
    portal = _portal_with(tree, pix_fmt="yuv420p10le")
    here = ensure_renditions(portal, tmp_path / "here", SMALL)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        there = ensure_renditions(
            load_portal(tree.root), tmp_path / "there", SMALL, scheduler=cluster.scheduler_address
        )
    assert there.problems == [] and there.made == here.made == ["2025-thu-nghiem/e-01"]
    key = "2025-thu-nghiem/e-01"
    assert _web_facts(there.paths[key]) == _web_facts(here.paths[key]) == {**WEB, "size": (640, 360)}


def test_the_entry_page_plays_the_rendition(tree, tmp_path):
    """A built site: the player's source is the rendition; the original is not published by default."""
    from contest_portal.core.i18n import Translator
    from contest_portal.pipeline import plan_site

    portal = _portal_with(tree, rotation=90, faststart=False)
    posters, _ = ensure_posters(portal, tmp_path / "cache")
    plan, _, warnings = plan_site(
        portal,
        Translator("vi"),
        __import__("datetime").datetime(2025, 6, 1),
        cache_dir=tmp_path / "cache",
        renditions=SMALL,
    )
    assert warnings == []
    published = {uri: spec.source for uri, spec in plan.media.items() if uri.endswith(".mp4")}
    assert sorted(published) == ["2025-thu-nghiem/media/e-01/video.web.mp4", "2025-thu-nghiem/media/e-02/video.mp4"]
    assert _web_facts(published["2025-thu-nghiem/media/e-01/video.web.mp4"])["size"] == (360, 640)
    with_originals, _, _ = plan_site(
        portal,
        Translator("vi"),
        __import__("datetime").datetime(2025, 6, 1),
        cache_dir=tmp_path / "cache",
        renditions=SMALL,
        publish_originals=True,
    )
    assert "2025-thu-nghiem/media/e-01/video.mp4" in with_originals.media
    assert posters


def test_with_renditions_a_video_the_rendition_mends_gets_no_playback_warning(tree):
    """Index at the end (VID015) and 10-bit (VID020): moot when visitors get the rendition."""
    tree.contest()
    make_video(
        tree.entry(slug="e-01") / "video.mp4",
        duration_s=1,
        width=320,
        height=180,
        faststart=False,
        pix_fmt="yuv420p10le",
    )
    codes = sorted(p.code for p in load_portal(tree.root).all_problems())
    assert codes == ["VID015", "VID020"]
    assert [p.code for p in load_portal(tree.root, web_renditions=True).all_problems()] == []


#: A video wrong in every way ``needs_rendition`` looks at: a TV station's 4K MPEG-2 in a transport
#: stream, 10-bit 4:2:2, interlaced, HDR, turned, anamorphic, with AC-3 sound, 80 Mbit/s.
EVERYTHING_WRONG = VideoInfo(
    size=100_000_000,
    container="MPEG-TS",
    duration_s=10,
    width=3840,
    height=2160,
    video_codec="MPEG Video",
    profile="4:2:2",
    level=6.2,
    bit_depth=10,
    chroma_subsampling="4:2:2",
    has_video=True,
    has_audio=True,
    audio_codec="AC-3",
    streamable=False,
    transfer="HLG",
    primaries="BT.2020",
    matrix="BT.2020 non-constant",
    scan_type="Interlaced",
    scan_order="TFF",
    rotation=90,
    pixel_aspect_ratio=4 / 3,
)


def test_every_reason_for_a_rendition_reads_in_both_languages():
    """The build's summary said raw keys (``rendition_reason.interlaced``): every reason the code can
    give has its text in Vietnamese and English."""
    from contest_portal.core.i18n import catalog

    hdr = needs_rendition(EVERYTHING_WRONG, SMALL, ".ts")
    sdr = needs_rendition(
        replace(EVERYTHING_WRONG, transfer="BT.601", primaries="BT.601", matrix="BT.601"), SMALL, ".ts"
    )
    assert hdr == [
        "container",
        "codec",
        "profile",
        "level",
        "bit_depth",
        "chroma",
        "size",
        "moov",
        "audio",
        "hdr",
        "interlaced",
        "rotation",
        "pixel_aspect",
        "bitrate",
    ]
    assert set(hdr) | set(sdr) == set(renditions_module.REASONS) and "colour" in sdr
    for lang in ("vi", "en"):
        texts = catalog(lang)
        missing = [reason for reason in renditions_module.REASONS if not texts.get(f"rendition_reason.{reason}")]
        assert missing == [], lang
    assert catalog("vi")["rendition_reason.interlaced"] != catalog("en")["rendition_reason.interlaced"]


def test_only_an_hdr_sources_rendition_is_named_anew_by_the_hdr_recipe(tmp_path):
    """The HDR mapping changed (hues kept): an HDR source's cached rendition is made again, an SDR
    one's is found as before (an office's hours of SDR renditions are not redone)."""
    source = make_video(tmp_path / "a.mp4", duration_s=0.2, width=64, height=48)
    sdr, hdr = renditions_module.rendition_name(source, SMALL), renditions_module.rendition_name(source, SMALL, True)
    assert sdr != hdr and sdr.rsplit("-", 1)[0] == hdr.rsplit("-", 1)[0]
    assert SMALL.digest() == SMALL.digest(False) and len(SMALL.digest(True)) == 10


def _loudest(rendition) -> float:
    """The rendition's loudest sample (of full scale 1), read with PyAV."""
    import av
    import numpy as np

    with av.open(str(rendition)) as container:
        assert len(container.streams.audio) == 1
        return max(float(np.abs(frame.to_ndarray()).max()) for frame in container.decode(audio=0))


@pytest.mark.parametrize(("tones", "kept"), [([None, 440], 2), ([440, 880], 1), ([None, None, 660], 3)])
def test_the_first_sound_track_that_has_sound_is_kept_and_said(tree, tmp_path, tones, kept):
    """Issue 30: a TV reportage's first track may be silent (a mute international mix): the rendition
    kept only the first, and the page played silence.  It keeps the first track that has sound
    (a 440-880 Hz tone at half of full scale: its AAC copy peaks above 0.3), and VID043 says which,
    on a warm rebuild too."""
    portal = _portal_with(tree, audio_codec="ac3", audio_tracks=len(tones), audio_tones=tones)
    made = ensure_renditions(portal, tmp_path / "cache", SMALL)
    rendition = made.paths["2025-thu-nghiem/e-01"]
    assert not rendition.name.endswith("-copy.mp4") and _loudest(rendition) > 0.3
    [said] = made.problems
    assert said.code == "VID043" and not said.is_error and said.where.entry == "e-01"
    assert f"{len(tones)} sound tracks" in said.message("en") and f"keeps track {kept} " in said.message("en")
    assert f"giữ rãnh {kept} " in said.message("vi")
    again = ensure_renditions(load_portal(tree.root), tmp_path / "cache", SMALL)
    assert again.made == [] and [p.code for p in again.problems] == ["VID043"]


def test_a_silent_video_of_two_tracks_keeps_the_first(tmp_path):
    source = make_video(tmp_path / "quiet.mp4", duration_s=0.5, width=64, height=48, audio_tracks=2)
    target = transcode(source, tmp_path / "web.mp4", SMALL)
    assert renditions_module.kept_track(target) == (1, 2) and _loudest(target) == 0


def test_a_silent_8_bit_pcm_track_is_heard_as_silent(tmp_path):
    """8-bit PCM (an old camera's AVI or MKV) stores silence as 128: read as a sample of half of full
    scale, a silent first track would be kept over the second, which has the sound."""
    import av
    import numpy as np

    path = tmp_path / "camera.mkv"
    with av.open(str(path), "w", format="matroska") as out:
        video = out.add_stream("libx264", rate=25)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        tracks = [out.add_stream(codec, rate=8000, layout="mono") for codec in ("pcm_u8", "pcm_s16le")]
        picture = av.VideoFrame.from_ndarray(np.zeros((48, 64, 3), np.uint8), format="rgb24").reformat(format="yuv420p")
        for index in range(5):
            picture.pts = index
            out.mux(video.encode(picture))
        out.mux(video.encode(None))
        silence = np.full((1, 4000), 128, np.uint8)
        tone = (8000 * np.sin(np.arange(4000) / 5)).astype(np.int16)[None]
        for track, samples, sample_format in zip(tracks, (silence, tone), ("u8", "s16")):
            frame = av.AudioFrame.from_ndarray(samples, format=sample_format, layout="mono")  # type: ignore[arg-type]  # (numpy arrays of two dtypes zipped: mypy sees object)
            frame.sample_rate, frame.pts = 8000, 0
            out.mux(track.encode(frame))
            out.mux(track.encode(None))
    target = transcode(path, tmp_path / "web.mp4", SMALL)
    assert renditions_module.kept_track(target) == (2, 2) and _loudest(target) > 0.1
