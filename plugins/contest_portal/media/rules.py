"""Check a probed video against the contest's technical rules (nothing hard-coded).

The only fixed facts here are about the web, not about any contest: H.264
plays in every browser, a file whose moov atom is at the end cannot start
playing before it is fully downloaded, and a frame rate outside 10–120 fps is
not a real video.  Phones decode video in hardware, which limits what plays
everywhere: H.264 with 8-bit 4:2:0 samples up to level 4.2 (Apple's and
Android's media compatibility tables; High 10 and High 4:4:4 play only where a
browser decodes in software, e.g. desktop Chrome), and HEVC only on Apple
devices and on recent hardware.

Every check of a frame's size, shape or orientation uses the displayed size
(``VideoInfo.shown_size``: rotation and pixel aspect ratio applied), because that
is what the jury and the public see: a phone's upright clip stored as 1920×1080
with a rotation of 90° is a 1080×1920 portrait video.
"""

from __future__ import annotations

from math import gcd
from pathlib import Path

from contest_portal.core.errors import Location, Problem, Text
from contest_portal.formats import schema
from contest_portal.media.probe import VideoInfo
from contest_portal.model import EntryRecord, Findings, Portal

WEB_CODECS = {"AVC"}  # MediaInfo's name for H.264
PHONE_CODECS = {"HEVC"}  # plays on some devices only (Apple's, recent hardware): VID020, not VID006
PHONE_MAX_LEVEL = 4.2  # highest H.264 level every phone's hardware decoder takes
PHONE_BIT_DEPTH = 8
PHONE_CHROMA = "4:2:0"
SANE_FRAME_RATE = (10.0, 120.0)
MAX_PLAUSIBLE_SECONDS = 12 * 3600  # no contest entry lasts half a day: such a header is broken or forged
MAX_PLAUSIBLE_SIDE = 8192  # beyond 8K no browser or player shows it
ASPECT_TOLERANCE = 0.02
#: Warnings about how a published original plays that a web rendition makes moot (its codec, index,
#: profile, sound, HDR, scan, container): with renditions on, the site plays the rendition instead.
RENDITION_MENDS = {"VID006", "VID015", "VID020", "VID023", "VID024", "VID025", "VID026"}
#: Files browsers play (MDN's "Media container formats"): MediaInfo's names.  MPEG-TS, Matroska,
#: AVI, MPEG-PS play nowhere or in one browser only; 3GP and QuickTime are MediaInfo's "MPEG-4".
BROWSER_CONTAINERS = {"MPEG-4", "WebM"}
#: ... under a name hosts send with a type browsers take: a QuickTime .mov is sent as
#: video/quicktime, which Firefox refuses ("HTTP Content-Type of video/quicktime is not supported").
BROWSER_SUFFIXES = {".mp4", ".m4v", ".webm"}
#: Sound every browser plays (Chrome and Firefox play no AC-3, E-AC-3 or PCM in MP4, older
#: iPhones no Opus; MDN's "Web audio codec guide"): MediaInfo's name.
BROWSER_AUDIO = {"AAC"}

_CODEC_NAMES = {
    "h264": "AVC",
    "avc": "AVC",
    "hevc": "HEVC",
    "h265": "HEVC",
    "vp9": "VP9",
    "av1": "AV1",
    "mpeg4": "MPEG-4 Visual",
    "mpeg-4 visual": "MPEG-4 Visual",
}
_CONTAINER_NAMES = {"mp4": "MPEG-4", "mov": "MPEG-4", "m4v": "MPEG-4", "mkv": "Matroska", "webm": "WebM"}


