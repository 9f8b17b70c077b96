"""Generate the sample entry videos under ``entries/<contest>/<entry-id>/video.mp4``.

Usage::

    python tools/make_sample_videos.py [--force] [--root PATH]

Each video is a real H.264 + AAC MP4 (10 fps, a single keyframe, faststart) showing a title card
with the contest short name, the entry title, the unit and the note
"Video minh họa – dữ liệu mẫu".  Every file is at most ``MAX_BYTES`` bytes and
matches the duration and resolution in :data:`SAMPLES` exactly; each file is
checked with pymediainfo after writing and the script exits with an error if
anything is off.  Existing files are kept (but still checked) unless
``--force`` is given.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time
from dataclasses import dataclass

if __package__ in (None, ""):  # allow "python tools/make_sample_videos.py"
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

import av  # noqa: E402

from tools.videogen import make_video, probe_video  # noqa: E402

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
MAX_BYTES = 200_000
FPS = 10  # a still title card: 10 fps keeps 8 minutes of 1080p under 200 KB
NOTE = "Video minh họa – dữ liệu mẫu"

CONTEST_NAMES = {
    "2024-vinh-linh": "CCHC Vĩnh Linh 2024",
    "2024-bac-kan-tu-phap": "CCHC – CĐS Ngành Tư pháp Bắc Kạn 2024",
}


@dataclass(frozen=True)
class Sample:
    """One sample entry video."""

    contest: str
    entry_id: str
    title: str
    unit: str
    duration_s: int
    width: int
    height: int
    #: False: the moov index at the end, as some editors export (the portal publishes a web rendition)
    faststart: bool = True

    @property
    def relpath(self) -> pathlib.Path:
        return pathlib.Path("entries") / self.contest / self.entry_id / "video.mp4"

    @property
    def lines(self) -> list[str]:
        return [CONTEST_NAMES[self.contest], self.title, self.unit, NOTE]


SAMPLES: list[Sample] = [
    Sample(
        "2024-vinh-linh",
        "vl-01",
        "Dịch vụ công trực tuyến – người dân không phải đi lại",
        "UBND thị trấn Hồ Xá",
        320,
        1280,
        720,
    ),
    Sample(
        "2024-vinh-linh", "vl-02", "Bộ phận Một cửa hiện đại ở xã Vĩnh Giang", "UBND xã Vĩnh Giang", 330, 1920, 1080
    ),
    Sample(
        "2024-vinh-linh",
        "vl-03",
        "Thanh toán trực tuyến phí, lệ phí thủ tục hành chính",
        "UBND xã Vĩnh Thái",
        305,
        1280,
        720,
    ),
    Sample(
        "2024-vinh-linh",
        "vl-04",
        "Nông dân Kim Thạch bán hàng trên sàn thương mại điện tử",
        "UBND xã Kim Thạch",
        310,
        1920,
        1080,
    ),
    Sample(
        "2024-vinh-linh",
        "vl-05",
        "Tài khoản định danh điện tử VNeID – tiện ích cho mọi người",
        "Cá nhân – Phòng Văn hóa và Thông tin huyện",
        345,
        1280,
        720,
    ),
    Sample(
        "2024-vinh-linh", "vl-06", "Tiểu phẩm: Bác Ba đi làm giấy khai sinh", "UBND thị trấn Cửa Tùng", 490, 1280, 720
    ),
    Sample(
        "2024-vinh-linh", "vl-07", "Chữ ký số – ký nhanh, làm việc mọi nơi", "UBND thị trấn Bến Quan", 300, 1280, 720
    ),
    Sample(
        "2024-vinh-linh", "vl-08", "Tiếp nhận phản ánh của người dân qua Zalo OA", "UBND xã Vĩnh Tú", 335, 1280, 720
    ),
    Sample(
        "2024-bac-kan-tu-phap",
        "bk-01",
        "Cấp Phiếu lý lịch tư pháp trên môi trường điện tử",
        "Phòng Hành chính tư pháp – Sở Tư pháp",
        150,
        1280,
        720,
    ),
    Sample(
        "2024-bac-kan-tu-phap",
        "bk-02",
        "Đăng ký khai sinh trực tuyến – dễ như bấm điện thoại",
        "UBND xã Nông Thượng",
        120,
        1920,
        1080,
        faststart=False,
    ),
    Sample(
        "2024-bac-kan-tu-phap",
        "bk-03",
        "Chuyển đổi số trong trợ giúp pháp lý",
        "Trung tâm Trợ giúp pháp lý nhà nước",
        180,
        1280,
        720,
    ),
    Sample(
        "2024-bac-kan-tu-phap",
        "bk-04",
        "Phòng Tư pháp Ba Bể đồng hành cùng người dân",
        "Phòng Tư pháp huyện Ba Bể",
        200,
        1280,
        720,
    ),
    Sample(
        "2024-bac-kan-tu-phap",
        "bk-05",
        "Chứng thực bản sao điện tử – nhanh, gọn, đúng luật",
        "Phòng Tư pháp thành phố Bắc Kạn",
        95,
        1920,
        1080,
    ),
    Sample("2024-bac-kan-tu-phap", "bk-06", "Sở Tư pháp số", "Văn phòng Sở Tư pháp", 240, 1280, 720),
]


def count_keyframes(path: pathlib.Path) -> int:
    """Number of keyframes in the first video stream (demux only, no decoding)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return sum(1 for packet in container.demux(stream) if packet.size and packet.is_keyframe)


