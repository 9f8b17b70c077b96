#!/usr/bin/env python3
"""Benchmark: web renditions with PyAV against Debian's ffmpeg command, same settings, same run.

    python3 bench/renditions.py               a 60 s 1080p clip with real motion
    python3 bench/renditions.py --seconds 20  a quicker run

Prints, for the clip (made here by PyAV: moving gradients and a moving block, not a still card):
throughput in seconds of video per wall second for ``media.renditions.transcode`` and for
``ffmpeg`` with the same libx264 settings (the ratio PyAV/ffmpeg should be at least 0.9: the same
libx264 underneath, so less means work wasted in Python); the bytes of the original and of the
rendition; the bytes a player needs before the first frame can be shown (the ``moov`` index and
the first video sample: the rendition has ``moov`` first, target at most 1.5 MB).  A warm rebuild's
0 renditions made is in bench/bench.py's "decodes" column.  ``ffmpeg`` missing: its figures are skipped
(``apt-get install ffmpeg``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))


def make_clip(path: Path, seconds: int, width: int = 1920, height: int = 1080, fps: int = 25) -> Path:
    """A clip with motion in every frame (x264 cannot skip it as a still), H.264 at a phone's bitrate."""
    import av
    import numpy as np

    ys, xs = np.mgrid[0:height, 0:width]
    with av.open(str(path), "w", options={"movflags": "+faststart"}) as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"crf": "18", "preset": "ultrafast"}
        for i in range(seconds * fps):
            frame = np.empty((height, width, 3), np.uint8)
            frame[..., 0] = (xs + 4 * i) % 256
            frame[..., 1] = (ys + 3 * i) % 256
            frame[..., 2] = ((xs + ys) // 4 + 5 * i) % 256
            x, y = (37 * i) % (width - 200), (23 * i) % (height - 200)
            frame[y : y + 200, x : x + 200] = 255
            out.mux(stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")))
        out.mux(stream.encode(None))
    return path


def bytes_before_first_frame(path: Path) -> int:
    """Bytes from the file's start to the end of its first video sample (with ``moov`` first: the
    index and the first keyframe)."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        for packet in container.demux(stream):
            if packet.pos is not None and packet.size:
                first = packet.pos + packet.size
                return max(first, _moov_end(path))
    return path.stat().st_size


def _moov_end(path: Path) -> int:
    """Where the top-level ``moov`` box ends (ISO BMFF boxes: 32-bit size, 4-byte type)."""
    with path.open("rb") as handle:
        offset = 0
        while True:
            header = handle.read(8)
            if len(header) < 8:
                return 0
            size, kind = int.from_bytes(header[:4], "big"), header[4:]
            if size == 1:
                size = int.from_bytes(handle.read(8), "big")
            if kind == b"moov":
                return offset + size
            offset += size
            handle.seek(offset)


def main(argv: list[str] | None = None) -> int:
    from contest_portal.media.renditions import RenditionSettings, transcode

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args(argv)
    settings = RenditionSettings()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print(f"making a {args.seconds} s 1080p clip with motion ...", flush=True)
        source = make_clip(work / "clip.mp4", args.seconds)
        started = time.perf_counter()
        rendition = transcode(source, work / "pyav.mp4", settings)
        pyav_s = time.perf_counter() - started
        print(f"PyAV   {args.seconds / pyav_s:6.2f} s of video per second ({pyav_s:.1f} s)")
        ffmpeg = shutil.which("ffmpeg")
        if ffmpeg:
            cap = settings.max_bitrate_kbps
            command = [
                ffmpeg,
                "-v",
                "error",
                "-y",
                "-i",
                str(source),
                "-vf",
                "scale=1280:720,setsar=1,format=yuv420p",
                "-c:v",
                "libx264",
                "-preset",
                settings.preset,
                "-crf",
                str(settings.crf),
                "-maxrate",
                f"{cap}k",
                "-bufsize",
                f"{2 * cap}k",
                "-profile:v",
                "high",
                "-level",
                "4.0",
                "-g",
                "50",
                "-c:a",
                "aac",
                "-b:a",
                f"{settings.audio_bitrate_kbps}k",
                "-ac",
                "2",
                "-movflags",
                "+faststart",
                str(work / "ffmpeg.mp4"),
            ]
            started = time.perf_counter()
            subprocess.run(command, check=True)
            ffmpeg_s = time.perf_counter() - started
            print(f"ffmpeg {args.seconds / ffmpeg_s:6.2f} s of video per second ({ffmpeg_s:.1f} s)")
            print(f"ratio PyAV/ffmpeg throughput: {ffmpeg_s / pyav_s:.2f} (target >= 0.9)")
        else:
            print("ffmpeg: not installed (apt-get install ffmpeg): no comparison")
        print(f"bytes: original {source.stat().st_size:,}, rendition {rendition.stat().st_size:,}")
        first = bytes_before_first_frame(rendition)
        print(f"bytes before the first frame (rendition): {first:,} (target <= 1,500,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
