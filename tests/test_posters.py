"""Poster frames: made once, cached, bounded in time, placeholders for undecodable videos."""

from __future__ import annotations

import time

from contest_portal import posters as posters_module
from contest_portal.loader import load_portal
from contest_portal.posters import ensure_posters

from .conftest import MINIMAL_ENTRY


def test_posters_are_made_and_then_reused(tree, tmp_path, monkeypatch):
    tree.contest()
    tree.entry(slug="e-01")
    tree.entry(slug="e-02", text=MINIMAL_ENTRY.format(n=2).replace("xa-a", "xa-b"))
    portal = load_portal(tree.root)
    found, warnings = ensure_posters(portal, tmp_path / "cache")
    assert warnings == [] and sorted(found) == ["2025-thu-nghiem/e-01", "2025-thu-nghiem/e-02"]
    assert all(p.read_bytes()[:3] == b"\xff\xd8\xff" for p in found.values())  # JPEG

    def no_decoding(*args, **kwargs):
        raise AssertionError("decoded again")

    monkeypatch.setattr(posters_module, "_run_all", no_decoding)
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
