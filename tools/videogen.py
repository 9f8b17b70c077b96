"""Generate small but real MP4 title-card videos for tests, samples and benchmarks.

:func:`make_video` renders a title card (text lines centred on a coloured
background, drawn with Pillow) and encodes it with PyAV (FFmpeg's encoders
and MP4 muxer), so the files are exactly what ordinary tools produce.

A still picture compresses to almost nothing: H.264 is encoded at a constant
quantiser of 51 for P-frames (every macroblock is skipped) while ``ipratio``
keeps the keyframe sharp.  A 490 s 1280x720 file at 10 fps with a silent
AAC track is about 180 KB; a 2 s 160x90 test file is about 3 KB.

Helpers for negative tests: :func:`make_not_a_video` and
:func:`make_truncated_copy`; :func:`probe_video` summarises a file with
pymediainfo.
"""

from __future__ import annotations

import pathlib
from collections.abc import Sequence
from fractions import Fraction

import av
from PIL import Image, ImageDraw, ImageFont

#: A font Pillow draws with: a TrueType face, or its own default bitmap font
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

__all__ = ["make_video", "make_not_a_video", "make_truncated_copy", "probe_video", "render_card"]

_FONT_DIR = pathlib.Path("/usr/share/fonts/truetype/dejavu")
_FONT_REGULAR = _FONT_DIR / "DejaVuSans.ttf"
_FONT_BOLD = _FONT_DIR / "DejaVuSans-Bold.ttf"

_ENCODERS = {
    "h264": "libx264",
    "avc": "libx264",
    "libx264": "libx264",
    "hevc": "libx265",
    "h265": "libx265",
    "libx265": "libx265",
    "mpeg4": "mpeg4",
    "mpeg2": "mpeg2video",
    "mpeg2video": "mpeg2video",
    "vp9": "libvpx-vp9",
    "av1": "libsvtav1",
    "mjpeg": "mjpeg",
    "prores": "prores_ks",
    "dv": "dvvideo",
    "wmv": "wmv2",
    "h263": "h263",
}
#: Audio encoders by the name a test draws (PyAV resamples and re-frames what is fed to them).
AUDIO_ENCODERS = {
    "aac": "aac",
    "mp3": "libmp3lame",
    "opus": "libopus",
    "ac3": "ac3",
    "eac3": "eac3",
    "pcm": "pcm_s16le",
    "mp2": "mp2",
    "wma": "wmav2",
    "flac": "flac",
}
#: Colour tags (H.273 numbers: primaries, transfer, matrix) of the ``colour`` a clip is tagged with.
COLOURS = {"bt709": (1, 1, 1), "bt601": (6, 6, 6), "hlg": (9, 18, 9), "pq": (9, 16, 9)}
_X265_COLOURS = {
    "bt709": "bt709:transfer=bt709:colormatrix=bt709",
    "bt601": "smpte170m:transfer=smpte170m:colormatrix=smpte170m",
    "hlg": "bt2020:transfer=arib-std-b67:colormatrix=bt2020nc",
    "pq": "bt2020:transfer=smpte2084:colormatrix=bt2020nc",
}


