"""HDR (BT.2100 HLG or PQ) pictures made SDR BT.709 with their hues kept; for posters and renditions.

FFmpeg 8's ``scale`` maps HLG/PQ to SDR itself, but measured on colour bars it turns saturated
colours: an HLG blue bar (0, 0, 191) became (0, 110, 180), green (0, 220, 97), red (252, 13, 35)
(its gamut mapping moves hues where BT.2020 colours leave BT.709's gamut), and its ``intent``
options only trade that for a darker picture.  PyAV's FFmpeg has no ``zscale``, and ``tonemap``
needs the linear light only ``zscale`` makes.  So ``scale`` only converts the frame to RGB (48
bits, its HLG/PQ signal kept) and ``to_sdr`` does the rest on the decoded pixels, as ITU-R
BT.2100 and BT.2408 say:

- HLG: the inverse OETF gives scene light; the OOTF for a 1000 cd/m² display (system gamma 1.2,
  applied to the BT.2020 luminance, which keeps each pixel's hue); PQ: the EOTF gives cd/m²;
- HDR's reference white (203 cd/m², BT.2408: HLG 75 %, PQ 58 %) becomes SDR white;
- BT.2020 primaries to BT.709 in linear light (BT.2087's matrix); what lies outside BT.709's gamut
  is clipped at 0, and a pixel brighter than white is scaled down as a whole (all three
  channels by the same factor: its hue and saturation are kept, where clipping each channel
  would turn a bright orange yellow);
- BT.1886's display curve inverted (gamma 2.4): the 8-bit SDR signal.

Lookup tables make the curves (65,536 entries each): ``bench/video_space.py`` measures the cost.
"""

from __future__ import annotations

from functools import cache

#: H.273 numbers of the HDR transfers and of the BT.709 and BT.2020 primaries.
PQ = 16
HLG = 18
BT709_PRIMARIES = 1
#: HDR's reference white (cd/m², ITU-R BT.2408) and the HLG display's nominal peak (BT.2100).
REFERENCE_WHITE_NITS = 203.0
HLG_PEAK_NITS = 1000.0
#: BT.2100's HLG system gamma for a 1000 cd/m² display, and BT.1886's display gamma.
HLG_GAMMA = 1.2
SDR_GAMMA = 2.4
#: BT.2020's luminance coefficients (R, G, B).
BT2020_LUMA = (0.2627, 0.6780, 0.0593)
#: Linear BT.2020 RGB to linear BT.709 RGB (ITU-R BT.2087, table 2).
BT2020_TO_BT709 = ((1.660491, -0.587641, -0.072850), (-0.124550, 1.132900, -0.008349), (-0.018151, -0.100579, 1.118730))


def is_hdr(frame) -> bool:
    """True when the av.VideoFrame is tagged with an HDR transfer (HLG or PQ)."""
    return frame.color_trc in (HLG, PQ)


@cache
def _signal_to_light(transfer: int):
    """A float32 table: a 16-bit HDR signal → HLG scene light (0-1) or PQ display light relative to
    reference white (203 cd/m² = 1)."""
    import numpy as np

    signal = np.arange(65536, dtype=np.float64) / 65535
    if transfer == HLG:  # BT.2100 table 5, the inverse OETF
        a, b, c = 0.17883277, 0.28466892, 0.55991073
        light = np.where(signal <= 0.5, signal**2 / 3, (np.exp((signal - c) / a) + b) / 12)
    else:  # PQ: BT.2100 table 4, the EOTF (cd/m²)
        m1, m2, c1, c2, c3 = 2610 / 16384, 2523 / 4096 * 128, 3424 / 4096, 2413 / 4096 * 32, 2392 / 4096 * 32
        power = signal ** (1 / m2)
        light = 10000 * (np.maximum(power - c1, 0) / (c2 - c3 * power)) ** (1 / m1) / REFERENCE_WHITE_NITS
    return light.astype(np.float32)


@cache
def _light_to_sdr():
    """A uint8 table: linear SDR light (0-1, in 65,536 steps) → the BT.1886 (gamma 2.4) signal."""
    import numpy as np

    return np.round(255 * (np.arange(65536) / 65535) ** (1 / SDR_GAMMA)).astype(np.uint8)


def to_sdr(rgb48, transfer: int, primaries: int):
    """The SDR BT.709 picture of an HDR one: ``rgb48`` a numpy array (height, width, 3) of uint16,
    full range, the HLG (``transfer`` 18) or PQ (16) signal in the ``primaries`` (H.273 number:
    BT.2020 unless 1) → uint8 array of the same shape (see the module's docstring)."""
    import numpy as np

    # planes (3, height, width): each step runs over contiguous memory
    light = _signal_to_light(transfer)[rgb48.transpose(2, 0, 1)]
    if transfer == HLG:  # the OOTF, then reference white (HLG 75 %) to 1
        gain = np.tensordot(np.asarray(BT2020_LUMA, dtype=np.float32), light, axes=1)
        gain **= np.float32(HLG_GAMMA - 1)
        gain *= np.float32(HLG_PEAK_NITS / REFERENCE_WHITE_NITS)
        light *= gain
    if primaries != BT709_PRIMARIES:
        light = np.tensordot(np.asarray(BT2020_TO_BT709, dtype=np.float32), light, axes=1)
    np.maximum(light, 0, out=light)
    # each pixel scaled down by its brightest channel where that is over 1, and to the table's steps
    scale = np.maximum(np.maximum(light[0], light[1]), light[2])
    np.maximum(scale, 1, out=scale)
    np.divide(np.float32(65535), scale, out=scale)
    light *= scale
    light += np.float32(0.5)
    sdr = _light_to_sdr()[light.astype(np.uint16)]
    return np.ascontiguousarray(sdr.transpose(1, 2, 0))
