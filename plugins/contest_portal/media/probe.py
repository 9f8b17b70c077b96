"""Read facts about media files and make poster frames; pure functions.

``probe_video`` uses pymediainfo with ``parse_speed=0``: it reads the headers
only, so it takes a few milliseconds whatever the file's size, and still
reports duration, size, codec, profile, resolution, rotation, pixel aspect,
frame-rate mode and whether the moov atom is at the start: what the viewer
gets (``VideoInfo.display_width``/``display_height``), not only what is stored.
``probe_files`` probes many files in worker processes, each file bounded by a timeout.
``extract_poster`` decodes one frame near a point of the video with PyAV, turns
and stretches it to the displayed geometry and saves it as a resized JPEG;
``make_thumbnail`` turns a poster into a small WebP.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from fractions import Fraction
from functools import partial
from pathlib import Path

from contest_portal.core.atomic import replacing
from contest_portal.core.i18n import DEFAULT_LANGUAGE
from contest_portal.core.jobs import PARALLEL_MIN, run_bounded


@dataclass(frozen=True)
class VideoInfo:
    """What the probe found in one file (MediaInfo's fields, headers only).

    ``width``/``height`` are the stored frame in pixels; ``display_width``/``display_height`` what
    a player shows: the stored frame stretched by ``pixel_aspect_ratio`` (the wider side kept, as
    browsers do) and turned by ``rotation`` (MediaInfo's ``Rotation``: clockwise degrees from the
    container's display matrix, normalised to 0, 90, 180 or 270).  ``display_aspect_ratio`` is
    MediaInfo's (stored frame with the pixel aspect, rotation *not* applied).  ``profile`` is
    e.g. "High", "High 10", "Main 10"; ``level`` e.g. 4.2; ``bit_depth`` bits per sample;
    ``chroma_subsampling`` e.g. "4:2:0"; ``frame_rate_mode`` "CFR" or "VFR"; ``frame_rate`` the
    average rate and ``frame_rate_max`` the highest (frames per second; VFR files only, when
    MediaInfo gives it).

    Colour, scan and sound, as MediaInfo names them (None when the file does not say):
    ``transfer`` the transfer characteristics ("BT.709", "HLG", "PQ"), ``primaries`` the colour
    primaries ("BT.709", "BT.2020"), ``matrix`` the matrix coefficients; ``hdr_format`` e.g.
    "Dolby Vision"; ``scan_type`` "Progressive", "Interlaced", "MBAFF" or "PAFF" (a district TV
    station's 1080i/576i) and ``scan_order`` "TFF" or "BFF"; ``audio_tracks`` how many sound tracks.
    """

    size: int
    container: str | None = None
    duration_s: float | None = None
    width: int | None = None
    height: int | None = None
    video_codec: str | None = None
    frame_rate: float | None = None
    display_aspect_ratio: float | None = None
    rotation: int = 0
    pixel_aspect_ratio: float | None = None
    display_width: int | None = None
    display_height: int | None = None
    profile: str | None = None
    level: float | None = None
    bit_depth: int | None = None
    chroma_subsampling: str | None = None
    frame_rate_mode: str | None = None
    frame_rate_max: float | None = None
    has_video: bool = False
    has_audio: bool = False
    audio_codec: str | None = None
    streamable: bool | None = None
    truncated: bool = False
    other_kind: str | None = None  # e.g. "PNG" when the file is an image, not a video
    transfer: str | None = None
    primaries: str | None = None
    matrix: str | None = None
    hdr_format: str | None = None
    scan_type: str | None = None
    scan_order: str | None = None
    audio_tracks: int = 0

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def shown_size(self) -> tuple[int, int] | None:
        """``(width, height)`` as displayed, falling back to the stored size; None without a frame size."""
        if self.display_width and self.display_height:
            return self.display_width, self.display_height
        if self.width and self.height:
            return self.width, self.height
        return None

    @property
    def hdr(self) -> bool:
        """True when the picture is high dynamic range (HLG or PQ transfer, or an HDR format such as
        Dolby Vision): shown as an SDR picture without tone mapping, it is washed-out grey."""
        return self.transfer in HDR_TRANSFERS or bool(self.hdr_format)

    @property
    def interlaced(self) -> bool:
        """True when frames are coded as two fields (MediaInfo's scan type is not "Progressive"):
        shown as they are, moving edges comb."""
        return self.scan_type is not None and self.scan_type != "Progressive"

    @property
    def portrait(self) -> bool:
        """True when the viewer sees a frame taller than wide (rotation and pixel aspect applied)."""
        shown = self.shown_size
        return shown is not None and shown[1] > shown[0]

    @classmethod
    def from_dict(cls, data: dict) -> VideoInfo:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


#: MediaInfo's names of the high-dynamic-range transfers (ITU-R BT.2100: HLG and PQ/SMPTE ST 2084).
HDR_TRANSFERS = {"HLG", "PQ", "SMPTE ST 2084", "ARIB STD-B67"}


class MediaError(Exception):
    """The file could not be read as media at all."""


def _float(value) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _int(value) -> int | None:
    number = _float(value)
    return int(number) if number else None


def _rotation(value) -> int:
    """MediaInfo's ``Rotation`` ("90.000", clockwise degrees) as 0, 90, 180 or 270."""
    degrees = _float(value)
    return 0 if degrees is None else int(round(degrees / 90)) % 4 * 90


_LEVEL = re.compile(r"@L(\d+(?:\.\d+)?)")


def _profile_level(profile: str | None, level: str | None) -> tuple[str | None, float | None]:
    """Split MediaInfo's ``Format_Profile`` ("High 10@L4.2", "Main 10@L5.1@High") into profile and level."""
    if not profile:
        return None, _float(level)
    found = _LEVEL.search(profile)
    name = profile.split("@", 1)[0].strip() or None
    return name, _float(found.group(1)) if found else _float(level)


def displayed_size(
    width: int | None, height: int | None, pixel_aspect: float | None, rotation: int = 0
) -> tuple[int, int] | None:
    """``(width, height)`` a player shows for a stored ``width``×``height`` frame; None if unknown.

    The pixel aspect ratio (MediaInfo gives three decimals: snapped to the nearest fraction with a
    denominator up to 100, e.g. 1.333 -> 4/3) stretches the width when above 1 and the height when
    below 1 (browsers keep the larger side: 1440×1080 at 4/3 is 1920×1080); a rotation of 90 or
    270 degrees then swaps the two sides (a phone's upright 1920×1080 frame is shown 1080×1920).
    """
    if not width or not height:
        return None
    if pixel_aspect and pixel_aspect > 0 and abs(pixel_aspect - 1) > 0.001:
        ratio = Fraction(pixel_aspect).limit_denominator(100)
        if ratio > 1:
            width = round(width * ratio)
        else:
            height = round(height / ratio)
    return (height, width) if rotation % 180 == 90 else (width, height)


def probe_video(path: Path) -> VideoInfo:
    """Probe ``path`` with MediaInfo, reading headers only.

    Raises OSError when the file cannot be opened, MediaError when MediaInfo cannot parse it.
    """
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
    width = _int(getattr(video, "width", None))
    height = _int(getattr(video, "height", None))
    rotation = _rotation(getattr(video, "rotation", None))
    par = _float(getattr(video, "pixel_aspect_ratio", None))
    profile, level = _profile_level(getattr(video, "format_profile", None), getattr(video, "format_level", None))
    mode = getattr(video, "frame_rate_mode", None)
    shown_width, shown_height = displayed_size(width, height, par, rotation) or (None, None)
    return VideoInfo(
        size=size,
        container=getattr(general, "format", None),
        duration_s=duration_ms / 1000 if duration_ms else None,
        width=width,
        height=height,
        video_codec=getattr(video, "format", None),
        frame_rate=_float(getattr(video, "frame_rate", None)),
        display_aspect_ratio=_float(getattr(video, "display_aspect_ratio", None)),
        rotation=rotation,
        pixel_aspect_ratio=par,
        display_width=shown_width,
        display_height=shown_height,
        profile=profile,
        level=level,
        bit_depth=_int(getattr(video, "bit_depth", None)),
        chroma_subsampling=getattr(video, "chroma_subsampling", None),
        frame_rate_mode=mode if mode in ("CFR", "VFR") else None,
        frame_rate_max=_float(getattr(video, "maximum_frame_rate", None)) if mode == "VFR" else None,
        has_video=video is not None,
        has_audio=bool(info.audio_tracks),
        audio_codec=info.audio_tracks[0].format if info.audio_tracks else None,
        streamable=None if streamable is None else streamable == "Yes",
        truncated=getattr(general, "istruncated", None) == "Yes",
        other_kind=None if video is not None else (getattr(general, "format", None) or _first_other_track(info)),
        transfer=getattr(video, "transfer_characteristics", None),
        primaries=getattr(video, "color_primaries", None),
        matrix=getattr(video, "matrix_coefficients", None),
        hdr_format=getattr(video, "hdr_format", None),
        scan_type=getattr(video, "scan_type", None),
        scan_order=getattr(video, "scan_order", None),
        audio_tracks=len(info.audio_tracks),
    )


def probe_outcome(path: Path, probe: Callable[[Path], VideoInfo] | None = None) -> VideoInfo | str:
    """The probe of ``path``, or the reason it could not be read (safe to run in a worker)."""
    try:
        return (probe or probe_video)(path)
    except (MediaError, OSError) as exc:
        return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


# Seconds one file's probe may take in a worker; headers only, so a few milliseconds normally.
PROBE_TIMEOUT = 30.0


def probe_files(
    paths: list[Path],
    *,
    probe: Callable[[Path], VideoInfo] | None = None,
    workers: int | None = None,
    parallel_min: int = PARALLEL_MIN,
    advance: Callable[[int], None] | None = None,
    timeout: float | None = None,
    lang: str | None = None,
) -> list[VideoInfo | str]:
    """``probe_outcome`` of every path, in the order given; ``probe`` defaults to probe_video.

    Every file is probed in a worker process (core/jobs.py: pebble's pool), bounded by ``timeout``
    seconds (default ``PROBE_TIMEOUT``) from the moment its probe starts: the worker of a file past
    it is stopped and replaced, and only that file gets the reason ("timeout after 30 s"); a worker
    that dies (a pathological file crashing libmediainfo) fails its file only.  MediaInfo's parse
    is partly Python (its XML report), so threads barely help (measured: 10-20 % on 2 cores,
    processes 2x): from ``parallel_min`` files on, a pool of one worker per core is started for
    the batch and stopped after it; fewer files go to the one worker kept for the process's later
    batches, so a small build pays the worker's start-up (about 0.2 s) once, not on every build.
    ``lang``: draw a progress bar in that language; ``advance(1)`` after each file.
    """
    job = partial(probe_outcome, probe=probe)
    jobs = [path.absolute() for path in paths]  # the kept worker may have started in another folder
    return run_bounded(
        job,
        jobs,
        timeout=PROBE_TIMEOUT if timeout is None else timeout,
        workers=workers,
        parallel_min=parallel_min,
        advance=advance,
        work="probe" if lang else None,
        lang=lang or DEFAULT_LANGUAGE,
    )


def _first_other_track(info) -> str | None:
    for track in info.tracks:
        if track.track_type not in ("General", "Video"):
            return track.format or track.track_type
    return None


POSTER_WIDTH = 1280
THUMBNAIL_WIDTH = 480


def extract_poster(video: Path, target: Path, *, at_fraction: float = 0.1, max_width: int = POSTER_WIDTH) -> Path:
    """Decode the keyframe nearest ``at_fraction`` of the video and save it as JPEG, as displayed.

    PyAV gives the frame as stored: it is deinterlaced and mapped to SDR BT.709 (an HDR
    frame tone-mapped, media/picture.py), turned by the stream's display matrix (a phone's
    upright clip, stored 1920×1080 with a rotation, gives an upright poster) and stretched by
    the pixel aspect ratio (1440×1080 at 4:3 gives a 16:9 picture), then fitted to
    ``max_width`` pixels.  Raises MediaError when no frame can be decoded.
    """
    import av

    try:
        frame, stream_facts = _frame_near(video, at_fraction)
        if frame is None and at_fraction > 0:  # no index to seek by (a short MPEG-TS): the first frame
            frame, stream_facts = _frame_near(video, 0)
        if frame is None:
            raise MediaError("no frame")
        time_base, aspect, codec = stream_facts
        image = _progressive_sdr(frame, time_base, codec).to_image()
        rotation = getattr(frame, "rotation", 0) or 0  # counter-clockwise degrees (display matrix)
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise MediaError(str(exc)) from exc
    image = as_displayed(image, clockwise=-int(rotation), pixel_aspect=aspect)
    _save(_fit(image, max_width).convert("RGB"), target, "JPEG", quality=80)
    return target


def _frame_near(video: Path, at_fraction: float):
    """``(the first frame decoded from the keyframe before at_fraction of the video or None,
    (the stream's time base, its pixel aspect, its decoder's name))``; raises MediaError without a
    video stream."""
    import av

    with av.open(str(video), timeout=10) as container:
        if not container.streams.video:
            raise MediaError("no video stream")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        duration = container.duration / 1_000_000 if container.duration else 0
        if at_fraction > 0 and duration > 0 and stream.time_base:
            # from the stream's start: an MPEG-TS from a TV station starts at 1.4 s or hours in
            offset = int(duration * at_fraction / float(stream.time_base)) + (stream.start_time or 0)
            container.seek(offset, stream=stream, any_frame=False, backward=True)
        frame = next(container.decode(stream), None)
        aspect = stream.sample_aspect_ratio or stream.codec_context.sample_aspect_ratio
        return (
            frame if isinstance(frame, av.VideoFrame) else None,
            (stream.time_base, float(aspect) if aspect else None, stream.codec_context.name),
        )


def _progressive_sdr(frame, time_base, codec: str):
    """``frame`` deinterlaced and in SDR BT.709 RGB (media/picture.py), at its stored size (a field
    of ``codec`` HEVC at its frame's: twice its height)."""
    from contest_portal.media.picture import display_pipe, field_picture

    fields = field_picture(frame, codec)
    pipe = display_pipe(frame, time_base, frame.width, frame.height * (2 if fields else 1), "rgb24", fields=fields)
    pipe.vpush(frame)
    pipe.vpush(None)  # the deinterlacer holds a frame back to see the next one: end of input
    return pipe.vpull()


def as_displayed(image, *, clockwise: int = 0, pixel_aspect: float | None = None):
    """A stored frame (PIL image) as a player shows it: stretched by ``pixel_aspect``, then
    turned ``clockwise`` degrees (multiples of 90; other angles are ignored)."""
    from PIL import Image

    shown = displayed_size(image.width, image.height, pixel_aspect)
    if shown is not None and shown != image.size:
        image = image.resize(shown, Image.Resampling.BICUBIC)
    turn = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}.get(
        clockwise % 360
    )
    return image.transpose(turn) if turn is not None else image


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
