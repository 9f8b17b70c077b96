"""Web renditions: a video every phone plays and starts fast, made only where the original is not one.

What offices receive is what phones and editors export: 1080p or 4K at 10-50 Mbit/s, HEVC,
10-bit, ``moov`` at the end.  ``needs_rendition`` says whether the original already plays
everywhere and is light enough (then it is published as it is); ``transcode`` makes the
rendition with PyAV (whose wheels bundle FFmpeg with libx264 and AAC):

- H.264 High profile, level 4.0, 8-bit 4:2:0 (``yuv420p``): what iPhones, Safari and Android
  players decode in hardware;
- progressive and SDR, tagged BT.709: interlaced frames deinterlaced, an HLG or PQ picture
  tone-mapped (media/picture.py);
- the displayed geometry in square pixels: the rotation of the display matrix applied to the
  pixels (a phone's upright clip becomes an upright 720×1280 frame) and a non-square pixel
  aspect stretched out, longest side at most ``max_side`` (never upscaled);
- constant quality (CRF) with a bitrate cap (VBV ``maxrate``/``bufsize``), a keyframe every
  ``keyframe_s`` seconds (seeking on a phone);
- AAC-LC stereo (of the first sound track that has sound, whatever its codec: AC-3, PCM… play
  nowhere else; which one of several is said, VID043),
  timed by its samples counted from its start; the ``moov`` index first
  (``movflags=+faststart``), so playback starts after the first bytes.

A rendition is written as ``<name>.partial`` and renamed when complete: an interrupted job
never leaves a file that looks finished.  The settings and the source's identity name the
file (``rendition_name``), so a changed video or changed settings make a new one and a warm
rebuild finds every rendition made before.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path

from contest_portal.core.errors import Location, Problem
from contest_portal.core.i18n import DEFAULT_LANGUAGE
from contest_portal.core.jobs import failure, run_bounded
from contest_portal.core.seals import Seals, owned
from contest_portal.media.picture import Filter, display_pipe, field_picture, tag_bt709
from contest_portal.media.probe import MediaError, VideoInfo, displayed_size
from contest_portal.media.rules import BROWSER_AUDIO, PHONE_BIT_DEPTH, PHONE_CHROMA, PHONE_MAX_LEVEL, WEB_CODECS
from contest_portal.model import EntryRecord, Portal

PARTIAL = ".partial"
#: Audio codecs and H.264 profiles as MediaInfo names them (the video's limits: media/rules.py).
WEB_AUDIO_CODECS = BROWSER_AUDIO
WEB_PROFILES = {"Baseline", "Constrained Baseline", "Main", "High"}
#: The largest frame kept as it is: 1080p, either way up.
WEB_LONG_SIDE_MAX = 1920
WEB_SHORT_SIDE_MAX = 1080
#: A job's time limit: this many seconds, plus ``SECONDS_PER_SECOND`` per second of video (a
#: 720p rendition takes about 0.1-0.3 s per second of video on one core of an office PC).
JOB_START_S = 120.0
SECONDS_PER_SECOND = 10.0
#: The way renditions are made; a new one names every rendition anew (2: deinterlaced, SDR BT.709 tagged).
RECIPE = 2
#: The way an HDR source's picture is mapped; a new one names HDR sources' renditions anew, only
#: theirs (2: hues kept, media/hdr.py).
HDR_RECIPE = 2
#: Every reason ``needs_rendition`` can give, in its order (each has a ``rendition_reason.*`` text in
#: locales/*/values.yml: the build's summary says them).
REASONS = (
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
    "colour",
    "interlaced",
    "rotation",
    "pixel_aspect",
    "bitrate",
)
#: A sound track is silent when no sample of its first this many seconds is louder than ``SILENCE``
#: (of full scale: -60 dBFS, under any recording's noise floor).
SOUND_SCAN_S = 60.0
SILENCE = 0.001
#: How a rendition's audio stream names the original's track it was made from ("source track 2/3").
KEPT_TRACK = "source track"
#: An unfinished rendition older than this belongs to no running build: removed.
STALE_PARTIAL_S = 3600


@dataclass(frozen=True)
class RenditionSettings:
    """How renditions are made and which originals are kept (plugin option ``renditions``).

    ``max_side``: the longest displayed side in pixels; ``crf``: x264's constant quality (lower is
    better and bigger; 23 is its default); ``max_bitrate_kbps``: the cap on the video bitrate
    (kbit/s, VBV buffer of twice that); ``audio_bitrate_kbps``: AAC-LC stereo; ``preset``: x264's
    speed/size trade-off; ``keyframe_s``: seconds between keyframes; ``keep_below_kbps``: an
    original that plays everywhere is published as it is up to this overall bitrate (kbit/s).
    """

    max_side: int = 1280
    crf: int = 23
    max_bitrate_kbps: int = 2500
    audio_bitrate_kbps: int = 128
    preset: str = "veryfast"
    keyframe_s: float = 2.0
    keep_below_kbps: int = 5000

    def digest(self, hdr: bool = False) -> str:
        """Ten hex digits naming the settings (and the recipe) that change a rendition's bytes; ``hdr``:
        of an HDR source (its mapping's recipe too)."""
        made_by = {k: v for k, v in asdict(self).items() if k != "keep_below_kbps"} | {"recipe": RECIPE}
        if hdr:
            made_by["hdr_recipe"] = HDR_RECIPE
        return hashlib.sha1(repr(sorted(made_by.items())).encode()).hexdigest()[:10]


def needs_rendition(info: VideoInfo, settings: RenditionSettings, suffix: str = ".mp4") -> list[str]:
    """Why the original cannot be published as it is: ``[]`` when it plays everywhere and is light.

    The reasons are short keys, for reports and tests: ``codec`` (not H.264),
    ``profile``, ``level``, ``bit_depth``, ``chroma``, ``size`` (over 1080p), ``moov`` (index at the
    end), ``audio`` (not AAC: AC-3, E-AC-3 and PCM are silent in Chrome and Firefox), ``hdr`` (HLG or
    PQ: washed-out grey without tone mapping), ``colour`` (SDR tagged other than BT.709, e.g. a
    3GP's BT.601), ``interlaced`` (combs), ``rotation`` (a display matrix some players and link
    previews ignore), ``pixel_aspect`` (not square), ``bitrate`` (over
    ``keep_below_kbps``), ``container`` (not MP4: a QuickTime ``.mov`` has MP4's structure, but
    hosts send it as ``video/quicktime``, which Chrome and Android players refuse).  ``suffix``:
    the file's, lower case.
    """
    reasons = []
    if (info.container and info.container != "MPEG-4") or suffix not in (".mp4", ".m4v"):
        reasons.append("container")
    if info.video_codec not in WEB_CODECS:
        reasons.append("codec")
    if info.profile and info.profile not in WEB_PROFILES:
        reasons.append("profile")
    if info.level and info.level > PHONE_MAX_LEVEL + 1e-6:
        reasons.append("level")
    if info.bit_depth and info.bit_depth > PHONE_BIT_DEPTH:
        reasons.append("bit_depth")
    if info.chroma_subsampling and not info.chroma_subsampling.startswith(PHONE_CHROMA):
        reasons.append("chroma")
    shown = info.shown_size
    if shown and (max(shown) > WEB_LONG_SIDE_MAX or min(shown) > WEB_SHORT_SIDE_MAX):
        reasons.append("size")
    if info.streamable is False:
        reasons.append("moov")
    if info.has_audio and info.audio_codec not in WEB_AUDIO_CODECS:
        reasons.append("audio")
    if info.hdr:
        reasons.append("hdr")
    elif any(tag and not tag.startswith("BT.709") for tag in (info.primaries, info.transfer, info.matrix)):
        reasons.append("colour")  # e.g. BT.601 tags: the rendition is BT.709, as the site's every video
    if info.interlaced:
        reasons.append("interlaced")
    if info.rotation:
        reasons.append("rotation")
    if info.pixel_aspect_ratio and abs(info.pixel_aspect_ratio - 1) > 0.001:
        reasons.append("pixel_aspect")
    if info.duration_s and info.size * 8 / info.duration_s / 1000 > settings.keep_below_kbps:
        reasons.append("bitrate")
    return reasons


def rendition_name(source: Path, settings: RenditionSettings, hdr: bool = False) -> str:
    """The cache's name for ``source``'s rendition: its identity (size, mtime in ns, inode) and the
    settings' digest (``hdr``: an HDR source's), e.g. ``1f2e-17a9c3d4e5f60000-3b2a-4c1d2e3f4a.mp4``."""
    st = source.stat()
    return f"{st.st_size:x}-{st.st_mtime_ns:x}-{st.st_ino:x}-{settings.digest(hdr)}.mp4"


def output_size(width: int, height: int, pixel_aspect: float | None, clockwise: int, max_side: int) -> tuple[int, int]:
    """The rendition's frame in square pixels: stored ``width``×``height`` stretched by the pixel
    aspect, turned ``clockwise`` degrees, fitted within ``max_side`` (never upscaled), even sides
    (4:2:0 needs them)."""
    shown = displayed_size(width, height, pixel_aspect) or (width, height)
    w, h = (shown[1], shown[0]) if clockwise % 180 == 90 else shown
    scale = min(1.0, max_side / max(w, h))
    return max(2, round(w * scale / 2) * 2), max(2, round(h * scale / 2) * 2)


def transcode(source: Path, target: Path, settings: RenditionSettings) -> Path:
    """Write ``source``'s web rendition to ``target`` (see the module's docstring); return ``target``.

    Written to ``target`` + ``.partial`` first, renamed when complete.  Raises MediaError when the
    source cannot be decoded (the partial file is removed).
    """
    import av

    partial = target.with_name(target.name + PARTIAL)
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        with av.open(str(source), timeout=10) as container:
            if not container.streams.video:
                raise MediaError("no video stream")
            with av.open(str(partial), "w", format="mp4", options={"movflags": "+faststart"}) as out:
                _transcode_streams(container, out, settings)
    except (av.FFmpegError, OSError, ValueError, MediaError) as exc:
        partial.unlink(missing_ok=True)
        raise exc if isinstance(exc, MediaError) else MediaError(str(exc) or type(exc).__name__) from exc
    os.replace(partial, target)
    return target


def _transcode_streams(container, out, settings: RenditionSettings) -> None:
    import av

    video_in = container.streams.video[0]
    video_in.thread_type = "AUTO"
    audio_in = sound_track(container)
    rate = video_in.average_rate or video_in.guessed_rate or Fraction(25)
    audio_out = None
    if audio_in is not None:
        sample_rate = audio_in.rate if audio_in.rate in (44100, 48000) else 48000
        audio_out = out.add_stream("aac", rate=sample_rate, layout="stereo")
        audio_out.bit_rate = settings.audio_bitrate_kbps * 1000
        tracks = list(container.streams.audio)
        if len(tracks) > 1:  # which one was kept, in the rendition itself (``kept_track`` reads it)
            audio_out.metadata["handler_name"] = f"{KEPT_TRACK} {tracks.index(audio_in) + 1}/{len(tracks)}"
    # the first frame gives the rotation (its display matrix) and the stored size: the video stream
    # is set up from it before the first packet is written
    first = next(container.decode(video_in), None)
    if first is None:
        raise MediaError("no frame")
    graph, video_out = _video_output(out, video_in, first, rate, settings)
    container.seek(0)
    samples: int | None = None  # the audio's timeline, in samples from the start
    for packet in container.demux(*(s for s in (video_in, audio_in) if s is not None)):
        for frame in packet.decode():
            if isinstance(frame, av.AudioFrame):
                assert audio_out is not None
                # counted, not copied: AVI and MPEG-TS sources give audio times that go back or repeat
                if samples is None:
                    start = frame.time if frame.time is not None and frame.time > 0 else 0.0
                    samples = round(start * frame.sample_rate)
                frame.pts, frame.time_base = samples, Fraction(1, frame.sample_rate)
                samples += frame.samples
                out.mux(audio_out.encode(frame))
            else:
                graph.vpush(frame)
                _drain(graph, video_out, out)
    graph.vpush(None)
    _drain(graph, video_out, out)
    out.mux(video_out.encode(None))
    if audio_out is not None:
        out.mux(audio_out.encode(None))


def sound_track(container):
    """The audio stream a rendition keeps (browsers play one): the first whose first
    ``SOUND_SCAN_S`` seconds have a sample louder than ``SILENCE`` (a TV reportage's first track
    may be silent or a mute international mix), else the first; None without audio.  Rewinds
    ``container`` (an open av container) to its start."""
    streams = list(container.streams.audio)
    if len(streams) < 2:
        return streams[0] if streams else None
    for stream in streams:
        if _has_sound(container, stream):
            container.seek(0)
            return stream
    container.seek(0)
    return streams[0]


def kept_track(rendition: Path) -> tuple[int, int] | None:
    """``(the original's sound track the rendition kept, counted from 1; how many it had)``, as
    ``transcode`` wrote it in the rendition's audio stream; None for an original of one track."""
    import av

    try:
        with av.open(str(rendition)) as container:
            said = [s.metadata.get("handler_name", "") for s in container.streams.audio]
    except (av.FFmpegError, OSError):
        return None
    found = re.search(rf"{KEPT_TRACK} (\d+)/(\d+)", " ".join(said))
    return (int(found.group(1)), int(found.group(2))) if found else None


def _has_sound(container, stream) -> bool:
    """Whether ``stream`` has a sample louder than ``SILENCE`` within its first ``SOUND_SCAN_S`` seconds."""
    import numpy as np

    container.seek(0)
    heard = 0.0
    for frame in container.decode(stream):
        samples = frame.to_ndarray()
        if samples.dtype == np.uint8:  # 8-bit PCM: silence is 128
            samples = (samples.astype(np.float32) - 128) / 127
        elif samples.dtype.kind == "i":  # integer PCM: to full scale 1
            samples = samples / float(np.iinfo(samples.dtype).max)
        if samples.size and float(np.abs(samples).max()) > SILENCE:
            return True
        heard += frame.samples / (frame.sample_rate or 48000)
        if heard >= SOUND_SCAN_S:
            return False
    return False


def _video_output(out, video_in, frame, rate: Fraction, settings: RenditionSettings):
    """The filter graph (deinterlace, turn, stretch, scale to square pixels, SDR BT.709, 8-bit 4:2:0:
    media/picture.py) and the H.264 stream tagged BT.709, sized from the first decoded frame (its
    display matrix gives the rotation)."""
    clockwise = -int(getattr(frame, "rotation", 0) or 0) % 360  # PyAV gives counter-clockwise degrees
    aspect = video_in.sample_aspect_ratio or video_in.codec_context.sample_aspect_ratio
    fields = field_picture(frame, video_in.codec_context.name)  # half-height fields: the frame is twice as tall
    width, height = output_size(
        frame.width,
        frame.height * (2 if fields else 1),
        float(aspect) if aspect else None,
        clockwise,
        settings.max_side,
    )
    turns: dict[int, list[Filter]] = {
        90: [("transpose", "clock")],
        180: [("hflip", None), ("vflip", None)],
        270: [("transpose", "cclock")],
    }
    graph = display_pipe(frame, video_in.time_base, width, height, "yuv420p", turns.get(clockwise, []), fields)
    stream = out.add_stream("libx264", rate=rate)
    stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
    tag_bt709(stream)
    stream.codec_context.time_base = stream.time_base = video_in.time_base
    cap = settings.max_bitrate_kbps
    stream.options = {
        "crf": str(settings.crf),
        "preset": settings.preset,
        "profile": "high",
        "level": "4.0",
        "maxrate": f"{cap}k",
        "bufsize": f"{2 * cap}k",
        "g": str(max(1, round(settings.keyframe_s * float(rate)))),
    }
    return graph, stream


def _drain(graph, stream, out) -> None:
    import av

    while True:
        try:
            frame = graph.vpull()
        except (av.BlockingIOError, av.EOFError):
            return
        frame.pict_type = av.video.frame.PictureType.NONE
        out.mux(stream.encode(frame))


@dataclass
class Renditions:
    """What ``ensure_renditions`` found and made.

    ``paths``: ``{"contest/entry": rendition file}`` (in the cache); ``kept``: the entries whose
    original is published as it is; ``made``: the renditions made in this call (0 on a warm
    rebuild); ``original_bytes``/``rendition_bytes``: the bytes of the videos that have a
    rendition, before and after; ``problems``: VID022 warnings (no rendition: the original is
    published) and VID043 (which of the original's sound tracks its rendition kept)."""

    paths: dict[str, Path] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    made: list[str] = field(default_factory=list)
    original_bytes: int = 0
    rendition_bytes: int = 0
    reasons: dict[str, list[str]] = field(default_factory=dict)  # why each video has a rendition
    problems: list[Problem] = field(default_factory=list)


#: Reasons a copy of the streams with the index moved first mends (no re-encoding: same size, seconds)
REMUX_MENDS = {"moov", "container"}


def can_remux(info: VideoInfo, reasons: list[str]) -> bool:
    """Whether the streams can be copied as they are into an MP4 with ``moov`` first: only the
    index's place or the container is wrong, no rotation must be kept (a copied stream may
    lose its display matrix) and there is one sound track at most (browsers play the first of
    several: the rendition keeps the first that has sound)."""
    return bool(reasons) and set(reasons) <= REMUX_MENDS and not info.rotation and info.audio_tracks <= 1


def remux(source: Path, target: Path) -> Path:
    """Copy ``source``'s video and audio streams into an MP4 with ``moov`` first (``.partial``,
    then renamed); raises MediaError."""
    import av

    partial = target.with_name(target.name + PARTIAL)
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        with (
            av.open(str(source), timeout=10) as container,
            av.open(str(partial), "w", format="mp4", options={"movflags": "+faststart"}) as out,
        ):
            streams = [s for s in container.streams if s.type in ("video", "audio")]
            mapping = {s.index: out.add_stream_from_template(s) for s in streams}
            for packet in container.demux(streams):
                if packet.dts is None:  # the demuxer's flush packet
                    continue
                packet.stream = mapping[packet.stream.index]
                out.mux(packet)
    except (av.FFmpegError, OSError, ValueError) as exc:
        partial.unlink(missing_ok=True)
        raise MediaError(str(exc) or type(exc).__name__) from exc
    os.replace(partial, target)
    return target


def make_rendition(job: tuple[str, str, dict, bool]) -> str | None:
    """A job (module-level: sent to a worker process or a Dask worker): ``(source, target,
    settings as a dict, copy the streams)`` → None when the rendition is made, else the reason
    in English."""
    source, target, options, copy = job
    try:
        if copy:
            remux(Path(source), Path(target))
        else:
            transcode(Path(source), Path(target), RenditionSettings(**options))
    except (MediaError, OSError) as exc:
        return failure(exc)
    return None


def ensure_renditions(
    portal: Portal,
    cache_dir: Path,
    settings: RenditionSettings,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
    seals: Seals | None = None,
) -> Renditions:
    """A web rendition for every published video that needs one (``needs_rendition``), cached.

    Renditions are made under ``cache_dir/renditions/<contest>/`` (never under entries/), named by
    the source's identity and the settings, so a warm rebuild makes none.  Jobs run in worker
    processes, each bounded by ``JOB_START_S + SECONDS_PER_SECOND × duration`` seconds; or, with
    ``scheduler`` (``tcp://host:8786``), on a Dask distributed cluster whose workers see the same
    paths.  A video whose rendition fails keeps its original on the site, with a VID022 warning.
    Entries need their probe (``entry.video_info``); without one nothing is made for them.
    A rendition that no longer matches its seal in ``seals`` (core/seals.py) is made again.
    """
    with owned(seals, cache_dir) as seals:
        return _ensure_renditions(portal, cache_dir, settings, workers, scheduler, lang, seals)


def _ensure_renditions(
    portal: Portal,
    cache_dir: Path,
    settings: RenditionSettings,
    workers: int | None,
    scheduler: str | None,
    lang: str,
    seals: Seals,
) -> Renditions:
    found = Renditions()
    folder = cache_dir / "renditions"
    _sweep_partials(folder)
    todo: list[tuple[str, EntryRecord, Path, Path, float]] = []  # key, entry, source, target, seconds
    copies: set[str] = set()  # keys whose streams are copied, not encoded
    for contest in portal.contests:
        for entry in contest.published_entries:
            info, video = entry.video_info, entry.video_path
            if video is None or info is None or not info.has_video:
                continue
            key = f"{contest.slug}/{entry.slug}"
            reasons = needs_rendition(info, settings, video.suffix.lower())
            if not reasons:
                found.kept.append(key)
                continue
            found.reasons[key] = reasons
            copy = can_remux(info, reasons)
            name = rendition_name(video, settings, info.hdr)
            target = folder / contest.slug / (name.replace(".mp4", "-copy.mp4") if copy else name)
            if copy:
                copies.add(key)
            if seals.check(target):
                found.paths[key] = target
            else:
                todo.append((key, entry, video, target, info.duration_s or 0.0))
    options = asdict(settings)
    jobs = [(str(source), str(target), options, key in copies) for key, _, source, target, _ in todo]
    seconds = [max(1, round(duration)) for *_, duration in todo]
    outcomes = run_bounded(
        make_rendition,
        jobs,
        workers=workers,
        parallel_min=2,
        work="rendition",
        lang=lang,
        weights=seconds,
        scheduler=scheduler,
        timeout=[JOB_START_S + SECONDS_PER_SECOND * s for s in seconds],
    )
    for (key, entry, source, target, _), error in zip(todo, outcomes):
        if error is None and target.is_file():
            seals.seal(target)
            found.paths[key] = target
            found.made.append(key)
        else:
            found.problems.append(
                Problem(
                    "VID022",
                    Location(file=source, contest=entry.contest_slug, entry=entry.slug),
                    {"path": source.name, "detail": error or "?"},
                )
            )
    for contest in portal.contests:
        for entry in contest.published_entries:
            made = found.paths.get(f"{contest.slug}/{entry.slug}")
            if made is not None and entry.video_path is not None:
                found.original_bytes += entry.video_path.stat().st_size
                found.rendition_bytes += made.stat().st_size
                found.problems += _said_track(entry, made)
    portal.stats["renditions_made"] = len(found.made)
    return found


def _said_track(entry: EntryRecord, rendition: Path) -> list[Problem]:
    """VID043 when the original has several sound tracks: which one its rendition kept."""
    info, video = entry.video_info, entry.video_path
    if info is None or video is None or info.audio_tracks < 2:
        return []
    kept = kept_track(rendition)
    if kept is None:
        return []
    return [
        Problem(
            "VID043",
            Location(file=video, contest=entry.contest_slug, entry=entry.slug),
            {"path": video.name, "kept": kept[0], "count": kept[1]},
        )
    ]


def _sweep_partials(folder: Path) -> None:
    """Remove unfinished renditions left by a build that was killed (older than an hour)."""
    now = time.time()
    for partial in folder.glob(f"*/*{PARTIAL}") if folder.is_dir() else []:
        try:
            if now - partial.stat().st_mtime > STALE_PARTIAL_S:
                partial.unlink()
        except OSError:
            pass
