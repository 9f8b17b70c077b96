"""Read facts about media files and make poster frames; pure functions.

``probe_video`` uses pymediainfo with ``parse_speed=0``: it reads the headers
only, so it takes a few milliseconds whatever the file's size, and still
reports duration, size, codec, resolution and whether the moov atom is at
the start.  ``extract_poster`` decodes one frame near a point of the video
with PyAV and saves it as a JPEG.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path


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
    def from_dict(cls, data: dict) -> "VideoInfo":
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


def _first_other_track(info) -> str | None:
    for track in info.tracks:
        if track.track_type not in ("General", "Video"):
            return track.format or track.track_type
    return None


def extract_poster(video: Path, target: Path, *, at_fraction: float = 0.1, max_width: int = 960) -> Path:
    """Decode the keyframe nearest ``at_fraction`` of the video and save it as JPEG.

    Raises MediaError when no frame can be decoded.
    """
    import av

    try:
        with av.open(str(video), timeout=10) as container:
            stream = next(s for s in container.streams if s.type == "video")
            stream.thread_type = "AUTO"
            duration = container.duration / 1_000_000 if container.duration else 0
            if duration > 0 and stream.time_base:
                offset = int(duration * at_fraction / float(stream.time_base))
                container.seek(offset, stream=stream, any_frame=False, backward=True)
            frame = next(container.decode(stream), None)
            if frame is None:
                raise MediaError("no frame")
            image = frame.to_image()
    except StopIteration as exc:
        raise MediaError("no video stream") from exc
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise MediaError(str(exc)) from exc
    if image.width > max_width:
        image = image.resize((max_width, round(image.height * max_width / image.width)))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    image.convert("RGB").save(tmp, "JPEG", quality=80)
    tmp.replace(target)
    return target
