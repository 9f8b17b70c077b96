"""Generate small but *real* MP4 title-card videos for tests and sample data.

The main entry point is :func:`make_video`.  It renders a title card (text
lines centred on a coloured background, drawn with Pillow) and writes an MP4
file that ordinary players, browsers, ffprobe and MediaInfo accept.

Two encoding paths exist:

* **H.264 (default, ``codec="h264"``)** - a size-optimised path.  Only the
  frames whose picture actually changes (the first frame, periodic keyframes
  and the optional elapsed-time counter) are encoded with libx264 (through
  PyAV).  All other frames are standard H.264 "P_Skip" slices ("copy the
  previous picture") that this module writes itself - they are 5-6 bytes each.
  The MP4 container (ISO BMFF) is also written by this module, so the sample
  tables stay compact: constant-size audio samples need no size table, chunks
  are interleaved every ~10 s, and NAL units use 2-byte length prefixes
  (``lengthSizeMinusOne = 1`` in ``avcC``, allowed by ISO/IEC 14496-15).
  A 490 s 1280x720 video at 25 fps with an AAC track fits in < 200 KB this
  way.  The audio track is AAC-LC silence (mono, 8 kHz by default).
* **Other codecs** (``"hevc"``/``"h265"``/``"libx265"``, ``"mpeg4"``) - a
  straightforward PyAV encode-and-mux path (every frame goes through the
  encoder, the MP4 is written by FFmpeg's muxer).  Meant for short test
  videos, not size-optimised.

Helpers for negative tests: :func:`make_not_a_video` and
:func:`make_truncated_copy`.  :func:`probe_video` summarises a file with
pymediainfo (optional dependency, imported lazily).
"""

from __future__ import annotations

import math
import pathlib
import struct
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Sequence

import av
from PIL import Image, ImageDraw, ImageFont

__all__ = [
    "make_video",
    "make_not_a_video",
    "make_truncated_copy",
    "probe_video",
    "render_card",
    "VideoBudgetError",
]

_FONT_DIR = pathlib.Path("/usr/share/fonts/truetype/dejavu")
_FONT_REGULAR = _FONT_DIR / "DejaVuSans.ttf"
_FONT_BOLD = _FONT_DIR / "DejaVuSans-Bold.ttf"

_H264_NAMES = {"h264", "avc", "libx264", "x264"}
_HEVC_NAMES = {"hevc", "h265", "libx265", "x265"}
_MPEG4_NAMES = {"mpeg4", "mp4v"}


class VideoBudgetError(ValueError):
    """Raised when a video cannot be made to fit the requested ``max_bytes``."""


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def make_video(
    path: "str | pathlib.Path",
    *,
    duration_s: float,
    width: int,
    height: int,
    fps: int = 25,
    lines: Sequence[str] = (),
    audio: bool = True,
    faststart: bool = True,
    codec: str = "h264",
    background: tuple[int, int, int] = (16, 64, 128),
    counter_interval_s: float | None = 20.0,
    keyframe_interval_s: float = 10.0,
    max_bytes: int | None = None,
    crf: int | None = None,
    sample_rate: int = 8000,
) -> pathlib.Path:
    """Write a real MP4 video showing a title card and return its path.

    Args:
        path: Output file; parent folders are created.  Overwritten if present.
        duration_s: Length of the video.  The number of frames is
            ``round(duration_s * fps)`` (at least 1); the audio track has the
            same length.
        width, height: Frame size in pixels; both must be even (4:2:0).
        fps: Constant frame rate.
        lines: Text lines drawn centred on the card.  When there are two or
            more lines the second one is the headline (bold, larger); with a
            single line that line is bold.  Long lines are word-wrapped.
        audio: Add an AAC-LC audio track (silence, mono) when true; no audio
            track at all when false.
        faststart: Put the ``moov`` atom before ``mdat`` (progressive
            playback; MediaInfo ``IsStreamable == "Yes"``).  When false the
            ``moov`` atom is written at the end of the file.
        codec: ``"h264"`` (size-optimised path), ``"hevc"``/``"libx265"`` or
            ``"mpeg4"`` (generic PyAV path).
        background: RGB background colour of the card.
        counter_interval_s: If set, a small "elapsed / total" counter is
            drawn in the bottom-right corner and updated every this many
            seconds, so a player visibly progresses.  ``None`` or ``0``
            disables it.
        keyframe_interval_s: Target distance between keyframes (IDR frames),
            for seeking.  May be raised automatically to honour ``max_bytes``.
        max_bytes: Optional size limit (H.264 path only).  The keyframe
            interval is doubled until the file fits; then the counter is
            dropped; if it still does not fit :class:`VideoBudgetError` is
            raised and nothing is written.
        crf: Encoder quality (lower = better, bigger).  Defaults to 32 for
            H.264/HEVC.
        sample_rate: Audio sample rate in Hz (AAC, mono).

    Returns:
        The output path as a :class:`pathlib.Path`.
    """
    path = pathlib.Path(path)
    if duration_s <= 0:
        raise ValueError("duration_s must be positive")
    if width <= 0 or height <= 0 or width % 2 or height % 2:
        raise ValueError(f"width and height must be positive and even, got {width}x{height}")
    if fps <= 0 or int(fps) != fps:
        raise ValueError("fps must be a positive integer")
    fps = int(fps)
    n_frames = max(1, round(duration_s * fps))
    lines = list(lines)
    counter_frames = 0
    if counter_interval_s:
        counter_frames = max(1, round(counter_interval_s * fps))
    key_frames = max(1, round(keyframe_interval_s * fps))

    codec_key = codec.lower()
    path.parent.mkdir(parents=True, exist_ok=True)

    if codec_key in _H264_NAMES:
        data = _build_h264_mp4(
            n_frames=n_frames,
            fps=fps,
            width=width,
            height=height,
            lines=lines,
            background=background,
            audio=audio,
            sample_rate=sample_rate,
            faststart=faststart,
            counter_frames=counter_frames,
            key_frames=key_frames,
            max_bytes=max_bytes,
            crf=32 if crf is None else crf,
        )
        path.write_bytes(data)
        return path

    if codec_key in _HEVC_NAMES:
        encoder = "libx265"
    elif codec_key in _MPEG4_NAMES:
        encoder = "mpeg4"
    else:
        raise ValueError(f"unsupported codec {codec!r}; use h264, hevc/libx265 or mpeg4")
    _make_video_pyav(
        path,
        encoder=encoder,
        n_frames=n_frames,
        fps=fps,
        width=width,
        height=height,
        lines=lines,
        background=background,
        audio=audio,
        sample_rate=sample_rate,
        faststart=faststart,
        counter_frames=counter_frames,
        key_frames=key_frames,
        crf=32 if crf is None else crf,
    )
    if max_bytes is not None and path.stat().st_size > max_bytes:
        size = path.stat().st_size
        path.unlink()
        raise VideoBudgetError(f"{path}: {size} bytes > max_bytes={max_bytes} ({codec})")
    return path


