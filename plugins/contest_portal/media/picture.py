"""The picture every viewer sees: progressive, standard dynamic range, BT.709; for posters and renditions.

Phones record HDR (an iPhone's default is HLG 10-bit HEVC), TV stations send interlaced 1080i or
576i: shown as they are, an HDR picture is washed-out grey and an interlaced one combs on every
moving edge.  ``display_filters`` gives the FFmpeg filters (all in the FFmpeg that PyAV's wheels
bundle, measured present: ``yadif``, ``bwdif``, ``scale``; no ``zscale``) that turn decoded
frames into what a browser shows right everywhere:

- ``yadif`` (one frame out per frame in, field order from each frame's flags) on every frame
  flagged interlaced; progressive frames pass through untouched.  Not ``bwdif``: measured, it
  leaves a poster's single frame woven (combed), and weaves fields of a still picture whose two
  fields differ (both kept as they are where the next frame is the same);
- ``scale`` with BT.709 primaries, transfer and matrix, limited range, for an SDR source (a
  BT.601 one converted).  An untagged source is read as BT.709 from 720 lines up and BT.601
  below (what FFmpeg and browsers assume);
- an HDR source (HLG or PQ): ``scale`` only to 48-bit RGB, its signal kept, then media/hdr.py's
  ``to_sdr`` on the pixels (HDR's reference white of 203 cd/m² to SDR white, BT.2020 to BT.709
  primaries with hues kept, brighter highlights scaled down): FFmpeg 8's swscale does that
  mapping too, but turns saturated hues (a blue bar cyan).  ``display_pipe`` joins the two.

The filters' own defaults are FFmpeg's; no rule of a contest is involved.
"""

from __future__ import annotations

from fractions import Fraction

from contest_portal.media.hdr import is_hdr, to_sdr

#: H.273 numbers of BT.709 (primaries, transfer, matrix) and of "unspecified".
BT709 = 1
UNSPECIFIED = 2
#: Below this many lines an untagged picture is standard definition (BT.601's matrix).
HD_LINES = 720
#: The pixel format an HDR frame leaves the filters in, for ``to_sdr``: 16-bit RGB, full range.
HDR_RGB = "rgb48le"


Filter = tuple[str, "str | None"]


def field_picture(frame, codec: str) -> bool:
    """True when the decoded av.VideoFrame is one field, not a frame: HEVC codes interlaced video
    (a TV station's 1080i in HEVC) as separate field pictures, which FFmpeg's decoder gives one by
    one, half the frame's height, flagged interlaced; ``codec``: FFmpeg's decoder name."""
    return codec == "hevc" and bool(frame.interlaced_frame)


def display_filters(
    frame, width: int, height: int, pix_fmt: str, turn: list[Filter] | None = None, fields: bool = False
) -> list[Filter]:
    """FFmpeg filters (name, arguments) from a decoded ``frame`` (av.VideoFrame: its colour tags;
    each frame's interlacing flag is read as it passes) to a progressive SDR BT.709 picture of
    ``width``×``height`` square pixels in ``pix_fmt`` ("yuv420p": limited range; "rgb24": full);
    ``turn``: the filters that apply the display matrix, run on the deinterlaced frame; ``fields``:
    each frame is one field (``field_picture``), scaled to the whole ``height`` (one picture per
    field, as a "bob" deinterlacer gives) instead of deinterlaced.  An HDR
    frame's filters end in 48-bit RGB with its signal kept (``HDR_RGB``): ``display_pipe`` maps it."""
    matrix = ""
    if frame.colorspace in (0, UNSPECIFIED):  # untagged: what players assume, said explicitly
        matrix = ":in_color_matrix=" + (
            "bt2020nc" if is_hdr(frame) else "bt709" if frame.height >= HD_LINES else "bt601"
        )
    if is_hdr(frame):  # to RGB only, the HDR signal kept: to_sdr maps it (display_pipe)
        scale, pix_fmt = f"{width}:{height}{matrix}:out_range=pc", HDR_RGB
    else:
        out_range = "pc" if pix_fmt.startswith(("rgb", "bgr")) else "tv"
        scale = (
            f"{width}:{height}{matrix}:out_primaries=bt709:out_transfer=bt709"
            f":out_color_matrix=bt709:out_range={out_range}"
        )
    scan: list[Filter] = (
        [("setfield", "prog")] if fields else [("yadif", "mode=send_frame:parity=auto:deint=interlaced")]
    )
    return [*scan, *(turn or []), ("scale", scale), ("setsar", "1"), ("format", pix_fmt)]


def display_graph(frame, time_base: Fraction | None, filters: list[Filter]):
    """A configured av.filter.Graph fed with frames like ``frame`` through ``filters`` (see
    ``display_filters``, plus the caller's turns) into a sink."""
    import av.filter

    graph = av.filter.Graph()
    nodes = [
        graph.add_buffer(
            width=frame.width, height=frame.height, format=frame.format, time_base=time_base or Fraction(1, 25)
        )
    ]
    nodes += [graph.add(name, args) for name, args in filters]
    nodes.append(graph.add("buffersink"))
    graph.link_nodes(*nodes).configure()
    return graph


class DisplayPipe:
    """Frames in (``vpush``, None at the end), progressive SDR BT.709 frames out (``vpull``, which
    raises av.BlockingIOError or av.EOFError as a filter graph does): ``display_pipe``'s graph, and
    for an HDR source ``to_sdr`` on each frame the graph gives."""

    def __init__(self, graph, pix_fmt: str, hdr: tuple[int, int] | None):
        self.graph, self.pix_fmt, self.hdr = graph, pix_fmt, hdr  # hdr: (transfer, primaries) or None

    def vpush(self, frame) -> None:
        self.graph.vpush(frame)

    def vpull(self):
        import av

        frame = self.graph.vpull()
        if self.hdr is None:
            return frame
        sdr = av.VideoFrame.from_ndarray(to_sdr(frame.to_ndarray(), *self.hdr), format="rgb24")
        if self.pix_fmt != "rgb24":
            sdr = sdr.reformat(format=self.pix_fmt, dst_colorspace="ITU709", dst_color_range="MPEG")
        sdr.pts, sdr.time_base = frame.pts, frame.time_base
        return sdr


def display_pipe(
    frame,
    time_base: Fraction | None,
    width: int,
    height: int,
    pix_fmt: str,
    turn: list[Filter] | None = None,
    fields: bool = False,
) -> DisplayPipe:
    """The way from frames like the decoded ``frame`` to progressive SDR BT.709 frames of
    ``width``×``height`` square pixels in ``pix_fmt`` ("yuv420p" limited range, or "rgb24"), the
    ``turn`` filters applied, ``fields``: each frame is a field (see ``display_filters``);
    ``time_base``: the frames' (1/25 when None)."""
    graph = display_graph(frame, time_base, display_filters(frame, width, height, pix_fmt, turn, fields))
    return DisplayPipe(graph, pix_fmt, (frame.color_trc, frame.color_primaries) if is_hdr(frame) else None)


def tag_bt709(stream) -> None:
    """Tag an output video stream BT.709, limited range (the encoder writes it in the bitstream)."""
    context = stream.codec_context
    context.color_primaries = context.color_trc = context.colorspace = BT709
    context.color_range = 1  # MPEG ("tv") range
