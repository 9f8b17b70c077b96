"""Poster frames: made once, cached, bounded in time, placeholders for undecodable videos."""

from __future__ import annotations

import time

from contest_portal.media import posters as posters_module
from contest_portal.media.posters import ensure_posters, ensure_thumbnails
from contest_portal.pipeline import load_portal

from .conftest import MINIMAL_ENTRY


def test_posters_are_made_and_then_reused(tree, tmp_path, monkeypatch):
    tree.contest()
    tree.entry(slug="e-01")
    tree.entry(slug="e-02", text=MINIMAL_ENTRY.format(n=2).replace("xa-a", "xa-b"))
    portal = load_portal(tree.root)
    found, warnings = ensure_posters(portal, tmp_path / "cache")
    assert warnings == [] and sorted(found) == ["2025-thu-nghiem/e-01", "2025-thu-nghiem/e-02"]
    assert all(p.read_bytes()[:3] == b"\xff\xd8\xff" for p in found.values())  # JPEG

    def no_decoding(job, items, **options):
        assert not items, "decoded again"
        return []

    monkeypatch.setattr(posters_module, "run_bounded", no_decoding)
    again, _ = ensure_posters(portal, tmp_path / "cache")
    assert again == found


def test_undecodable_video_gets_a_placeholder_and_a_warning(tree, tmp_path):
    tree.contest()
    folder = tree.entry(slug="e-01")
    data = bytearray((folder / "video.mp4").read_bytes())
    start = data.index(b"mdat") + 4
    data[start:] = bytes(len(data) - start)  # keep the headers, zero every frame
    (folder / "video.mp4").write_bytes(bytes(data))
    portal = load_portal(tree.root, probe=False)
    found, warnings = ensure_posters(portal, tmp_path / "cache")
    assert found == {} and [w.code for w in warnings] == ["VID016"]
    assert not warnings[0].is_error


def test_decoding_is_bounded_in_time(tree, tmp_path, monkeypatch):
    """A worker stuck on a file is stopped after the timeout; the build goes on."""
    tree.contest()
    tree.entry(slug="e-01")
    portal = load_portal(tree.root, probe=False)
    monkeypatch.setattr(posters_module, "_work", _stuck_work)
    started = time.monotonic()
    found, warnings = ensure_posters(portal, tmp_path / "cache", timeout=1.0)
    assert time.monotonic() - started < 20
    assert found == {} and warnings[0].code == "VID016" and "timeout" in warnings[0].message("en")


def _stuck_work(job):
    time.sleep(600)


def test_crashed_workers_do_not_make_each_job_wait(tree, tmp_path, monkeypatch):
    tree.contest()
    for i in range(1, 5):
        tree.entry(slug=f"e-0{i}", text=MINIMAL_ENTRY.format(n=i).replace("xa-a", "xa-a" if i < 3 else "xa-b"))
    portal = load_portal(tree.root, probe=False)
    monkeypatch.setattr(posters_module, "_work", _crashing_work)
    started = time.monotonic()
    found, warnings = ensure_posters(portal, tmp_path / "cache", timeout=30.0)
    assert time.monotonic() - started < 25  # not 4 x 30 s
    assert found == {} and len(warnings) == 4 and all(w.code == "VID016" for w in warnings)


def _crashing_work(job):
    import os

    os._exit(3)


def test_posters_are_jpegs_at_most_1280_wide_and_thumbnails_webp_480_wide(tree, tmp_path):
    from PIL import Image

    from tools.videogen import make_video

    tree.contest()
    folder = tree.entry(slug="e-01")
    make_video(folder / "video.mp4", duration_s=2, width=1920, height=1080, lines=["Full HD"])
    portal = load_portal(tree.root, probe=False)
    posters, _ = ensure_posters(portal, tmp_path / "cache")
    thumbnails = ensure_thumbnails(portal, posters, tmp_path / "cache")
    with Image.open(posters["2025-thu-nghiem/e-01"]) as poster:
        assert (poster.format, poster.size) == ("JPEG", (1280, 720))
    assert list(thumbnails) == ["2025-thu-nghiem/e-01"]
    with Image.open(thumbnails["2025-thu-nghiem/e-01"]) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("WEBP", (480, 270))


def _own_poster(folder, colour, size=(800, 600)):
    from PIL import Image

    Image.new("RGB", size, colour).save(folder / "poster.png")
    entry_yml = folder / "entry.yml"
    if "poster:" not in entry_yml.read_text(encoding="utf-8"):
        entry_yml.write_text(entry_yml.read_text(encoding="utf-8") + "poster: poster.png\n", encoding="utf-8")