def check_media_rules(portal: Portal, facts: dict[EntryRecord, VideoInfo], web_renditions: bool = False) -> Findings:
    """Stage 4: every probed video against its contest's ``video_rules``; problems on the entry.

    ``web_renditions``: the site plays a web rendition of any video that needs one, so no warning
    says how the original would play (``RENDITION_MENDS``: a codec browsers do not play, VID006; a
    device-only profile, VID020; the index at the end, VID015; ...): visitors get the rendition.
    A rule the contest states (VID005, VID007, VID021) still holds."""
    found = Findings()
    for contest in portal.contests:
        for entry in contest.entries:
            info = facts.get(entry)
            if info is not None and entry.video_path is not None:
                problems = check_video(info, contest.spec.video_rules, entry.video_path, entry.location(("video",)))
                found.add(entry, [p for p in problems if not (web_renditions and p.code in RENDITION_MENDS)])
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
    if max(info.width or 0, info.height or 0, *(info.shown_size or ())) > MAX_PLAUSIBLE_SIDE:
        return [Problem("VID018", where, {**name, "width": info.width, "height": info.height})]
    problems: list[Problem] = []
    # no containers: or codecs: in the plan is no rule: every one is accepted (issue 29). A plan's
    # "định dạng .mp4" names the file as the entrant sees it: its extension as well as what is in it
    # (MediaInfo calls a QuickTime .mov "MPEG-4" too, so the container alone would let a .mov pass)
    if rules.containers is not None and (
        info.container not in {_CONTAINER_NAMES.get(c.lower(), c) for c in rules.containers}
        or path.suffix.lower().lstrip(".") not in {c.lower().lstrip(".") for c in rules.containers}
    ):
        problems.append(
            Problem(
                "VID005",
                where,
                {
                    **name,
                    "container": f"{info.container or '?'} ({path.suffix})",
                    "allowed": ", ".join(rules.containers),
                },
            )
        )
    elif info.container not in BROWSER_CONTAINERS or path.suffix.lower() not in BROWSER_SUFFIXES:
        problems.append(Problem("VID026", where, {**name, "container": f"{info.container or '?'} ({path.suffix})"}))
    codec_allowed = rules.codecs is None or info.video_codec in {_CODEC_NAMES.get(c.lower(), c) for c in rules.codecs}
    if not codec_allowed:
        problems.append(
            Problem("VID007", where, {**name, "codec": info.video_codec, "allowed": ", ".join(rules.codecs or ())})
        )
    elif info.video_codec not in WEB_CODECS | PHONE_CODECS:
        problems.append(Problem("VID006", where, {**name, "codec": info.video_codec}))
    if codec_allowed:
        problems += _playability(info, rules, where, name)
    problems += _picture_and_sound(info, where, name)
    problems += _duration(info, rules, where, name)
    problems += _shape(info, rules, where, name)
    rate = judged_frame_rate(info)
    if rate is not None and not SANE_FRAME_RATE[0] <= rate <= SANE_FRAME_RATE[1]:
        problems.append(Problem("VID012", where, {**name, "fps": f"{rate:g}"}))
    if not info.has_audio:
        problems.append(Problem("VID013", where, name))
    if rules.max_size is not None and info.size > rules.max_size:
        problems.append(Problem("VID014", where, {**name, "size": _mb(info.size), "max": _mb(rules.max_size)}))
    if info.streamable is False:
        problems.append(Problem("VID015", where, name))
    return problems


def judged_frame_rate(info: VideoInfo) -> float | None:
    """The frame rate a video is judged by (frames per second), or None when it cannot be judged.

    A constant-frame-rate file: its rate.  A variable-frame-rate file (screen recordings, phone
    exports: a still screen gives few frames, so the average can be 0.75 fps while motion plays
    at 30) is judged by its maximum rate, and not at all when MediaInfo gives no maximum.
    """
    if info.frame_rate_mode == "VFR":
        return info.frame_rate_max
    return info.frame_rate


def playback_limits(info: VideoInfo) -> tuple[list[Text], Text | None]:
    """Why a video plays only on some devices: ``(reasons, devices that fail)``; ``([], None)``
    when it plays everywhere (H.264, at most 8 bits, 4:2:0, level at most 4.2).

    Reasons and devices are catalogue texts (``problem.playback.*``), most serious first.
    """
    if info.video_codec in PHONE_CODECS:
        return [Text("problem.playback.hevc")], Text("problem.playback.devices_hevc")
    if info.video_codec not in WEB_CODECS:
        return [], None
    reasons: list[Text] = []
    devices = None
    if info.bit_depth is not None and info.bit_depth > PHONE_BIT_DEPTH:
        reasons.append(Text("problem.playback.bit_depth", bits=info.bit_depth))
    if info.chroma_subsampling and not info.chroma_subsampling.startswith(PHONE_CHROMA):  # "4:2:0 (Type 0)"
        reasons.append(Text("problem.playback.chroma", chroma=info.chroma_subsampling))
    if reasons:
        devices = Text("problem.playback.devices_profile")
    if info.level is not None and info.level > PHONE_MAX_LEVEL + 1e-6:
        reasons.append(Text("problem.playback.level", level=f"{info.level:g}", max=f"{PHONE_MAX_LEVEL:g}"))
        devices = devices or Text("problem.playback.devices_level")
    return reasons, devices