def make_video(
    path: str | pathlib.Path,
    *,
    duration_s: float,
    width: int,
    height: int,
    fps: int | Fraction = 25,
    lines: Sequence[str] = (),
    audio: bool = True,
    faststart: bool = True,
    codec: str = "h264",
    background: tuple[int, int, int] = (16, 64, 128),
    keyframe_interval_s: float | None = 10.0,
    sample_rate: int = 8000,
    rotation: int = 0,
    pixel_aspect: Fraction | None = None,
    pix_fmt: str = "yuv420p",
    level: str | None = None,
    frame_times: Sequence[float] | None = None,
    container: str = "mp4",
    marker: bool = False,
    colour: str | None = None,
    scan: str | None = None,
    audio_codec: str = "aac",
    audio_tracks: int = 1,
    frame: Image.Image | None = None,
    audio_tones: Sequence[float | None] | None = None,
) -> pathlib.Path:
    """Write a real MP4 showing a title card and return its path.

    ``codec`` is ``"h264"`` (libx264), ``"hevc"`` (libx265) or ``"mpeg4"``
    (MPEG-4 Part 2).  ``audio`` adds a silent mono AAC track.  ``faststart``
    puts the moov atom before the media data (web streaming); without it the
    moov atom is written at the end.  ``keyframe_interval_s=None`` makes a
    single keyframe (the smallest file).  Width and height must be even.

    As phones and editors record: ``rotation`` (clockwise degrees, as MediaInfo
    reports it: 90 is a phone's upright clip) is written to the display matrix;
    ``pixel_aspect`` is the sample aspect ratio (``Fraction(4, 3)``: a 1440x1080
    frame shown 1920x1080); ``pix_fmt`` e.g. ``"yuv420p10le"`` (H.264 High 10)
    or ``"yuv444p"`` (High 4:4:4); ``level`` the H.264 level (``"5.1"``);
    ``frame_times`` the presentation time of each frame in seconds (a variable
    frame rate; ``duration_s`` and ``fps`` then only set the audio length and
    the nominal rate); ``fps`` may be a Fraction (``Fraction(30000, 1001)``:
    NTSC's 29.97); ``container`` ``"mp4"`` or ``"mov"`` (QuickTime).
    ``marker`` paints a blue square over the stored frame's top-left corner
    (to see which way a poster was turned).

    As cameras, TV stations and messengers record: ``codec`` also ``"mpeg2"``,
    ``"vp9"``, ``"av1"`` or ``"mjpeg"`` (an old camera's Motion JPEG: ``pix_fmt``
    ``"yuvj422p"``; ``"yuvj420p"`` with H.264 is an Android phone's full range),
    ``"prores"`` (an editor's master: ``"yuv422p10le"``), ``"dv"`` (a camcorder's
    DV: 720x576), ``"wmv"`` (Windows Movie Maker: ``container="asf"``) or
    ``"h263"`` (an old phone's 3GP: 128x96 or 176x144); ``container`` any FFmpeg muxer (``"matroska"``,
    ``"webm"``, ``"mpegts"``, ``"3gp"``, ``"avi"``); ``colour`` tags the stream
    ``"bt709"``, ``"bt601"``, ``"hlg"`` (BT.2020 primaries, ARIB STD-B67: an
    iPhone's HDR clip) or ``"pq"`` (BT.2020, SMPTE ST 2084), untagged when None
    (the pixels are written as given: an HDR test draws its own ``frame``);
    ``scan`` ``"tff"`` or ``"bff"`` codes interlaced frames with that field first
    (H.264: MBAFF; MPEG-2: interlaced DCT), progressive when None;
    ``audio_codec`` one of ``AUDIO_ENCODERS``, ``audio_tracks`` how many (a
    second commentary track); ``frame`` the picture of every frame instead of
    the title card (RGB, ``width``×``height``); ``audio_tones`` per track, a sine
    tone's frequency (Hz, at half of full scale) or None for silence (all silent when None).
    """
    path = pathlib.Path(path)
    if duration_s <= 0:
        raise ValueError("duration_s must be positive")
    if width <= 0 or height <= 0 or width % 2 or height % 2:
        raise ValueError(f"width and height must be positive and even, got {width}x{height}")
    encoder = _ENCODERS.get(codec.lower())
    if encoder is None:
        raise ValueError(f"unsupported codec {codec!r}; use one of {', '.join(sorted(_ENCODERS))}")
    n_frames = max(1, round(duration_s * fps)) if frame_times is None else len(frame_times)
    gop = n_frames + 1 if keyframe_interval_s is None else max(1, round(keyframe_interval_s * fps))
    path.parent.mkdir(parents=True, exist_ok=True)
    options = {"movflags": "+faststart"} if faststart and container in ("mp4", "mov", "3gp") else {}
    with av.open(str(path), "w", format=container, options=options) as out:
        video = out.add_stream(encoder, rate=fps)
        assert isinstance(video, av.VideoStream)  # every encoder in _ENCODERS is a video one
        video.width, video.height, video.pix_fmt = width, height, pix_fmt
        if pixel_aspect is not None:
            video.codec_context.sample_aspect_ratio = Fraction(pixel_aspect)
        if rotation % 360:
            video.set_display_rotation(-rotation)  # PyAV counts counter-clockwise
        if frame_times is not None:
            video.codec_context.time_base = Fraction(1, 1000)
        if colour is not None:
            context = video.codec_context
            context.color_primaries, context.color_trc, context.colorspace = COLOURS[colour]
            context.color_range = 1  # limited ("tv") range, as every camera writes
        field = "" if scan is None else (":interlaced=1:tff=1" if scan == "tff" else ":interlaced=1:bff=1")
        if encoder == "libx264":
            video.options = {
                "preset": "ultrafast",
                "tune": "stillimage",
                "qp": "51",
                "x264-params": f"ipratio=16:aq-mode=0:keyint={gop}:min-keyint={gop}:scenecut=0{field}",
            }
            if level is not None:
                video.options = {**video.options, "level": level}
        elif encoder == "libx265":
            tags = f":colorprim={_X265_COLOURS[colour]}" if colour else ""
            video.options = {
                "preset": "ultrafast",
                "crf": "32",
                "x265-params": f"log-level=error:keyint={gop}:scenecut=0:bframes=0{tags}",
            }
            if container in ("mp4", "mov"):
                video.codec_tag = "hvc1"  # the tag Apple players require
        elif encoder == "libsvtav1":
            video.options = {"preset": "12", "svtav1-params": f"keyint={gop}"}
        else:
            video.gop_size = gop
            video.bit_rate = 200_000
            if scan is not None:
                video.codec_context.flags |= (
                    av.codec.context.Flags.interlaced_dct | av.codec.context.Flags.interlaced_me
                )
        sounds: list[av.AudioStream] = []
        if audio:  # every stream must exist before the first packet is written
            audio_encoder = AUDIO_ENCODERS[audio_codec]
            rate = sample_rate if audio_encoder in ("aac", "pcm_s16le") else 48000  # what the others take
            for _ in range(audio_tracks):
                sound = out.add_stream(audio_encoder, rate=rate)
                assert isinstance(sound, av.AudioStream)  # every encoder in AUDIO_ENCODERS is an audio one
                sound.layout = "mono" if audio_encoder == "aac" else "stereo"
                if audio_encoder == "wmav2":
                    sound.bit_rate = 128_000  # (it has no default)
                sounds.append(sound)
        card = frame if frame is not None else render_card(width, height, lines, background)
        if marker:
            ImageDraw.Draw(card).rectangle([0, 0, width // 4, height // 4], fill=(0, 0, 255))
        picture = _to_video_frame(card, pix_fmt, colour)
        for index in range(n_frames):
            if frame_times is None:
                picture.pts = index
            else:
                picture.pts, picture.time_base = round(frame_times[index] * 1000), Fraction(1, 1000)
            out.mux(video.encode(_with_field_order(picture, scan, fps)))
        out.mux(video.encode(None))
        tones = list(audio_tones or []) + [None] * len(sounds)
        for sound, tone in zip(sounds, tones):
            _write_silence(out, sound, float(n_frames / fps) if frame_times is None else duration_s, sound.rate, tone)
    return path


def _with_field_order(picture: av.VideoFrame, scan: str | None, fps: int | Fraction) -> av.VideoFrame:
    """``picture`` flagged as interlaced with ``scan`` ("tff"/"bff") first (FFmpeg's setfield), as is if None."""
    if scan is None:
        return picture
    import av.filter

    graph = av.filter.Graph()
    graph.link_nodes(
        graph.add_buffer(
            template=None,
            width=picture.width,
            height=picture.height,
            format=picture.format.name,
            time_base=picture.time_base or 1 / Fraction(fps),
        ),
        graph.add("setfield", scan),
        graph.add("buffersink"),
    ).configure()
    graph.vpush(picture)
    flagged = graph.vpull()
    flagged.pts = picture.pts
    return flagged


def _write_silence(out, stream, duration_s: float, sample_rate: int, tone: float | None = None) -> None:
    """Silence on ``stream`` (or a sine of ``tone`` Hz at half of full scale)."""
    import numpy as np

    total = max(1, round(duration_s * sample_rate))
    position = 0
    layout = stream.layout.name
    while position < total:
        count = min(1024, total - position)
        frame = av.AudioFrame(format="fltp", layout=layout, samples=count)
        for plane in frame.planes:
            if tone is None:
                plane.update(bytes(plane.buffer_size))
            else:
                times = (position + np.arange(plane.buffer_size // 4)) / sample_rate
                plane.update((0.5 * np.sin(2 * np.pi * tone * times)).astype(np.float32).tobytes())
        frame.sample_rate = sample_rate
        frame.pts = position
        position += count
        out.mux(stream.encode(frame))
    out.mux(stream.encode(None))


def make_not_a_video(
    path: str | pathlib.Path,
    content: bytes = b"This is not a video file. It is sample data for validation tests.\n",
) -> pathlib.Path:
    """Write a file that is not a video (plain text by default) and return its path.

    Useful for tests that check that a ``.mp4`` name alone is not trusted.
    """
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def make_truncated_copy(
    src: str | pathlib.Path,
    dst: str | pathlib.Path,
    keep_fraction: float = 0.5,
) -> pathlib.Path:
    """Copy the first ``keep_fraction`` of ``src``'s bytes to ``dst`` (a broken file).

    With a faststart source the ``moov`` atom survives but ``mdat`` is cut
    short; without faststart the ``moov`` atom is lost entirely.
    """
    if not 0.0 <= keep_fraction < 1.0:
        raise ValueError("keep_fraction must be in [0, 1)")
    data = pathlib.Path(src).read_bytes()
    dst = pathlib.Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(data[: int(len(data) * keep_fraction)])
    return dst


def probe_video(path: str | pathlib.Path) -> dict:
    """Summarise a media file with pymediainfo.

    Returns a dict with ``duration_s`` (general track), ``isstreamable``,
    ``video_format``, ``width``, ``height``, ``frame_rate``, ``frame_count``,
    ``audio_format`` (``None`` without audio track), ``audio_count`` and
    ``size``.  Video keys are ``None`` when there is no video track.
    """
    from pymediainfo import MediaInfo  # optional dependency

    info = MediaInfo.parse(str(path))
    general = info.general_tracks[0] if info.general_tracks else None
    video = info.video_tracks[0] if info.video_tracks else None
    audio = info.audio_tracks
    duration = general.duration if general is not None else None
    return {
        "size": pathlib.Path(path).stat().st_size,
        "duration_s": float(duration) / 1000.0 if duration is not None else None,
        "isstreamable": getattr(general, "isstreamable", None),
        "video_format": video.format if video else None,
        "width": int(video.width) if video and video.width else None,
        "height": int(video.height) if video and video.height else None,
        "frame_rate": float(video.frame_rate) if video and video.frame_rate else None,
        "frame_count": int(video.frame_count) if video and video.frame_count else None,
        "audio_format": audio[0].format if audio else None,
        "audio_count": len(audio),
    }


def _font(size: int, bold: bool) -> Font:
    """Return DejaVu Sans (regular/bold) at ``size`` px, or Pillow's default font."""
    path = _FONT_BOLD if bold else _FONT_REGULAR
    if not path.exists() and bold and _FONT_REGULAR.exists():
        path = _FONT_REGULAR
    if path.exists():
        return ImageFont.truetype(str(path), size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has no scalable default font
        return ImageFont.load_default()


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, max_width: float) -> list[str]:
    """Greedy word wrap of ``text`` so each line fits in ``max_width`` pixels."""
    words: list[str] = []
    for word in text.split():
        # Keep a free-standing dash with the following word so no line ends in "–".
        if words and words[-1] in ("–", "—", "-"):
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    if not words:
        return [""]
    out: list[str] = []
    current = words[0]
    for word in words[1:]:
        candidate = f"{current} {word}"
        if draw.textlength(candidate, font=font) <= max_width:
            current = candidate
        else:
            out.append(current)
            current = word
    out.append(current)
    return out


def _text_colour(background: tuple[int, int, int]) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """Main and secondary text colours that contrast with ``background``."""
    r, g, b = background[:3]
    luma = 0.299 * r + 0.587 * g + 0.114 * b
    if luma < 140:
        return (255, 255, 255), (200, 212, 232)
    return (20, 20, 20), (70, 70, 70)


def render_card(
    width: int,
    height: int,
    lines: Sequence[str],
    background: tuple[int, int, int] = (16, 64, 128),
    footer: str | None = None,
) -> Image.Image:
    """Render a title card as an RGB Pillow image.

    ``lines`` are centred (word-wrapped to 90 % of the width, shrunk until
    they fit 80 % of the height).  The headline (second line if there are
    several, else the only line) is bold and larger.  ``footer`` is drawn
    small in the bottom-right corner (used for the elapsed-time counter).
    """
    img = Image.new("RGB", (width, height), tuple(background[:3]))
    draw = ImageDraw.Draw(img)
    main_colour, minor_colour = _text_colour((background[0], background[1], background[2]))
    lines = list(lines)
    headline = 1 if len(lines) > 1 else 0
    ref = min(height, width * 0.75)  # keeps portrait cards from using huge fonts
    base_size = max(6.0, ref / 24)
    head_size = max(7.0, ref / 14)
    max_width = width * 0.9

    blocks: list[tuple[list[str], Font, int]] = []
    gap = 0
    total = 0
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3):
        blocks = []
        for i, text in enumerate(lines):
            bold = i == headline
            size = max(6, int((head_size if bold else base_size) * scale))
            font = _font(size, bold)
            blocks.append((_wrap(draw, text, font, max_width), font, int(size * 1.3)))
        gap = int(base_size * scale * 0.6)
        total = sum(len(w) * line_h for w, _, line_h in blocks) + gap * max(0, len(blocks) - 1)
        if total <= height * 0.8:
            break

    y = (height - total) / 2
    for wrapped, font, line_h in blocks:
        for text in wrapped:
            draw.text((width / 2, y + line_h / 2), text, font=font, anchor="mm", fill=main_colour)
            y += line_h
        y += gap

    if footer:
        size = max(6, int(ref / 30))
        font = _font(size, False)
        margin = max(2, int(ref / 40))
        draw.text((width - margin, height - margin), footer, font=font, anchor="rd", fill=minor_colour)
    return img


def _to_video_frame(img: Image.Image, pix_fmt: str = "yuv420p", colour: str | None = None) -> av.VideoFrame:
    """Convert an RGB image to a VideoFrame in ``pix_fmt`` (yuv420p by default).

    The RGB values become the stored code values with the ``colour``'s matrix (BT.709 when None):
    no transfer is applied, so an HDR clip shows the picture's values as its HLG or PQ signal.
    """
    matrix = {"bt601": "ITU601", "hlg": "BT2020", "pq": "BT2020"}.get(colour or "", "ITU709")
    value_range = "JPEG" if pix_fmt.startswith("yuvj") else "MPEG"  # (full range: the "j" formats)
    frame = av.VideoFrame.from_image(img).reformat(format=pix_fmt, dst_colorspace=matrix, dst_color_range=value_range)
    if colour is not None:
        frame.color_primaries, frame.color_trc, frame.colorspace = COLOURS[colour]
        frame.color_range = 2 if value_range == "JPEG" else 1
    return frame


def make_absurd_duration_copy(
    src: str | pathlib.Path, dst: str | pathlib.Path, seconds: int = 3 * 86400
) -> pathlib.Path:
    """Copy ``src`` and rewrite its MP4 headers (mvhd, tkhd, mdhd) to claim ``seconds`` of duration.

    For tests of absurd input: the media data stay a few seconds long.
    """
    import struct

    data = bytearray(pathlib.Path(src).read_bytes())
    movie_scale = 1000
    for box in (b"mvhd", b"tkhd", b"mdhd"):
        start = 0
        while (at := data.find(box, start)) != -1:
            start = at + 4
            version = data[at + 4]
            if version != 0:
                continue
            body = at + 8  # after type, version and flags
            if box == b"mvhd":
                movie_scale = struct.unpack(">I", data[body + 8 : body + 12])[0]
                data[body + 12 : body + 16] = struct.pack(">I", seconds * movie_scale)
            elif box == b"tkhd":
                data[body + 16 : body + 20] = struct.pack(">I", seconds * movie_scale)
            else:
                scale = struct.unpack(">I", data[body + 8 : body + 12])[0]
                data[body + 12 : body + 16] = struct.pack(">I", min(seconds * scale, 2**32 - 1))
    dst = pathlib.Path(dst)
    dst.write_bytes(bytes(data))
    return dst


def make_padded_copy(src: str | pathlib.Path, dst: str | pathlib.Path, size: int) -> pathlib.Path:
    """Copy ``src`` and pad it to ``size`` bytes with an MP4 'free' box (sparse on disk).

    The result is a valid MP4 of about ``size`` bytes that costs almost no disk space: for
    showing that probing reads headers only, whatever the size of the file.
    """
    import struct

    dst = pathlib.Path(dst)
    data = pathlib.Path(src).read_bytes()
    pad = size - len(data)
    if pad < 16:
        raise ValueError("size must exceed the source size by at least 16 bytes")
    with dst.open("wb") as handle:
        handle.write(data)
        handle.write(struct.pack(">I", 1) + b"free" + struct.pack(">Q", pad))  # 64-bit box size
        handle.truncate(len(data) + pad)  # the rest of the box is a hole: no disk space used
    return dst
