"""Issue 21, kind 2 (images): an entry's own poster is decoded with a pixel limit and published
only re-encoded: a JPEG at most 1280 px wide, upright, without metadata (GPS from phones).

Every picture is made here: a real 40000×40000 PNG of about 200 KB (1.6 gigapixels, written
row by row through zlib, as Pillow would, in a few seconds instead of a few dozen), and a phone
photo with EXIF orientation, GPS position and camera model.
"""

from __future__ import annotations

import re
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

import build as cli
from contest_portal.media.images import ImageError, reencode

from .conftest import MINIMAL_ENTRY, pixel, write_mkdocs_yml

CONTEST, ENTRY = "2025-thu-nghiem", "e-01"
GPS_IFD = 0x8825
ORIENTATION = 0x0112
MODEL = 0x0110


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(path: Path, side: int = 40000) -> Path:
    """A black bilevel PNG of ``side``×``side`` pixels: about 200 KB on disk, 1.6 Gpx decoded."""
    row = b"\x00" + bytes((side + 7) // 8)  # filter byte, then the row's bits
    packer = zlib.compressobj(9)
    block = row * 1000
    idat = b"".join(packer.compress(block) for _ in range(side // 1000)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit per pixel, greyscale
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b""))
    return path


@pytest.fixture(scope="module")
def huge(tmp_path_factory) -> Path:
    path = huge_png(tmp_path_factory.mktemp("images") / "big.png")
    assert path.stat().st_size < 300_000
    from PIL import PngImagePlugin

    with PngImagePlugin.PngImageFile(path) as png:  # a real PNG (Pillow's reader, without its bomb check)
        assert (png.size, png.mode) == ((40000, 40000), "1")
        png.verify()  # every chunk's checksum
    return path


def phone_photo(path: Path) -> Path:
    """What a phone held upright writes: a 3000×2000 landscape frame (top half red, bottom half
    blue) with EXIF orientation 6 (turn 90° clockwise to show), a GPS position and the model."""
    image = Image.new("RGB", (3000, 2000), (0, 0, 220))
    image.paste((220, 0, 0), (0, 0, 3000, 1000))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[MODEL] = "TestPhone 15 Pro"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (16.0, 49.0, 30.0), 3: "E", 4: (107.0, 5.0, 12.0)})
    image.save(path, "JPEG", exif=exif, quality=90)
    with Image.open(path) as check:  # the photo really carries them
        assert check.getexif()[ORIENTATION] == 6 and check.getexif().get_ifd(GPS_IFD)[1] == "N"
    return path


def _with_poster(tree, name: str) -> Path:
    tree.contest()
    folder = tree.entry(slug=ENTRY, text=MINIMAL_ENTRY.format(n=1) + f"poster: {name}\n")
    return folder


def _build(tmp_path: Path, capsys, caplog) -> tuple[int, str, Path]:
    config = write_mkdocs_yml(tmp_path)
    site = tmp_path / "site"
    status = cli.main(["build", "-f", str(config), "--site-dir", str(site)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err + caplog.text, site


def _poster_of_page(site: Path) -> Path:
    page = site / CONTEST / "bai-du-thi" / ENTRY / "index.html"
    found = re.search(r'<video[^>]* poster="([^"]+)"', page.read_text(encoding="utf-8"))
    assert found, "the entry page has no poster"
    return (page.parent / found.group(1)).resolve()


# --- the decoder on its own ---------------------------------------------------------------------


def test_a_picture_over_the_pixel_limit_is_refused_before_it_is_decoded(huge, tmp_path):
    start = time.perf_counter()
    with pytest.raises(ImageError, match=r"1,600,000,000 px > 50,000,000 px"):
        reencode(huge, tmp_path / "out.jpg")
    assert time.perf_counter() - start < 2 and not (tmp_path / "out.jpg").exists()
    # the limit is this module's, not Pillow's global one, which stays as it was
    assert Image.MAX_IMAGE_PIXELS == int(1024 * 1024 * 1024 // 4 // 3)
    Image.new("L", (1001, 1000)).save(tmp_path / "small.png")
    with pytest.raises(ImageError, match=r"^1001x1000 px > 1,000,000 px$"):
        reencode(tmp_path / "small.png", tmp_path / "out.jpg", limit=1_000_000)


def test_a_file_that_is_not_a_picture_is_an_image_error(tmp_path):
    (tmp_path / "poster.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    with pytest.raises(ImageError):
        reencode(tmp_path / "poster.png", tmp_path / "out.jpg")
    (tmp_path / "poster.jpg").write_text("<svg onload=alert(1)>", encoding="utf-8")
    with pytest.raises(ImageError):
        reencode(tmp_path / "poster.jpg", tmp_path / "out.jpg")


def test_a_phone_photo_is_turned_upright_fitted_and_stripped(tmp_path):
    out = reencode(phone_photo(tmp_path / "phone.jpg"), tmp_path / "out.jpg")
    with Image.open(out) as image:
        # shown 2000×3000 (portrait), fitted to 1280 wide: 1280×1920
        assert (image.format, image.size) == ("JPEG", (1280, 1920))
        assert not image.getexif() and not {"exif", "icc_profile", "xmp", "comment"} & set(image.info)
        # turned 90° clockwise: the stored top (red) is now on the right
        red = pixel(image, (1200, 960))
        blue = pixel(image, (80, 960))
    assert red[0] > 180 and red[2] < 60 and blue[2] > 180 and blue[0] < 60
    assert b"TestPhone" not in out.read_bytes()


# --- through a build ----------------------------------------------------------------------------


def test_a_40000_pixel_png_poster_is_img001_and_nothing_of_it_is_published(tree, tmp_path, huge, capsys, caplog):
    folder = _with_poster(tree, "big.png")
    (folder / "big.png").write_bytes(huge.read_bytes())
    start = time.perf_counter()
    status, output, site = _build(tmp_path, capsys, caplog)
    assert status == 0, output  # a warning: the entry is published, with a frame of its video
    assert time.perf_counter() - start < 60
    assert "IMG001" in output and "big.png" in output and "Traceback" not in output
    assert "1,600,000,000 px > 50,000,000 px" in output
    published = [p for p in site.rglob("*") if p.is_file()]
    assert not [p for p in published if p.suffix == ".png" and CONTEST in p.parts]  # the theme has a favicon.png
    assert all(p.stat().st_size != huge.stat().st_size or p.read_bytes() != huge.read_bytes() for p in published)
    poster = _poster_of_page(site)
    assert poster.name == f"poster-{ENTRY}.jpg"
    with Image.open(poster) as frame:  # the video's frame (160×90), not the PNG
        assert (frame.format, frame.size) == ("JPEG", (160, 90))


def test_a_phone_photo_poster_is_published_upright_without_gps(tree, tmp_path, capsys, caplog):
    folder = _with_poster(tree, "phone.jpg")
    original = phone_photo(folder / "phone.jpg")
    status, output, site = _build(tmp_path, capsys, caplog)
    assert status == 0, output
    assert "IMG001" not in output
    poster = _poster_of_page(site)
    assert poster.name == f"poster-{ENTRY}.jpg"  # the re-encoded file, not phone.jpg
    with Image.open(poster) as image:
        assert (image.format, image.size) == ("JPEG", (1280, 1920))
        assert not image.getexif() and "exif" not in image.info
        assert pixel(image, (1200, 960))[0] > 180 and pixel(image, (80, 960))[2] > 180
    # nothing of the original reaches the site: not the file, not its model name or GPS block
    for path in (p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert data != original.read_bytes() and b"TestPhone" not in data, path
    assert not list(site.rglob("phone.jpg"))
