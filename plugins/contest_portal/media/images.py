"""Pictures submitted with an entry (its own poster), decoded with a pixel limit and re-encoded.

A picture is never published as it was sent: a 200 KB PNG can claim 40000×40000 pixels
(1.6 gigapixels, gigabytes once decoded), and a phone photo carries EXIF data, GPS position
included (personal data).  ``reencode`` reads only the header first and refuses a picture over
``MAX_PIXELS`` before anything is decoded; otherwise it decodes it, turns it upright by its
EXIF orientation, fits it to at most ``POSTER_WIDTH`` wide (and twice that high) and writes a
new JPEG without any metadata (no EXIF, XMP, ICC profile or comment).  The limit is checked
here for each picture: Pillow's process-wide ``Image.MAX_IMAGE_PIXELS`` is left as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from contest_portal.core.atomic import replacing
from contest_portal.media.probe import POSTER_WIDTH, MediaError

#: Pixels (width × height) a picture may have to be decoded at all: 50 megapixels, more than
#: any phone camera's photo (a 48 MP sensor gives 8064×6048 = 48.8 MP) and about 200 MB decoded.
MAX_PIXELS = 50_000_000
#: Formats accepted whatever the file's name says (the names allowed are .jpg, .jpeg, .png, .webp).
FORMATS = ("JPEG", "PNG", "WEBP")


class ImageError(MediaError):
    """A picture that cannot be decoded, or has more pixels than allowed."""


class TooManyPixels(ImageError):
    def __init__(self, pixels: str, limit: int):
        super().__init__(f"{pixels} px > {limit:,} px")  # no words: shown in either language


def check_pixels(source: Path, *, limit: int = MAX_PIXELS) -> tuple[int, int]:
    """The picture's (width, height) from its header, nothing decoded; ImageError when it has
    more than ``limit`` pixels or is not a JPEG, PNG or WebP picture."""
    from PIL import Image

    try:
        with Image.open(source, formats=FORMATS) as opened:
            width, height = opened.size
    except Image.DecompressionBombError as exc:  # Pillow's own ceiling (twice its global limit)
        found = re.search(r"\((\d+) pixels\)", str(exc))
        raise TooManyPixels(f"{int(found.group(1)):,}" if found else "?", limit) from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageError(str(exc) or type(exc).__name__) from exc
    if width * height > limit:
        raise TooManyPixels(f"{width}x{height}", limit)
    return width, height


def reencode(source: Path, target: Path, *, max_width: int = POSTER_WIDTH, limit: int = MAX_PIXELS) -> Path:
    """Write ``source`` to ``target`` as an upright JPEG at most ``max_width`` wide and
    ``2 * max_width`` high, with no metadata.  Raises ImageError (the picture over ``limit``
    pixels, not a picture, truncated or damaged); ``target`` is then left untouched."""
    from PIL import Image, ImageOps

    check_pixels(source, limit=limit)
    try:
        with Image.open(source, formats=FORMATS) as opened:
            if opened.width * opened.height > limit:  # checked again on the file actually opened
                raise TooManyPixels(f"{opened.width}x{opened.height}", limit)
            opened.draft("RGB", (max_width, 2 * max_width))  # JPEG: decode at a reduced scale
            image = ImageOps.exif_transpose(opened)  # upright as the phone showed it
            image.load()
    except Image.DecompressionBombError as exc:
        raise TooManyPixels("?", limit) from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageError(str(exc) or type(exc).__name__) from exc
    image = _flatten(image)
    image.thumbnail((max_width, 2 * max_width), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", image.size)  # a new image: nothing of the original's info is carried
    clean.paste(image)
    with replacing(target) as tmp:
        clean.save(tmp, "JPEG", quality=80, optimize=True)
    return target


def _flatten(image):
    """An RGB image; transparency is laid on white (a JPEG has no alpha)."""
    from PIL import Image

    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")