def verify(sample: Sample, path: pathlib.Path) -> dict:
    """Check ``path`` against ``sample``; return the probe info or raise ``SystemExit``."""
    info = probe_video(path)
    problems = []
    if info["size"] > MAX_BYTES:
        problems.append(f"size {info['size']} > {MAX_BYTES}")
    if info["duration_s"] is None or abs(info["duration_s"] - sample.duration_s) > 0.5:
        problems.append(f"duration {info['duration_s']} != {sample.duration_s}")
    if (info["width"], info["height"]) != (sample.width, sample.height):
        problems.append(f"resolution {info['width']}x{info['height']} != {sample.width}x{sample.height}")
    if info["isstreamable"] != ("Yes" if sample.faststart else "No"):
        problems.append(f"isstreamable={info['isstreamable']!r} (moov {'not ' if sample.faststart else ''}at start)")
    if info["video_format"] != "AVC":
        problems.append(f"video format {info['video_format']!r} != 'AVC'")
    if info["audio_format"] != "AAC":
        problems.append(f"audio format {info['audio_format']!r} != 'AAC'")
    if info["frame_rate"] is None or abs(info["frame_rate"] - FPS) > 0.001:
        problems.append(f"frame rate {info['frame_rate']} != {FPS}")
    if problems:
        raise SystemExit(f"ERROR {path}: " + "; ".join(problems))
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="overwrite existing video files")
    parser.add_argument(
        "--root", type=pathlib.Path, default=REPO_ROOT, help="repository root (default: the parent of tools/)"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    for sample in SAMPLES:
        path = args.root / sample.relpath
        t0 = time.perf_counter()
        if path.exists() and not args.force:
            action = "kept"
        else:
            make_video(
                path,
                duration_s=sample.duration_s,
                width=sample.width,
                height=sample.height,
                fps=FPS,
                lines=sample.lines,
                audio=True,
                faststart=sample.faststart,
                codec="h264",
                keyframe_interval_s=None,
            )
            action = "wrote"
        info = verify(sample, path)
        print(
            f"{action:5} {sample.relpath.as_posix():45} {info['size']:>8,} B  "
            f"{info['duration_s']:7.3f} s  {info['width']}x{info['height']}  "
            f"keyframes={count_keyframes(path):<2}  ({time.perf_counter() - t0:.1f} s)"
        )
    print(f"done: {len(SAMPLES)} files in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
