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
- ``scale`` with BT.709 primaries, transfer and matrix, limited range: FFmpeg 8's swscale maps the
  colour of tagged sources (BT.2020 to BT.709 primaries, HLG/PQ to the BT.709 curve, HDR's
  reference white of 203 cd/m² to SDR white, brighter highlights clipped: its default "relative
  colorimetric" intent, which keeps faces and skies at their brightness where the "perceptual"
  intent darkens the whole picture to fit a 10,000 cd/m² peak).  An untagged source is read as
  BT.709 from 720 lines up and BT.601 below (what FFmpeg and browsers assume).

The filters' own defaults are FFmpeg's; no rule of a contest is involved.
"""

from __future__ import annotations

from fractions import Fraction

#: H.273 numbers of BT.709 (primaries, transfer, matrix) and of "unspecified".
BT709 = 1
UNSPECIFIED = 2
#: Below this many lines an untagged picture is standard definition (BT.601's matrix).
HD_LINES = 720


Filter = tuple[str, "str | None"]


def display_filters(frame, width: int, height: int, pix_fmt: str, turn: list[Filter] | None = None) -> list[Filter]:
    """FFmpeg filters (name, arguments) from a decoded ``frame`` (av.VideoFrame: its colour tags;
    each frame's interlacing flag is read as it passes) to a progressive SDR BT.709 picture of
    ``width``×``height`` square pixels in ``pix_fmt`` ("yuv420p": limited range; "rgb24": full);
    ``turn``: the filters that apply the display matrix, run on the deinterlaced frame."""
    matrix = ""
    if frame.colorspace in (0, UNSPECIFIED):  # untagged: what players assume, said explicitly
        matrix = ":in_color_matrix=" + ("bt709" if frame.height >= HD_LINES else "bt601")
    out_range = "pc" if pix_fmt.startswith(("rgb", "bgr")) else "tv"
    return [("yadif", "mode=send_frame:parity=auto:deint=interlaced"), *(turn or []),
            ("scale", f"{width}:{height}{matrix}:out_primaries=bt709:out_transfer=bt709"
                      f":out_color_matrix=bt709:out_range={out_range}"),
            ("setsar", "1"), ("format", pix_fmt)]


def display_graph(frame, time_base: Fraction | None, filters: list[Filter]):
    """A configured av.filter.Graph fed with frames like ``frame`` through ``filters`` (see
    ``display_filters``, plus the caller's turns) into a sink."""
    import av.filter

    graph = av.filter.Graph()
    nodes = [graph.add_buffer(width=frame.width, height=frame.height, format=frame.format,
                              time_base=time_base or Fraction(1, 25))]
    nodes += [graph.add(name, args) for name, args in filters]
    nodes.append(graph.add("buffersink"))
    graph.link_nodes(*nodes).configure()
    return graph


def tag_bt709(stream) -> None:
    """Tag an output video stream BT.709, limited range (the encoder writes it in the bitstream)."""
    context = stream.codec_context
    context.color_primaries = context.color_trc = context.colorspace = BT709
    context.color_range = 1  # MPEG ("tv") range
