"""Read facts about media files and make poster frames; pure functions.

``probe_video`` uses pymediainfo with ``parse_speed=0``: it reads the headers
only, so it takes a few milliseconds whatever the file's size, and still
reports duration, size, codec, resolution and whether the moov atom is at
the start.  ``probe_files`` probes many files across the machine's cores.
``extract_poster`` decodes one frame near a point of the video with PyAV and
saves it as a resized JPEG; ``make_thumbnail`` turns a poster into a small WebP.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

from contest_portal.core.atomic import replacing


@dataclass(frozen=True)
class VideoInfo:
    """What the probe found in one file."""

    size: int
    container: str | None = None
    duration_s: float | None = None
    width: int | None = None
    height: int | None = None
    video_codec: str | None = None
    frame_rate: float | None = None
    display_aspect_ratio: float | None = None
    has_video: bool = False
    has_audio: bool = False
    audio_codec: str | None = None
    streamable: bool | None = None
    truncated: bool = False
    other_kind: str | None = None  # e.g. "PNG" when the file is an image, not a video

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> VideoInfo:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


class MediaError(Exception):
    """The file could not be read as media at all."""


def _float(value) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def probe_video(path: Path) -> VideoInfo:
    """Probe ``path`` with MediaInfo, reading headers only."""
    from pymediainfo import MediaInfo

    size = path.stat().st_size
    with path.open("rb") as handle:  # PermissionError here, not a misleading "not a video" later
        handle.read(1)
    try:
        info = MediaInfo.parse(str(path), parse_speed=0)
    except Exception as exc:  # pymediainfo raises plain exceptions on unreadable input
        raise MediaError(str(exc)) from exc
    general = info.general_tracks[0] if info.general_tracks else None
    video = info.video_tracks[0] if info.video_tracks else None
    duration_ms = _float(getattr(video, "duration", None)) or _float(getattr(general, "duration", None))
    streamable = getattr(general, "isstreamable", None)
    return VideoInfo(
        size=size,
        container=getattr(general, "format", None),
        duration_s=duration_ms / 1000 if duration_ms else None,
        width=int(video.width) if video is not None and video.width else None,
        height=int(video.height) if video is not None and video.height else None,
        video_codec=getattr(video, "format", None),
        frame_rate=_float(getattr(video, "frame_rate", None)),
        display_aspect_ratio=_float(getattr(video, "display_aspect_ratio", None)),
        has_video=video is not None,
        has_audio=bool(info.audio_tracks),
        audio_codec=info.audio_tracks[0].format if info.audio_tracks else None,
        streamable=None if streamable is None else streamable == "Yes",
        truncated=getattr(general, "istruncated", None) == "Yes",
        other_kind=None if video is not None else (getattr(general, "format", None)
                                                   or _first_other_track(info)),
    )


def probe_outcome(path: Path, probe: Callable[[Path], VideoInfo] | None = None) -> VideoInfo | str:
    """The probe of ``path``, or the reason it could not be read (safe to run in a worker)."""
    try:
        return (probe or probe_video)(path)
    except (MediaError, OSError) as exc:
        return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


# Below this many files a worker pool costs more to start (spawn: about 0.2 s) than it saves.
PARALLEL_MIN = 64


def probe_files(paths: list[Path], *, probe: Callable[[Path], VideoInfo] | None = None,
                workers: int | None = None, parallel_min: int = PARALLEL_MIN,
                advance: Callable[[int], None] | None = None) -> list[VideoInfo | str]:
    """``probe_outcome`` of every path, in the order given; ``probe`` defaults to probe_video.

    MediaInfo's parse is partly Python (its XML report), so threads barely help (measured:
    10-20 % on 2 cores, processes 2x): enough files are probed in worker processes, one per
    core.  A crashed worker (a pathological file crashing libmediainfo) does not lose the
    batch: what is left is probed here.
    """
    count = max(1, min(workers or os.cpu_count() or 1, len(paths)))
    job = partial(probe_outcome, probe=probe)
    results: list[VideoInfo | str] = []
    if count > 1 and len(paths) >= parallel_min:
        chunk = max(1, min(64, len(paths) // (count * 8)))
        context = multiprocessing.get_context("spawn")  # no fork of a process that may run threads
        try:
            with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
                for outcome in pool.map(job, paths, chunksize=chunk):
                    results.append(outcome)
                    if advance:
                        advance(1)
        except BrokenProcessPool:
            pass
    for path in paths[len(results):]:
        results.append(job(path))
        if advance:
            advance(1)
    return results


def _first_other_track(info) -> str | None:
    for track in info.tracks:
        if track.track_type not in ("General", "Video"):
            return track.format or track.track_type
    return None


POSTER_WIDTH = 1280
THUMBNAIL_WIDTH = 480


def extract_poster(video: Path, target: Path, *, at_fraction: float = 0.1, max_width: int = POSTER_WIDTH) -> Path:
    """Decode the keyframe nearest ``at_fraction`` of the video and save it as JPEG.

    Raises MediaError when no frame can be decoded.
    """
    import av

    try:
        with av.open(str(video), timeout=10) as container:
            if not container.streams.video:
                raise MediaError("no video stream")
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            duration = container.duration / 1_000_000 if container.duration else 0
            if duration > 0 and stream.time_base:
                offset = int(duration * at_fraction / float(stream.time_base))
                container.seek(offset, stream=stream, any_frame=False, backward=True)
            frame = next(container.decode(stream), None)
            if not isinstance(frame, av.VideoFrame):
                raise MediaError("no frame")
            image = frame.to_image()
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise MediaError(str(exc)) from exc
    _save(_fit(image, max_width).convert("RGB"), target, "JPEG", quality=80)
    return target


def make_thumbnail(source: Path, target: Path, *, max_width: int = THUMBNAIL_WIDTH) -> Path:
    """Save ``source`` (a JPEG, PNG or WebP picture) at most ``max_width`` wide as WebP.

    Raises MediaError when the picture cannot be read.
    """
    from PIL import Image, ImageOps

    try:
        with Image.open(source) as opened:
            opened.draft("RGB", (max_width, max_width))  # JPEG: decode at a reduced scale, much faster
            image = _fit(ImageOps.exif_transpose(opened), max_width)  # a phone photo upright stays upright
            image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise MediaError(str(exc) or type(exc).__name__) from exc
    _save(image, target, "WEBP", quality=80, method=4)
    return target


def _fit(image, max_width: int):
    if image.width <= max_width:
        return image
    return image.resize((max_width, max(1, round(image.height * max_width / image.width))))


def _save(image, target: Path, kind: str, **options) -> None:
    """Write atomically: a reader never sees half a picture."""
    with replacing(target) as tmp:
        image.save(tmp, kind, **options)
