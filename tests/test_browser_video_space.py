"""What a visitor sees and hears in Chromium, for the videos issue 30 found failing (a real build).

An iPhone's HDR .MOV (HLG, HEVC 10-bit) and a TV station's interlaced clip with AC-3 sound are
entries of a contest that states no codec or container; the site is built with ``build.py build``
(renditions on, the default) and served; Debian's Chromium plays each entry's page.  The frame
it shows is read back from a canvas: HDR's reference white is white (not the grey of the signal
read as SDR), the interlaced frame does not comb, and the sound is decoded (Chromium decodes no
AC-3: ``webkitAudioDecodedByteCount`` stays 0); a poster has the colours the player shows.
"""

from __future__ import annotations

import textwrap

import pytest
from PIL import Image

import build as cli
from tools.videogen import make_video

from .conftest import MINIMAL_CONTEST, MINIMAL_ENTRY, pixel, write_mkdocs_yml
from .test_video_space import REFERENCE_WHITE, Clip, comb

pytestmark = pytest.mark.browser

#: Draws the player's current frame on a canvas: the picture as RGB bytes, with its size.
FRAME_JS = """async () => {
  const video = document.querySelector('video.cp-player');
  video.muted = true;
  if (video.readyState < 2) await new Promise((ok, fail) => {
    video.addEventListener('loadeddata', ok, {once: true});
    video.addEventListener('error', () => fail('video error ' + (video.error && video.error.code)), {once: true});
    video.load();
  });
  await video.play();
  await new Promise(ok => setTimeout(ok, 300));
  video.pause();
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth; canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  context.drawImage(video, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const rgb = [];
  for (let i = 0; i < data.length; i += 4) rgb.push(data[i], data[i + 1], data[i + 2]);
  return {width: canvas.width, height: canvas.height, rgb: rgb, audio: video.webkitAudioDecodedByteCount};
}"""

CLIPS = {
    "e-01": Clip(codec="hevc", container="mov", pix_fmt="yuv420p10le", colour="hlg", width=96, height=64),
    "e-02": Clip(codec="h264", scan="tff", audio="ac3", width=96, height=64),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = tmp_path_factory.mktemp("video-space-browser")
    contest = project / "entries" / "2025-thu-nghiem"
    contest.mkdir(parents=True)
    (contest / "contest.yml").write_text(textwrap.dedent(MINIMAL_CONTEST), encoding="utf-8")
    for number, (slug, clip) in enumerate(CLIPS.items(), start=1):
        folder = contest / slug
        folder.mkdir()
        name = f"video{clip.suffix}"
        (folder / "entry.yml").write_text(MINIMAL_ENTRY.format(n=number).replace("video.mp4", name), encoding="utf-8")
        clip.write(folder / name)
    # an untagged 720p clip of one saturated colour, kept as it is (it plays everywhere)
    folder = contest / "e-03"
    folder.mkdir()
    (folder / "entry.yml").write_text(MINIMAL_ENTRY.format(n=3).replace("xa-a", "xa-b"), encoding="utf-8")
    make_video(folder / "video.mp4", duration_s=0.4, width=1280, height=720, frame=Image.new("RGB", (1280, 720), RED))
    config = write_mkdocs_yml(project)
    site = project / "site"
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 0
    return site


RED = (200, 30, 60)


def _shown(browser, base: str, slug: str):
    page = browser.new_page()
    page.goto(f"{base}2025-thu-nghiem/bai-du-thi/{slug}/")
    shown = page.evaluate(FRAME_JS)
    page.close()
    image = Image.frombytes("RGB", (shown["width"], shown["height"]), bytes(shown["rgb"]))
    return image, shown["audio"]


def test_an_iphone_hdr_mov_plays_bright_not_washed_out(site, browser, serve_folder):
    image, _ = _shown(browser, serve_folder(site), "e-01")
    grey = image.convert("L")
    field = grey.crop((grey.width * 3 // 4, grey.height * 3 // 4, grey.width - 1, grey.height - 1))
    # HLG's reference white (signal 191) is shown white: at least 235 of 255, not 191
    assert min(field.get_flattened_data()) >= 235, (REFERENCE_WHITE["hlg"], sorted(field.get_flattened_data())[:5])


def test_a_tv_stations_interlaced_clip_with_ac3_plays_deinterlaced_with_sound(site, browser, serve_folder):
    image, audio_bytes = _shown(browser, serve_folder(site), "e-02")
    assert comb(image) < 12
    assert audio_bytes > 0  # AAC, decoded: the AC-3 original would be silent in Chromium


def test_the_poster_has_the_colours_the_player_shows(site, browser, serve_folder):
    """An untagged HD picture is BT.709 to Chromium (and to Firefox from 720 lines up): the poster,
    read the same way, shows the player's colours (a BT.601 reading gave (183, 9, 58) for (200, 30, 60))."""
    image, _ = _shown(browser, serve_folder(site), "e-03")
    [poster] = (site / "2025-thu-nghiem" / "media" / "e-03").glob("poster-*.jpg")
    with Image.open(poster) as picture:
        posted = pixel(picture.convert("RGB"), (picture.width // 2, picture.height // 2))
    played = pixel(image, (image.width // 2, image.height // 2))
    assert all(abs(a - b) <= 3 for a, b in zip(posted, played)), (posted, played)
    assert all(abs(a - b) <= 4 for a, b in zip(played, RED)), played
