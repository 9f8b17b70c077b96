"""A contest's cover picture (``cover:`` in contest.yml, media/covers.py): the home page's banner and
the picture of shared links, re-encoded; IMG002 when it is missing or no picture."""

from __future__ import annotations

import re

from PIL import Image

import build as cli

from .conftest import MINIMAL_CONTEST, write_mkdocs_yml
from .test_images import GPS_IFD, phone_photo

CONTEST = "2025-thu-nghiem"


def _contest_with_cover(tree, name: str):
    folder = tree.contest(text=MINIMAL_CONTEST + f"cover: {name}\n")
    tree.entry()
    return folder


def test_a_missing_cover_is_img002_naming_the_file_in_both_languages(tree, tmp_path, capsys):
    _contest_with_cover(tree, "anh-bia.jpg")
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["validate", "-f", str(config)]) != 0
    output = capsys.readouterr().out
    assert "IMG002" in output and "Traceback" not in output
    assert "Ảnh bìa 'anh-bia.jpg' của cuộc thi không dùng được: không có tệp này trong thư mục của cuộc thi" in output
    assert "contest.yml" in output
    assert cli.main(["validate", "--lang", "en", "-f", str(config)]) != 0
    assert (
        "The contest's cover picture 'anh-bia.jpg' cannot be used: there is no such file in the contest's folder"
        in capsys.readouterr().out
    )


def test_a_cover_that_is_no_picture_is_img002_and_stops_the_build(tree, tmp_path, capsys):
    folder = _contest_with_cover(tree, "anh-bia.png")
    (folder / "anh-bia.png").write_bytes(b"this is a text file saved with the wrong name\n" * 10)
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) != 0
    output = capsys.readouterr().out
    assert "IMG002" in output and "anh-bia.png" in output and "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_cover_is_the_home_banner_and_the_shared_picture_without_gps(tree, tmp_path, capsys):
    folder = _contest_with_cover(tree, "bia.jpg")
    phone_photo(folder / "bia.jpg")  # 3000×2000 stored, shown upright (2000×3000), with a GPS position
    config = write_mkdocs_yml(tmp_path, extra="site_url: https://cuocthi.example.gov.vn/\n")
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 0, capsys.readouterr().out
    home = (site / "index.html").read_text(encoding="utf-8")
    banner = re.search(r'<div class="cp-hero__cover"><img src="([^"]+)" alt="" width="(\d+)" height="(\d+)"', home)
    # upright 2000×3000 fitted to 1280 wide (1280×1920), then the banner at 960 wide: 960×1440
    assert banner and banner.groups() == (f"{CONTEST}/media/anh-bia.webp", "960", "1440")
    assert "cp-hero__collage" not in home  # the cover in place of the entries' posters
    with Image.open(site / CONTEST / "media" / "anh-bia.webp") as shown:
        assert (shown.format, shown.size) == ("WEBP", (960, 1440))
    picture = f"https://cuocthi.example.gov.vn/{CONTEST}/media/anh-bia.jpg"
    for page in (home, (site / CONTEST / "index.html").read_text(encoding="utf-8")):
        assert f'<meta property="og:image" content="{picture}">' in page
        assert '<meta property="og:image:width" content="1280">' in page
        assert '<meta property="og:image:type" content="image/jpeg">' in page
    with Image.open(site / CONTEST / "media" / "anh-bia.jpg") as shared:
        assert (shared.format, shared.size) == ("JPEG", (1280, 1920))
        assert not shared.getexif().get_ifd(GPS_IFD) and not shared.getexif()
    assert not list(site.rglob("bia.jpg"))  # the office's file itself is never published


def test_without_a_cover_the_banner_is_a_collage_of_the_entries_posters(tree, tmp_path, capsys):
    tree.contest()
    tree.entry()
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(write_mkdocs_yml(tmp_path)), "--site-dir", str(site)]) == 0
    home = (site / "index.html").read_text(encoding="utf-8")
    collage = home.split('class="cp-hero__collage cp-hero__collage--1"')[1].split("</div>")[0]
    assert collage.count("<img ") == 1 and f'src="{CONTEST}/media/e-01/thumb-e-01.webp"' in collage
    assert "cp-hero__cover" not in home and not (site / CONTEST / "media" / "anh-bia.jpg").exists()


def test_a_cover_cut_off_in_transfer_is_found_at_validate(tree, tmp_path, capsys):
    """Its header is good; its pixels end early: said before the build, as an error, never after 'built'."""
    import io

    folder = _contest_with_cover(tree, "anh-bia.jpg")
    picture = io.BytesIO()
    Image.effect_noise((800, 450), 60).convert("RGB").save(picture, "JPEG", quality=90)
    (folder / "anh-bia.jpg").write_bytes(picture.getvalue()[: len(picture.getvalue()) // 2])
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["validate", "-f", str(config)]) != 0
    output = capsys.readouterr().out
    assert "IMG002" in output and "anh-bia.jpg" in output and "Traceback" not in output
