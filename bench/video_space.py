#!/usr/bin/env python3
"""Benchmark and larger run: the video channel's invariant over many drawn videos, and the cost of
mapping HDR to SDR.

    python3 bench/video_space.py                 200 drawn videos each way, the HDR cost
    python3 bench/video_space.py --examples 30   a quicker run

Prints the seconds a web rendition takes for an HLG source and for the same source in SDR (the
same size and length), and the milliseconds media/hdr.py's ``to_sdr`` takes on one 1280×720 frame
(the rendition's largest: it runs after the scale, once per frame); then runs the two invariant
tests of ``tests/test_video_space.py`` with ``--examples`` Hypothesis examples each (the suite runs
a handful, to stay within CI's time).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))


def hdr_cost(seconds: float) -> tuple[float, float]:
    """Seconds to make the rendition of a 640×360 HEVC 10-bit clip of ``seconds``: (HLG, SDR)."""
    from contest_portal.media.renditions import RenditionSettings, transcode
    from tools.videogen import make_video

    timings = []
    with tempfile.TemporaryDirectory() as folder:
        for colour in ("hlg", None):
            source = make_video(
                Path(folder) / f"{colour}.mp4",
                duration_s=seconds,
                width=640,
                height=360,
                codec="hevc",
                pix_fmt="yuv420p10le",
                colour=colour,
                audio=False,
            )
            start = time.perf_counter()
            transcode(source, Path(folder) / "web.mp4", RenditionSettings())
            timings.append(time.perf_counter() - start)
    return timings[0], timings[1]


def frame_cost(repeats: int = 20) -> dict[str, float]:
    """Milliseconds ``to_sdr`` takes on one 1280×720 frame of a varied HDR picture, per transfer."""
    import numpy as np

    from contest_portal.media.hdr import HLG, PQ, to_sdr

    pixels = np.random.default_rng(0).integers(0, 65536, size=(720, 1280, 3), dtype=np.uint16)
    costs = {}
    for name, transfer in (("HLG", HLG), ("PQ", PQ)):
        to_sdr(pixels, transfer, 9)  # the tables, made once per process
        start = time.perf_counter()
        for _ in range(repeats):
            to_sdr(pixels, transfer, 9)
        costs[name] = (time.perf_counter() - start) / repeats * 1000
    return costs


def _runner(check, examples: int):
    """``check`` (a function of a folder and a drawn clip) as a Hypothesis test of ``examples`` clips."""
    from hypothesis import HealthCheck, given, settings

    from tests.test_video_space import clips

    @settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(clip=clips())
    def run(clip) -> None:
        with tempfile.TemporaryDirectory() as folder:
            check(Path(folder), clip)

    return run


def invariant(examples: int) -> int:
    """Run both invariants of tests/test_video_space.py over ``examples`` drawn videos each; the failures."""
    from tests.test_video_space import holds_with_renditions, holds_without_renditions

    failures = 0
    for check in (holds_with_renditions, holds_without_renditions):
        start = time.perf_counter()
        try:
            _runner(check, examples)()
            print(f"{check.__name__}: {examples} videos, held ({time.perf_counter() - start:.0f} s)")
        except AssertionError as exc:
            failures += 1
            print(f"{check.__name__}: FAILED: {exc}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=200, help="drawn videos per invariant")
    options = parser.parse_args()
    for seconds in (0.2, 4.0):
        hlg, sdr = hdr_cost(seconds)
        print(
            f"rendition of {seconds:g} s of 640x360 HEVC 10-bit: HLG {hlg:.2f} s, SDR {sdr:.2f} s, "
            f"tone mapping {hlg - sdr:.2f} s"
        )
    for name, ms in frame_cost().items():
        print(f"to_sdr on one 1280x720 {name} frame: {ms:.1f} ms")
    return 1 if invariant(options.examples) else 0


if __name__ == "__main__":
    raise SystemExit(main())
