"""Stage 3, probe media: the facts of every entry's video, from the cache or probed.

A video is probed only when the cache has no record of it under its file identity (size,
modification time, inode): a warm rebuild probes nothing. Files to probe are probed in
parallel worker processes (``probe.probe_files``) behind a progress bar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from contest_portal.core.cache import FileCache
from contest_portal.core.errors import Problem
from contest_portal.core.i18n import DEFAULT_LANGUAGE
from contest_portal.media import probe
from contest_portal.model import EntryRecord, Findings


@dataclass
class VideoFacts:
    """What ``probe_videos`` returns: facts per entry, VID001 for unreadable files, the probe count."""

    info: dict[EntryRecord, probe.VideoInfo] = field(default_factory=dict)
    findings: Findings = field(default_factory=Findings)
    probes: int = 0  # files actually probed (not from the cache), for the benchmark


def probe_videos(entries: Iterable[EntryRecord], cache_dir: Path | None, *, lang: str = DEFAULT_LANGUAGE) -> VideoFacts:
    """The facts of each entry's video (entries without a video are skipped).

    The cache is ``cache_dir/probe.json`` (none when ``cache_dir`` is None). A file that cannot be
    probed gets VID001 with the reason. ``lang``: the progress bar's language.
    """
    facts = VideoFacts()
    # the kind names the facts kept: records made before colour and scan were probed are probed again
    cache = FileCache(cache_dir / "probe.json" if cache_dir else None, "probe-colour-scan")
    todo: list[EntryRecord] = []
    for entry in entries:
        if entry.video_path is None:
            continue
        cached = cache.get(entry.video_path)
        if cached is not None:
            facts.info[entry] = probe.VideoInfo.from_dict(cached)
        else:
            todo.append(entry)
    paths = [entry.video_path for entry in todo if entry.video_path is not None]
    outcomes = probe.probe_files(paths, probe=probe.probe_video, lang=lang)
    for entry, path, outcome in zip(todo, paths, outcomes):
        if isinstance(outcome, probe.VideoInfo):
            facts.info[entry] = outcome
            cache.put(path, outcome.to_dict())
        else:
            facts.findings.add(
                entry, [Problem("VID001", entry.location(("video",)), {"path": path.name, "detail": outcome})]
            )
    cache.save()
    facts.probes = len(todo)
    return facts