def make_not_a_video(
    path: "str | pathlib.Path",
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
    src: "str | pathlib.Path",
    dst: "str | pathlib.Path",
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


def probe_video(path: "str | pathlib.Path") -> dict:
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


# ---------------------------------------------------------------------------
# Title card rendering
# ---------------------------------------------------------------------------


def _font(size: int, bold: bool) -> ImageFont.ImageFont:
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
    words = text.split()
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


def _mmss(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


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
    main_colour, minor_colour = _text_colour(tuple(background[:3]))
    lines = list(lines)
    headline = 1 if len(lines) > 1 else 0
    base_size = max(6.0, height / 24)
    head_size = max(7.0, height / 14)
    max_width = width * 0.9

    blocks: list[tuple[list[str], object, int]] = []
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
        size = max(6, int(height / 30))
        font = _font(size, False)
        margin = max(2, int(height / 40))
        draw.text((width - margin, height - margin), footer, font=font, anchor="rd", fill=minor_colour)
    return img


def _counter_text(step: int, counter_frames: int, fps: int, n_frames: int) -> str:
    elapsed = step * counter_frames / fps
    return f"{_mmss(elapsed)} / {_mmss(n_frames / fps)}"


def _to_video_frame(img: Image.Image) -> av.VideoFrame:
    """Convert an RGB image to a yuv420p (BT.709, limited range) VideoFrame."""
    frame = av.VideoFrame.from_image(img)
    try:
        return frame.reformat(format="yuv420p", src_colorspace="ITU709", dst_colorspace="ITU709")
    except (TypeError, ValueError):  # older PyAV spells colorspaces differently
        return frame.reformat(format="yuv420p")


# ---------------------------------------------------------------------------
# H.264 bitstream helpers
# ---------------------------------------------------------------------------


class _BitReader:
    """Minimal MSB-first bit reader with Exp-Golomb support (RBSP data)."""

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data = data
        self.pos = pos

    def u(self, n: int) -> int:
        value = 0
        for _ in range(n):
            byte = self.data[self.pos >> 3]
            value = (value << 1) | ((byte >> (7 - (self.pos & 7))) & 1)
            self.pos += 1
        return value

    def ue(self) -> int:
        zeros = 0
        while self.u(1) == 0:
            zeros += 1
            if zeros > 31:
                raise ValueError("invalid Exp-Golomb code")
        return (1 << zeros) - 1 + self.u(zeros)

    def se(self) -> int:
        k = self.ue()
        return (k + 1) // 2 if k & 1 else -(k // 2)


class _BitWriter:
    """Minimal MSB-first bit writer with Exp-Golomb support."""

    def __init__(self) -> None:
        self.bits: list[int] = []

    def u(self, n: int, value: int) -> None:
        for i in range(n - 1, -1, -1):
            self.bits.append((value >> i) & 1)

    def ue(self, value: int) -> None:
        value += 1
        n = value.bit_length()
        self.u(n - 1, 0)
        self.u(n, value)

    def se(self, value: int) -> None:
        self.ue(2 * value - 1 if value > 0 else -2 * value)

    def rbsp_trailing_bits(self) -> None:
        self.bits.append(1)
        while len(self.bits) % 8:
            self.bits.append(0)

    def getvalue(self) -> bytes:
        out = bytearray()
        for i in range(0, len(self.bits), 8):
            chunk = self.bits[i:i + 8]
            chunk += [0] * (8 - len(chunk))
            out.append(int("".join(map(str, chunk)), 2))
        return bytes(out)


def _unescape(ebsp: bytes) -> bytes:
    """Remove emulation-prevention bytes (00 00 03 -> 00 00)."""
    if b"\x00\x00\x03" not in ebsp:
        return ebsp
    out = bytearray()
    zeros = 0
    for b in ebsp:
        if zeros >= 2 and b == 3:
            zeros = 0
            continue
        out.append(b)
        zeros = zeros + 1 if b == 0 else 0
    return bytes(out)


def _escape(rbsp: bytes) -> bytes:
    """Insert emulation-prevention bytes so no 00 00 0x (x <= 3) appears."""
    out = bytearray()
    zeros = 0
    for b in rbsp:
        if zeros >= 2 and b <= 3:
            out.append(3)
            zeros = 0
        out.append(b)
        zeros = zeros + 1 if b == 0 else 0
    return bytes(out)


def _split_annexb(data: bytes) -> list[bytes]:
    """Split an Annex B byte stream into NAL units (without start codes)."""
    if not (data.startswith(b"\x00\x00\x01") or data.startswith(b"\x00\x00\x00\x01")):
        raise ValueError("encoder output is not an Annex B byte stream")
    starts = []
    idx = data.find(b"\x00\x00\x01")
    while idx != -1:
        starts.append(idx + 3)
        idx = data.find(b"\x00\x00\x01", idx + 3)
    nals = []
    for k, start in enumerate(starts):
        end = starts[k + 1] - 3 if k + 1 < len(starts) else len(data)
        nal = data[start:end].rstrip(b"\x00")
        if nal:
            nals.append(nal)
    return nals


@dataclass
class _Sps:
    """The SPS fields needed to write P_Skip slices and the avcC box."""

    raw: bytes
    profile_idc: int
    constraint_flags: int
    level_idc: int
    sps_id: int
    chroma_format_idc: int
    bit_depth_luma: int
    bit_depth_chroma: int
    log2_max_frame_num: int
    poc_type: int
    frame_mbs_only: int
    width_mbs: int
    height_map_units: int

    @property
    def total_mbs(self) -> int:
        return self.width_mbs * self.height_map_units * (2 - self.frame_mbs_only)


@dataclass
class _Pps:
    """The PPS fields that influence the slice header syntax."""

    raw: bytes
    pps_id: int
    sps_id: int
    entropy_coding_mode: int
    num_slice_groups: int
    num_ref_idx_l0_default: int
    weighted_pred: int
    deblocking_filter_control_present: int
    redundant_pic_cnt_present: int


_HIGH_PROFILES = {100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135}


def _parse_sps(nal: bytes) -> _Sps:
    rbsp = _unescape(nal)
    r = _BitReader(rbsp, 8)
    profile_idc = r.u(8)
    constraint = r.u(8)
    level = r.u(8)
    sps_id = r.ue()
    chroma, depth_l, depth_c = 1, 8, 8
    if profile_idc in _HIGH_PROFILES:
        chroma = r.ue()
        if chroma == 3:
            r.u(1)
        depth_l = r.ue() + 8
        depth_c = r.ue() + 8
        r.u(1)  # qpprime_y_zero_transform_bypass_flag
        if r.u(1):
            raise ValueError("SPS scaling matrices are not supported")
    log2_max_frame_num = r.ue() + 4
    poc_type = r.ue()
    if poc_type == 0:
        r.ue()
    elif poc_type == 1:
        raise ValueError("POC type 1 is not supported")
    r.ue()  # max_num_ref_frames
    r.u(1)  # gaps_in_frame_num_value_allowed_flag
    width_mbs = r.ue() + 1
    height_map_units = r.ue() + 1
    frame_mbs_only = r.u(1)
    return _Sps(nal, profile_idc, constraint, level, sps_id, chroma, depth_l, depth_c,
                log2_max_frame_num, poc_type, frame_mbs_only, width_mbs, height_map_units)


def _parse_pps(nal: bytes) -> _Pps:
    r = _BitReader(_unescape(nal), 8)
    pps_id = r.ue()
    sps_id = r.ue()
    entropy = r.u(1)
    r.u(1)  # bottom_field_pic_order_in_frame_present_flag
    slice_groups = r.ue() + 1
    if slice_groups != 1:
        raise ValueError("slice groups are not supported")
    ref_l0 = r.ue() + 1
    r.ue()  # num_ref_idx_l1_default_active_minus1
    weighted_pred = r.u(1)
    r.u(2)  # weighted_bipred_idc
    r.se()  # pic_init_qp_minus26
    r.se()  # pic_init_qs_minus26
    r.se()  # chroma_qp_index_offset
    deblock = r.u(1)
    r.u(1)  # constrained_intra_pred_flag
    redundant = r.u(1)
    return _Pps(nal, pps_id, sps_id, entropy, slice_groups, ref_l0, weighted_pred, deblock, redundant)


def _check_stream_params(sps: _Sps, pps: _Pps) -> None:
    """Fail loudly if the encoder used features the P_Skip writer cannot mirror."""
    problems = []
    if sps.poc_type != 2:
        problems.append(f"poc_type={sps.poc_type} (need 2)")
    if not sps.frame_mbs_only:
        problems.append("interlaced coding")
    if pps.entropy_coding_mode:
        problems.append("CABAC")
    if pps.weighted_pred:
        problems.append("weighted prediction")
    if problems:
        raise RuntimeError("unexpected libx264 stream parameters: " + ", ".join(problems))


def _skip_slice(frame_num: int, sps: _Sps, pps: _Pps) -> bytes:
    """Build a coded P slice NAL unit in which every macroblock is P_Skip.

    With all neighbours skipped and reference index 0, every predicted motion
    vector is zero, so the decoded picture is an exact copy of the previous
    one.  The picture is a reference picture (``nal_ref_idc = 2``) because
    POC type 2 forbids consecutive non-reference pictures.
    """
    w = _BitWriter()
    w.ue(0)  # first_mb_in_slice
    w.ue(0)  # slice_type = P
    w.ue(pps.pps_id)
    w.u(sps.log2_max_frame_num, frame_num)
    # frame_mbs_only == 1: no field_pic_flag; non-IDR: no idr_pic_id;
    # poc_type == 2: no POC fields.
    if pps.redundant_pic_cnt_present:
        w.ue(0)
    if pps.num_ref_idx_l0_default != 1:
        w.u(1, 1)  # num_ref_idx_active_override_flag
        w.ue(0)  # num_ref_idx_l0_active_minus1
    else:
        w.u(1, 0)
    w.u(1, 0)  # ref_pic_list_modification_flag_l0
    w.u(1, 0)  # adaptive_ref_pic_marking_mode_flag (sliding window)
    w.se(0)  # slice_qp_delta
    if pps.deblocking_filter_control_present:
        w.ue(1)  # disable_deblocking_filter_idc (nothing to filter anyway)
    w.ue(sps.total_mbs)  # mb_skip_run covering the whole picture
    w.rbsp_trailing_bits()
    return bytes([0x41]) + _escape(w.getvalue())  # nal_ref_idc=2, nal_unit_type=1


def _rewrite_frame_num(nal: bytes, frame_num: int, sps: _Sps) -> bytes:
    """Return a copy of a non-IDR slice NAL with ``frame_num`` replaced.

    ``frame_num`` is a fixed-width field, so the rest of the slice is
    unchanged bit for bit.
    """
    rbsp = bytearray(_unescape(nal))
    r = _BitReader(rbsp, 8)
    r.ue()  # first_mb_in_slice
    r.ue()  # slice_type
    r.ue()  # pic_parameter_set_id
    pos = r.pos
    n = sps.log2_max_frame_num
    for i in range(n):
        byte, off = divmod(pos + i, 8)
        if (frame_num >> (n - 1 - i)) & 1:
            rbsp[byte] |= 0x80 >> off
        else:
            rbsp[byte] &= ~(0x80 >> off) & 0xFF
    return _escape(bytes(rbsp))


def _avcc(sps: _Sps, pps: _Pps, length_size: int) -> bytes:
    """Build an ``avcC`` box (AVCDecoderConfigurationRecord)."""
    body = bytes([1, sps.profile_idc, sps.constraint_flags, sps.level_idc,
                  0xFC | (length_size - 1), 0xE0 | 1])
    body += struct.pack(">H", len(sps.raw)) + sps.raw
    body += bytes([1]) + struct.pack(">H", len(pps.raw)) + pps.raw
    if sps.profile_idc in _HIGH_PROFILES:
        body += bytes([0xFC | sps.chroma_format_idc, 0xF8 | (sps.bit_depth_luma - 8),
                       0xF8 | (sps.bit_depth_chroma - 8), 0])
    return _box(b"avcC", body)


@dataclass
class _H264Stream:
    """Encoded H.264 samples (one list of NAL units per frame) plus parameter sets."""

    samples: list[list[bytes]]
    sync: list[int]  # 1-based numbers of IDR samples
    sps: _Sps
    pps: _Pps


def _encode_h264(
    *,
    n_frames: int,
    fps: int,
    width: int,
    height: int,
    crf: int,
    events: list[tuple[int, Image.Image, bool]],
) -> _H264Stream:
    """Encode ``events`` (frame index, image, force IDR) with libx264 and fill
    every other frame with P_Skip slices."""
    cc = av.CodecContext.create("libx264", "w")
    cc.width = width
    cc.height = height
    cc.pix_fmt = "yuv420p"
    cc.time_base = Fraction(1, fps)
    cc.framerate = Fraction(fps, 1)
    cc.options = {
        "preset": "slow",
        "tune": "stillimage",
        "crf": str(crf),
        "threads": "1",
        "forced-idr": "1",
        "x264-params": ":".join([
            "keyint=infinite", "min-keyint=1", "scenecut=0", "bframes=0", "ref=1",
            "weightp=0", "cabac=0", "slices=1", "sliced-threads=0", "aud=0",
            "colorprim=bt709", "transfer=bt709", "colormatrix=bt709",
        ]),
    }
    packets: list[bytes] = []
    for frame_index, image, force_idr in events:
        frame = _to_video_frame(image)
        frame.pts = frame_index
        frame.pict_type = av.video.frame.PictureType.I if force_idr else av.video.frame.PictureType.NONE
        packets.extend(bytes(p) for p in cc.encode(frame))
    packets.extend(bytes(p) for p in cc.encode(None))
    if len(packets) != len(events):
        raise RuntimeError(f"libx264 returned {len(packets)} packets for {len(events)} frames")

    sps = pps = None
    coded: dict[int, tuple[bool, list[bytes]]] = {}
    for (frame_index, _, force_idr), packet in zip(events, packets):
        slices = []
        is_idr = False
        for nal in _split_annexb(packet):
            nal_type = nal[0] & 0x1F
            if nal_type == 7:
                parsed = _parse_sps(nal)
                if sps is not None and sps.raw != nal:
                    raise RuntimeError("libx264 changed its SPS mid-stream")
                sps = parsed
            elif nal_type == 8:
                parsed_pps = _parse_pps(nal)
                if pps is not None and pps.raw != nal:
                    raise RuntimeError("libx264 changed its PPS mid-stream")
                pps = parsed_pps
            elif nal_type in (1, 5):
                is_idr = is_idr or nal_type == 5
                if nal_type == 1 and not (nal[0] >> 5) & 3:
                    raise RuntimeError("libx264 produced a non-reference P frame")
                slices.append(nal)
            # SEI (6), AUD (9), filler (12) etc. are dropped - not needed in MP4.
        if force_idr and not is_idr:
            raise RuntimeError(f"libx264 did not honour the forced IDR at frame {frame_index}")
        coded[frame_index] = (is_idr, slices)
    if sps is None or pps is None:
        raise RuntimeError("libx264 did not emit SPS/PPS")
    _check_stream_params(sps, pps)
    if not coded.get(0, (False,))[0]:
        raise RuntimeError("first frame is not an IDR frame")

    max_frame_num = 1 << sps.log2_max_frame_num
    skip_cache: dict[int, bytes] = {}
    samples: list[list[bytes]] = []
    sync: list[int] = []
    frame_num = 0
    for i in range(n_frames):
        entry = coded.get(i)
        if entry is not None and entry[0]:
            frame_num = 0
            samples.append(entry[1])
            sync.append(i + 1)
            continue
        frame_num = (frame_num + 1) % max_frame_num
        if entry is not None:
            samples.append([_rewrite_frame_num(nal, frame_num, sps) for nal in entry[1]])
        else:
            nal = skip_cache.get(frame_num)
            if nal is None:
                nal = skip_cache[frame_num] = _skip_slice(frame_num, sps, pps)
            samples.append([nal])
    return _H264Stream(samples, sync, sps, pps)


# ---------------------------------------------------------------------------
# AAC silence
# ---------------------------------------------------------------------------


def _silent_aac(sample_rate: int) -> tuple[bytes, bytes]:
    """Return (AudioSpecificConfig, one raw AAC-LC frame of silence).

    The frame is produced by FFmpeg's AAC encoder from digital silence.  A
    silent AAC-LC frame (no spectral data) is self-contained, so the same
    4-byte frame can be repeated for the whole track.
    """
    cc = av.CodecContext.create("aac", "w")
    cc.sample_rate = sample_rate
    cc.layout = "mono"
    cc.format = "fltp"
    cc.open()
    asc = bytes(cc.extradata or b"")
    packets: list[bytes] = []
    for i in range(8):
        frame = av.AudioFrame(format="fltp", layout="mono", samples=1024)
        for plane in frame.planes:
            plane.update(bytes(plane.buffer_size))
        frame.sample_rate = sample_rate
        frame.pts = i * 1024
        packets.extend(bytes(p) for p in cc.encode(frame))
    # The steady-state packet is the most frequent one; the first packet also
    # carries an encoder-name data element.
    counts: dict[bytes, int] = {}
    for p in packets[1:]:
        counts[p] = counts.get(p, 0) + 1
    if not asc or not counts:
        raise RuntimeError("AAC encoder produced no output")
    frame_bytes = max(counts, key=lambda k: (counts[k], -len(k)))
    return asc, frame_bytes


def _esds(asc: bytes, track_id: int, avg_bitrate: int, max_bitrate: int, buffer_size: int) -> bytes:
    """Build an ``esds`` box for AAC (MPEG-4 Audio, objectTypeIndication 0x40)."""

    def descriptor(tag: int, payload: bytes) -> bytes:
        if len(payload) > 127:
            raise ValueError("descriptor too long")
        return bytes([tag, len(payload)]) + payload

    dsi = descriptor(0x05, asc)
    dcd = descriptor(0x04, bytes([0x40, 0x15]) + buffer_size.to_bytes(3, "big")
                     + struct.pack(">II", max_bitrate, avg_bitrate) + dsi)
    sl = descriptor(0x06, b"\x02")
    es = descriptor(0x03, struct.pack(">HB", track_id, 0) + dcd + sl)
    return _fullbox(b"esds", 0, 0, es)


# ---------------------------------------------------------------------------
# Minimal MP4 (ISO BMFF) writer
# ---------------------------------------------------------------------------

_MATRIX = struct.pack(">9i", 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)


def _box(kind: bytes, *payload: bytes) -> bytes:
    body = b"".join(payload)
    return struct.pack(">I", 8 + len(body)) + kind + body


def _fullbox(kind: bytes, version: int, flags: int, *payload: bytes) -> bytes:
    return _box(kind, struct.pack(">I", (version << 24) | flags), *payload)


@dataclass
class _Track:
    """One track's samples and metadata for :func:`_build_mp4`."""

    handler: bytes  # b"vide" or b"soun"
    timescale: int
    sample_entry: bytes
    samples: list[bytes]
    durations: list[int]
    sync: list[int] | None = None  # None: every sample is a sync sample
    width: int = 0
    height: int = 0
    chunk_offsets: list[int] = field(default_factory=list)
    chunk_counts: list[int] = field(default_factory=list)

    @property
    def duration(self) -> int:
        return sum(self.durations)


def _run_length(values: Iterable[int]) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for v in values:
        if runs and runs[-1][1] == v:
            runs[-1][0] += 1
        else:
            runs.append([1, v])
    return [(c, v) for c, v in runs]


def _stbl(track: _Track) -> bytes:
    stsd = _fullbox(b"stsd", 0, 0, struct.pack(">I", 1), track.sample_entry)
    stts_runs = _run_length(track.durations)
    stts = _fullbox(b"stts", 0, 0, struct.pack(">I", len(stts_runs)),
                    b"".join(struct.pack(">II", c, d) for c, d in stts_runs))
    boxes = [stsd, stts]
    if track.sync is not None and len(track.sync) != len(track.samples):
        boxes.append(_fullbox(b"stss", 0, 0, struct.pack(">I", len(track.sync)),
                              b"".join(struct.pack(">I", n) for n in track.sync)))
    stsc_entries = []
    previous = None
    for idx, count in enumerate(track.chunk_counts, start=1):
        if count != previous:
            stsc_entries.append(struct.pack(">III", idx, count, 1))
            previous = count
    boxes.append(_fullbox(b"stsc", 0, 0, struct.pack(">I", len(stsc_entries)), *stsc_entries))
    sizes = [len(s) for s in track.samples]
    if sizes and all(s == sizes[0] for s in sizes):
        boxes.append(_fullbox(b"stsz", 0, 0, struct.pack(">II", sizes[0], len(sizes))))
    else:
        boxes.append(_fullbox(b"stsz", 0, 0, struct.pack(">II", 0, len(sizes)),
                              struct.pack(f">{len(sizes)}I", *sizes)))
    if track.chunk_offsets and max(track.chunk_offsets) >= 2**32:
        boxes.append(_fullbox(b"co64", 0, 0, struct.pack(">I", len(track.chunk_offsets)),
                              struct.pack(f">{len(track.chunk_offsets)}Q", *track.chunk_offsets)))
    else:
        boxes.append(_fullbox(b"stco", 0, 0, struct.pack(">I", len(track.chunk_offsets)),
                              struct.pack(f">{len(track.chunk_offsets)}I", *track.chunk_offsets)))
    return _box(b"stbl", *boxes)


def _trak(track: _Track, track_id: int, movie_timescale: int) -> bytes:
    movie_duration = round(track.duration * movie_timescale / track.timescale)
    is_video = track.handler == b"vide"
    tkhd = _fullbox(
        b"tkhd", 0, 3,
        struct.pack(">IIIII", 0, 0, track_id, 0, movie_duration),
        b"\x00" * 8,
        struct.pack(">hhhH", 0, 0 if is_video else 1, 0 if is_video else 0x0100, 0),
        _MATRIX,
        struct.pack(">II", track.width << 16, track.height << 16),
    )
    mdhd = _fullbox(b"mdhd", 0, 0, struct.pack(">IIIIHH", 0, 0, track.timescale, track.duration, 0x55C4, 0))
    name = b"VideoHandler\x00" if is_video else b"SoundHandler\x00"
    hdlr = _fullbox(b"hdlr", 0, 0, struct.pack(">I", 0), track.handler, b"\x00" * 12, name)
    if is_video:
        media_header = _fullbox(b"vmhd", 0, 1, b"\x00" * 8)
    else:
        media_header = _fullbox(b"smhd", 0, 0, b"\x00" * 4)
    dinf = _box(b"dinf", _fullbox(b"dref", 0, 0, struct.pack(">I", 1), _fullbox(b"url ", 0, 1)))
    minf = _box(b"minf", media_header, dinf, _stbl(track))
    return _box(b"trak", tkhd, _box(b"mdia", mdhd, hdlr, minf))


def _moov(tracks: list[_Track]) -> bytes:
    movie_timescale = 1000
    duration = max(round(t.duration * movie_timescale / t.timescale) for t in tracks)
    mvhd = _fullbox(
        b"mvhd", 0, 0,
        struct.pack(">IIII", 0, 0, movie_timescale, duration),
        struct.pack(">iH", 0x00010000, 0x0100), b"\x00" * 10,
        _MATRIX, b"\x00" * 24, struct.pack(">I", len(tracks) + 1),
    )
    return _box(b"moov", mvhd, *(_trak(t, i + 1, movie_timescale) for i, t in enumerate(tracks)))


def _chunk_period(tracks: list[_Track], target_s: float = 10.0) -> Fraction:
    """Interleave period: a multiple of every track's sample duration near ``target_s``."""
    unit = Fraction(0)
    for t in tracks:
        d = Fraction(max(set(t.durations), key=t.durations.count), t.timescale)
        if unit == 0:
            unit = d
        else:  # lcm of two fractions
            unit = Fraction(math.lcm(unit.numerator * d.denominator, d.numerator * unit.denominator),
                            unit.denominator * d.denominator)
    if unit >= target_s:
        return unit
    return unit * max(1, round(Fraction(target_s) / unit))


def _build_mp4(tracks: list[_Track], faststart: bool) -> bytes:
    """Serialise ``tracks`` into a complete MP4 file (ftyp, moov, mdat)."""
    period = _chunk_period(tracks)
    # Assign samples to interleaving chunks by decode time.
    per_track_chunks: list[dict[int, list[int]]] = []
    last_chunk = 0
    for t in tracks:
        chunks: dict[int, list[int]] = {}
        time = 0
        for i, d in enumerate(t.durations):
            c = int(Fraction(time, t.timescale) / period)
            chunks.setdefault(c, []).append(i)
            time += d
        per_track_chunks.append(chunks)
        last_chunk = max(last_chunk, max(chunks) if chunks else 0)

    layout: list[tuple[int, list[int]]] = []  # (track index, sample indices) in file order
    for c in range(last_chunk + 1):
        for ti, chunks in enumerate(per_track_chunks):
            if c in chunks:
                layout.append((ti, chunks[c]))

    ftyp = _box(b"ftyp", b"isom", struct.pack(">I", 0x200), b"isom", b"iso2", b"avc1", b"mp41")

    def place(mdat_payload_start: int) -> None:
        for t in tracks:
            t.chunk_offsets = []
            t.chunk_counts = []
        offset = mdat_payload_start
        for ti, indices in layout:
            t = tracks[ti]
            t.chunk_offsets.append(offset)
            t.chunk_counts.append(len(indices))
            offset += sum(len(t.samples[i]) for i in indices)

    payload_size = sum(len(s) for t in tracks for s in t.samples)
    mdat_header = struct.pack(">I", 8 + payload_size) + b"mdat" if payload_size + 8 < 2**32 else \
        struct.pack(">I", 1) + b"mdat" + struct.pack(">Q", 16 + payload_size)
    if faststart:
        place(0)
        moov_size = len(_moov(tracks))  # offsets do not change the size (stco)
        place(len(ftyp) + moov_size + len(mdat_header))
        moov = _moov(tracks)
        if len(moov) != moov_size:
            raise RuntimeError("moov size changed while placing chunks")
    else:
        place(len(ftyp) + len(mdat_header))
        moov = _moov(tracks)

    parts = [ftyp]
    if faststart:
        parts.append(moov)
    parts.append(mdat_header)
    for ti, indices in layout:
        samples = tracks[ti].samples
        parts.extend(samples[i] for i in indices)
    if not faststart:
        parts.append(moov)
    return b"".join(parts)


# ---------------------------------------------------------------------------
# H.264 path
# ---------------------------------------------------------------------------


def _events(n_frames: int, fps: int, counter_frames: int, key_frames: int, width: int, height: int,
            lines: Sequence[str], background) -> list[tuple[int, Image.Image, bool]]:
    """Frames that must be encoded: (frame index, image, force IDR)."""
    cache: dict[int, Image.Image] = {}

    def image_for(frame_index: int) -> Image.Image:
        step = frame_index // counter_frames if counter_frames else -1
        if step not in cache:
            footer = _counter_text(step, counter_frames, fps, n_frames) if counter_frames else None
            cache[step] = render_card(width, height, lines, background, footer)
        return cache[step]

    indices = {0}
    if counter_frames:
        indices.update(range(counter_frames, n_frames, counter_frames))
    indices.update(range(key_frames, n_frames, key_frames))
    return [(i, image_for(i), i % key_frames == 0) for i in sorted(indices)]


def _build_h264_mp4(*, n_frames: int, fps: int, width: int, height: int, lines: Sequence[str],
                    background, audio: bool, sample_rate: int, faststart: bool, counter_frames: int,
                    key_frames: int, max_bytes: int | None, crf: int) -> bytes:
    """Build the complete MP4 for the H.264 path, honouring ``max_bytes``."""
    audio_track = None
    if audio:
        asc, silent = _silent_aac(sample_rate)
        n_samples = max(1, round(n_frames * sample_rate / fps))
        n_aac = math.ceil(n_samples / 1024)
        durations = [1024] * (n_aac - 1) + [n_samples - 1024 * (n_aac - 1)]
        bitrate = max(1, round(len(silent) * 8 * sample_rate / 1024))
        entry = _box(
            b"mp4a",
            b"\x00" * 6, struct.pack(">H", 1), b"\x00" * 8,
            struct.pack(">HHHHI", 1, 16, 0, 0, sample_rate << 16),
            _esds(asc, 2, bitrate, bitrate, len(silent)),
        )
        audio_track = _Track(b"soun", sample_rate, entry, [silent] * n_aac, durations)

    attempts: list[tuple[int, int]] = []
    k = key_frames
    while True:
        attempts.append((k, counter_frames))
        if k >= n_frames and counter_frames == 0:
            break
        if k >= n_frames:
            attempts.append((n_frames, 0))
            break
        k *= 2

    data = b""
    for key, counter in attempts:
        stream = _encode_h264(
            n_frames=n_frames, fps=fps, width=width, height=height, crf=crf,
            events=_events(n_frames, fps, counter, key, width, height, lines, background),
        )
        biggest = max(len(n) for s in stream.samples for n in s)
        length_size = 2 if biggest < 0x10000 else 4
        samples = [b"".join(len(n).to_bytes(length_size, "big") + n for n in s) for s in stream.samples]
        compressor = b"videogen H.264"
        entry = _box(
            b"avc1",
            b"\x00" * 6, struct.pack(">H", 1),
            struct.pack(">HH", 0, 0), b"\x00" * 12,
            struct.pack(">HHIII", width, height, 0x00480000, 0x00480000, 0),
            struct.pack(">H", 1),
            bytes([len(compressor)]) + compressor.ljust(31, b"\x00"),
            struct.pack(">Hh", 0x0018, -1),
            _avcc(stream.sps, stream.pps, length_size),
        )
        video_track = _Track(b"vide", fps * 512, entry, samples, [512] * n_frames,
                             sync=stream.sync, width=width, height=height)
        tracks = [video_track] + ([audio_track] if audio_track else [])
        data = _build_mp4(tracks, faststart)
        if max_bytes is None or len(data) <= max_bytes:
            return data
    raise VideoBudgetError(
        f"cannot fit {n_frames} frames of {width}x{height} into {max_bytes} bytes "
        f"(smallest attempt: {len(data)} bytes)"
    )


# ---------------------------------------------------------------------------
# Generic PyAV path (HEVC, MPEG-4 Part 2)
# ---------------------------------------------------------------------------


def _make_video_pyav(path: pathlib.Path, *, encoder: str, n_frames: int, fps: int, width: int,
                     height: int, lines: Sequence[str], background, audio: bool, sample_rate: int,
                     faststart: bool, counter_frames: int, key_frames: int, crf: int) -> None:
    """Encode every frame with ``encoder`` and mux with FFmpeg's MP4 muxer."""
    options = {"movflags": "+faststart"} if faststart else {}
    with av.open(str(path), "w", format="mp4", options=options) as out:
        vs = out.add_stream(encoder, rate=fps)
        vs.width = width
        vs.height = height
        vs.pix_fmt = "yuv420p"
        if encoder == "libx265":
            vs.options = {
                "preset": "ultrafast",
                "crf": str(crf),
                "x265-params": f"log-level=error:keyint={key_frames}:min-keyint=1:scenecut=0:bframes=0",
            }
            try:
                vs.codec_tag = "hvc1"  # the tag Apple players require
            except (AttributeError, ValueError):
                pass
        else:  # mpeg4 (Part 2)
            vs.gop_size = key_frames
            vs.bit_rate = 200_000
        astream = None
        if audio:
            astream = out.add_stream("aac", rate=sample_rate)
            astream.layout = "mono"

        current_step = None
        frame = None
        for i in range(n_frames):
            step = i // counter_frames if counter_frames else -1
            if step != current_step:  # re-render only when the picture changes
                footer = _counter_text(step, counter_frames, fps, n_frames) if counter_frames else None
                frame = _to_video_frame(render_card(width, height, lines, background, footer))
                current_step = step
            frame.pts = i
            out.mux(vs.encode(frame))
        out.mux(vs.encode(None))

        if astream is not None:
            total = max(1, round(n_frames * sample_rate / fps))
            pos = 0
            while pos < total:
                count = min(1024, total - pos)
                af = av.AudioFrame(format="fltp", layout="mono", samples=count)
                for plane in af.planes:
                    plane.update(bytes(plane.buffer_size))
                af.sample_rate = sample_rate
                af.pts = pos
                pos += count
                out.mux(astream.encode(af))
            out.mux(astream.encode(None))