def _colour_of(path):
    from PIL import Image

    with Image.open(path) as image:
        return image.convert("RGB").getpixel((image.width // 2, image.height // 2))


def test_an_entrys_own_poster_wins_over_the_frame(tree, tmp_path):
    tree.contest()
    tree.entry(slug="e-01")
    folder = tree.entry(slug="e-02", text=MINIMAL_ENTRY.format(n=2).replace("xa-a", "xa-b"))
    _own_poster(folder, (200, 20, 20))
    portal = load_portal(tree.root, probe=False)
    posters, _ = ensure_posters(portal, tmp_path / "cache")  # a frame for e-01, the picture for e-02
    assert portal.stats["posters_decoded"] == 1 and portal.stats["images_reencoded"] == 1
    thumbnails = ensure_thumbnails(portal, posters, tmp_path / "cache")
    assert sorted(thumbnails) == ["2025-thu-nghiem/e-01", "2025-thu-nghiem/e-02"]
    red, green, blue = _colour_of(thumbnails["2025-thu-nghiem/e-02"])
    assert red > 150 and green < 80 and blue < 80  # the red picture, not the blue title card
    assert _colour_of(thumbnails["2025-thu-nghiem/e-01"]) != (red, green, blue)
    assert thumbnails["2025-thu-nghiem/e-02"].stat().st_size < (folder / "poster.png").stat().st_size * 10


def test_thumbnails_are_reused_until_their_source_changes(tree, tmp_path):
    tree.contest()
    folder = tree.entry(slug="e-01")
    _own_poster(folder, (200, 20, 20))
    first = _thumbnails(tree, tmp_path)
    made = first["2025-thu-nghiem/e-01"].stat().st_mtime_ns

    again = _thumbnails(tree, tmp_path, made=0)
    assert again == first and again["2025-thu-nghiem/e-01"].stat().st_mtime_ns == made

    _own_poster(folder, (20, 200, 20))  # the organizers replace the picture
    changed = _thumbnails(tree, tmp_path)
    red, green, _ = _colour_of(changed["2025-thu-nghiem/e-01"])
    assert green > 150 and red < 80


def test_a_thumbnail_made_from_another_source_is_made_again(tree, tmp_path):
    """Own poster removed: the frame's thumbnail replaces the old one, even if the frame's was cached."""
    tree.contest()
    folder = tree.entry(slug="e-01")
    portal = load_portal(tree.root, probe=False)
    posters, _ = ensure_posters(portal, tmp_path / "cache")
    frame_colour = _colour_of(ensure_thumbnails(portal, posters, tmp_path / "cache")["2025-thu-nghiem/e-01"])
    _own_poster(folder, (200, 20, 20))
    red, _, _ = _colour_of(_thumbnails(tree, tmp_path)["2025-thu-nghiem/e-01"])
    assert red > 150
    (folder / "poster.png").unlink()
    (folder / "entry.yml").write_text(MINIMAL_ENTRY.format(n=1), encoding="utf-8")
    portal = load_portal(tree.root, probe=False)
    thumbnails = ensure_thumbnails(portal, posters, tmp_path / "cache")
    assert portal.stats["thumbnails_made"] == 1
    assert _colour_of(thumbnails["2025-thu-nghiem/e-01"]) == frame_colour


def test_an_unreadable_poster_gets_no_thumbnail(tree, tmp_path):
    tree.contest()
    tree.entry(slug="e-01")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff not really a picture")
    portal = load_portal(tree.root, probe=False)
    assert ensure_thumbnails(portal, {"2025-thu-nghiem/e-01": broken}, tmp_path / "cache") == {}


def test_an_unreadable_own_picture_falls_back_to_the_frame(tree, tmp_path):
    tree.contest()
    folder = tree.entry(slug="e-01")
    _own_poster(folder, (200, 20, 20))
    (folder / "poster.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    portal = load_portal(tree.root, probe=False)
    posters, warnings = ensure_posters(portal, tmp_path / "cache")
    assert [w.code for w in warnings] == ["IMG001"]
    thumbnail = ensure_thumbnails(portal, posters, tmp_path / "cache")["2025-thu-nghiem/e-01"]
    red, green, blue = _colour_of(thumbnail)
    assert not (red > 150 and green < 80 and blue < 80)  # the video's frame, not the red picture


def test_a_stuck_thumbnail_stops_only_its_own_job(tree, tmp_path, monkeypatch):
    """Thumbnails run in worker processes too: one that hangs is stopped, the others are made."""
    tree.contest()
    tree.entry(slug="e-01")
    tree.entry(slug="e-02", text=MINIMAL_ENTRY.format(n=2).replace("xa-a", "xa-b"))
    portal = load_portal(tree.root, probe=False)
    posters, _ = ensure_posters(portal, tmp_path / "cache")
    monkeypatch.setattr(posters_module, "_thumbnail", _thumbnail_stuck_on_e01)
    monkeypatch.setattr(posters_module, "DEFAULT_TIMEOUT", 2.0)
    started = time.monotonic()
    thumbnails = ensure_thumbnails(portal, posters, tmp_path / "cache")
    assert time.monotonic() - started < 20  # not the 600 s the stuck job would take
    assert sorted(thumbnails) == ["2025-thu-nghiem/e-02"]


def _thumbnail_stuck_on_e01(job):
    if job[1].endswith("e-01.webp"):
        time.sleep(600)
    return posters_module._thumbnail(job)


def _thumbnails(tree, tmp_path, *, made=1):
    """Posters then thumbnails of the tree as a build makes them; checks how many were made."""
    portal = load_portal(tree.root, probe=False)
    posters, _ = ensure_posters(portal, tmp_path / "cache")
    thumbnails = ensure_thumbnails(portal, posters, tmp_path / "cache")
    assert portal.stats["thumbnails_made"] == made
    return thumbnails