def _playability(info: VideoInfo, rules: schema.VideoRules, where: Location, name: dict) -> list[Problem]:
    reasons, devices = playback_limits(info)
    if not reasons:
        return []
    reason = reasons[-1]
    for earlier in reversed(reasons[:-1]):
        reason = Text("problem.playback.and", first=earlier, rest=reason)
    code = "VID021" if rules.playable_everywhere else "VID020"
    return [Problem(code, where, {**name, "format": _format_name(info), "reason": reason, "devices": devices})]


def _picture_and_sound(info: VideoInfo, where: Location, name: dict) -> list[Problem]:
    """What a browser shows or plays wrong when the original is published as it is: sound it does
    not play (VID023), an HDR picture without tone mapping (VID024), interlaced frames (VID025).
    Warnings only, none of them a contest's rule; a web rendition mends them (RENDITION_MENDS)."""
    problems = []
    if info.has_audio and info.audio_codec not in BROWSER_AUDIO:
        problems.append(Problem("VID023", where, {**name, "audio": info.audio_codec or "?"}))
    if info.hdr:
        problems.append(Problem("VID024", where, {**name, "hdr": info.hdr_format or info.transfer or "HDR"}))
    if info.interlaced:
        order = info.scan_order if info.scan_order in ("TFF", "BFF") else ""
        problems.append(Problem("VID025", where, {**name, "scan": f"{info.scan_type} {order}".strip()}))
    return problems


def _format_name(info: VideoInfo) -> str:
    """ "H.264 High 10, L5.1" from MediaInfo's names."""
    codec = {"AVC": "H.264", "HEVC": "H.265 (HEVC)"}.get(info.video_codec or "", info.video_codec or "?")
    text = f"{codec} {info.profile}" if info.profile else codec
    return f"{text}, L{info.level:g}" if info.level is not None else text


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
    for w, h in ((16, 9), (4, 3), (1, 1), (21, 9)):
        if abs(ratio - w / h) <= ASPECT_TOLERANCE * (w / h):
            return f"{w}:{h}"
    divisor = gcd(width, height)
    return f"{width // divisor}:{height // divisor}"


def _shape(info: VideoInfo, rules: schema.VideoRules, where: Location, name: dict) -> list[Problem]:
    """Resolution (VID010) and aspect ratio (VID011) of the displayed frame (``shown_size``)."""
    shown = info.shown_size
    if shown is None:
        return []
    width, height = shown
    problems: list[Problem] = []
    values = {**name, "width": width, "height": height, "shape": describe_shape(width, height)}
    if rules.aspect_ratio is not None:
        want_w, want_h = rules.aspect_ratio
        if abs(width / height - want_w / want_h) > ASPECT_TOLERANCE * (want_w / want_h):
            # a frame of the wrong shape (an upright phone clip) is edited again, not exported at
            # another size: said once, as its shape, not again as its resolution
            return [Problem("VID011", where, {**values, "expected": f"{want_w}:{want_h}"})]
    allowed = {(r.width, r.height) for r in rules.resolutions}
    if allowed and (width, height) not in allowed:
        problems.append(
            Problem(
                "VID010", where, {**values, "allowed": ", ".join(f"{r.width}x{r.height}" for r in rules.resolutions)}
            )
        )
    return problems


def _clock(seconds: float) -> str:
    total = int(round(seconds))
    return f"{total // 60}:{total % 60:02d}"


def _mb(size: int) -> str:
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} B"
