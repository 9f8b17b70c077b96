"""Check a probed video against the contest's technical rules (nothing hard-coded).

The only fixed facts here are about the web, not about any contest: H.264
plays in every browser, a file whose moov atom is at the end cannot start
playing before it is fully downloaded, and a frame rate outside 10–120 fps is
not a real video.
"""

from __future__ import annotations

from math import gcd
from pathlib import Path

from contest_portal.core.errors import Location, Problem, Text
from contest_portal.formats import schema
from contest_portal.media.probe import VideoInfo
from contest_portal.model import EntryRecord, Findings, Portal

WEB_CODECS = {"AVC"}  # MediaInfo's name for H.264
SANE_FRAME_RATE = (10.0, 120.0)
MAX_PLAUSIBLE_SECONDS = 12 * 3600  # no contest entry lasts half a day: such a header is broken or forged
MAX_PLAUSIBLE_SIDE = 8192          # beyond 8K no browser or player shows it
ASPECT_TOLERANCE = 0.02

_CODEC_NAMES = {"h264": "AVC", "avc": "AVC", "hevc": "HEVC", "h265": "HEVC", "vp9": "VP9", "av1": "AV1",
                "mpeg4": "MPEG-4 Visual", "mpeg-4 visual": "MPEG-4 Visual"}
_CONTAINER_NAMES = {"mp4": "MPEG-4", "mov": "MPEG-4", "m4v": "MPEG-4", "mkv": "Matroska", "webm": "WebM"}


def check_media_rules(portal: Portal, facts: dict[EntryRecord, VideoInfo]) -> Findings:
    """Stage 4: every probed video against its contest's ``video_rules``; problems on the entry."""
    found = Findings()
    for contest in portal.contests:
        for entry in contest.entries:
            info = facts.get(entry)
            if info is not None and entry.video_path is not None:
                found.add(entry, check_video(info, contest.spec.video_rules, entry.video_path,
                                             entry.location(("video",))))
    return found


def check_video(info: VideoInfo, rules: schema.VideoRules | None, path: Path, where: Location) -> list[Problem]:
    """All problems of one probed video under ``rules`` (defaults when the contest has none)."""
    rules = rules or schema.VideoRules()
    name = {"path": path.name}
    if info.size == 0:
        return [Problem("VID002", where, name)]
    if not info.has_video:
        if info.truncated:
            return [Problem("VID004", where, name)]
        return [Problem("VID003", where, {**name, "kind": info.other_kind or Text("problem.unknown_data")})]
    if info.truncated or not info.duration_s:
        return [Problem("VID004", where, name)]
    if info.duration_s > MAX_PLAUSIBLE_SECONDS:
        return [Problem("VID017", where, {**name, "hours": f"{info.duration_s / 3600:.0f}"})]
    if max(info.width or 0, info.height or 0) > MAX_PLAUSIBLE_SIDE:
        return [Problem("VID018", where, {**name, "width": info.width, "height": info.height})]
    problems: list[Problem] = []
    allowed_containers = {_CONTAINER_NAMES.get(c.lower(), c) for c in rules.containers}
    if info.container not in allowed_containers:
        problems.append(Problem("VID005", where, {**name, "container": info.container,
                                                  "allowed": ", ".join(rules.containers)}))
    allowed_codecs = {_CODEC_NAMES.get(c.lower(), c) for c in rules.codecs}
    if info.video_codec not in allowed_codecs:
        problems.append(Problem("VID007", where, {**name, "codec": info.video_codec,
                                                  "allowed": ", ".join(rules.codecs)}))
    elif info.video_codec not in WEB_CODECS:
        problems.append(Problem("VID006", where, {**name, "codec": info.video_codec}))
    problems += _duration(info, rules, where, name)
    problems += _shape(info, rules, where, name)
    if info.frame_rate is not None and not SANE_FRAME_RATE[0] <= info.frame_rate <= SANE_FRAME_RATE[1]:
        problems.append(Problem("VID012", where, {**name, "fps": f"{info.frame_rate:g}"}))
    if not info.has_audio:
        problems.append(Problem("VID013", where, name))
    if rules.max_size is not None and info.size > rules.max_size:
        problems.append(Problem("VID014", where, {**name, "size": _mb(info.size), "max": _mb(rules.max_size)}))
    if info.streamable is False:
        problems.append(Problem("VID015", where, name))
    return problems


def _duration(info: VideoInfo, rules: schema.VideoRules, where: Location, name: dict) -> list[Problem]:
    seconds = info.duration_s
    if seconds is None:  # (no duration in the headers: reported by the checks of damaged files)
        return []
    values = {**name, "duration": _clock(seconds)}
    if rules.min_duration is not None and seconds < rules.min_duration - 0.5:
        return [Problem("VID008", where, {**values, "limit": _clock(rules.min_duration)})]
    if rules.max_duration is not None and seconds > rules.max_duration + 0.5:
        return [Problem("VID009", where, {**values, "limit": _clock(rules.max_duration)})]
    return []


def describe_shape(width: int, height: int) -> str | Text:
    """A name for a frame shape: portrait (a catalogue text), 4:3, 16:9 …"""
    if height > width:
        return Text("problem.portrait")
    ratio = width / height
    for (w, h) in ((16, 9), (4, 3), (1, 1), (21, 9)):
        if abs(ratio - w / h) <= ASPECT_TOLERANCE * (w / h):
            return f"{w}:{h}"
    divisor = gcd(width, height)
    return f"{width // divisor}:{height // divisor}"


def _shape(info: VideoInfo, rules: schema.VideoRules, where: Location, name: dict) -> list[Problem]:
    if not info.width or not info.height:
        return []
    problems: list[Problem] = []
    values = {**name, "width": info.width, "height": info.height, "shape": describe_shape(info.width, info.height)}
    allowed = {(r.width, r.height) for r in rules.resolutions}
    if allowed and (info.width, info.height) not in allowed:
        problems.append(Problem("VID010", where, {
            **values, "allowed": ", ".join(f"{r.width}x{r.height}" for r in rules.resolutions)}))
    if rules.aspect_ratio is not None:
        want_w, want_h = rules.aspect_ratio
        ratio = info.display_aspect_ratio or info.width / info.height
        if abs(ratio - want_w / want_h) > ASPECT_TOLERANCE * (want_w / want_h):
            problems.append(Problem("VID011", where, {**values, "expected": f"{want_w}:{want_h}"}))
    return problems


def _clock(seconds: float) -> str:
    total = int(round(seconds))
    return f"{total // 60}:{total % 60:02d}"


def _mb(size: int) -> str:
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} B"
