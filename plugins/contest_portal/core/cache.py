"""A small JSON cache keyed by file identity (path, size, mtime, inode).

A damaged or foreign cache file is ignored (with a flag the caller can
report) and rebuilt; an entry is only trusted when the file's identity still
matches.  Writes are atomic (temporary file, then rename).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from contest_portal.core.atomic import write_atomic

CACHE_VERSION = 3  # 3: probes with rotation, pixel aspect, profile, frame-rate mode; upright posters


def file_identity(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class FileCache:
    """load / get / put / save of JSON values keyed by a file's identity."""

    def __init__(self, location: Path | None, kind: str):
        self.location = location
        self.kind = kind
        self.entries: dict[str, dict[str, Any]] = {}
        self.damaged = False
        self.dirty = False
        self.hits = 0
        self.misses = 0
        self._load()

    def _load(self) -> None:
        if self.location is None or not self.location.exists():
            return
        try:
            data = json.loads(self.location.read_text(encoding="utf-8"))
            if data.get("version") != CACHE_VERSION or data.get("kind") != self.kind:
                raise ValueError("other version")
            entries = data["entries"]
            if not isinstance(entries, dict):
                raise ValueError("bad entries")
            self.entries = entries
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.damaged = True
            self.entries = {}

    def get(self, path: Path) -> Any | None:
        record = self.entries.get(str(path))
        try:
            if record is not None and record.get("id") == file_identity(path):
                self.hits += 1
                return record.get("value")
        except (OSError, AttributeError):
            pass
        self.misses += 1
        return None

    def put(self, path: Path, value: Any) -> None:
        self.entries[str(path)] = {"id": file_identity(path), "value": value}
        self.dirty = True

    def save(self) -> None:
        if self.location is None or not self.dirty:
            return
        write_atomic(
            self.location,
            json.dumps({"version": CACHE_VERSION, "kind": self.kind, "entries": self.entries}, ensure_ascii=False),
        )
        self.dirty = False


def template_cache(cache_dir: Path | None, name: str):
    """Jinja's own bytecode cache for one environment (``name``), under ``cache_dir``.

    Compiling the theme's and the plugin's templates is a fixed cost of every build; with this
    cache a rebuild loads the compiled code instead.  Jinja checks each template's source
    checksum, so an edited template is compiled again.  One folder per environment, Jinja and
    Python version (compiled code is only valid for the settings it was made with).  None when
    the folder cannot be made, and nothing kept when it cannot be written: the build then
    compiles as usual.
    """
    import sys

    import jinja2
    from jinja2 import FileSystemBytecodeCache

    class BestEffortCache(FileSystemBytecodeCache):
        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass  # a read-only or full disk: the template was compiled and is used, just not kept

    if cache_dir is None:
        return None
    folder = cache_dir / "templates" / f"jinja-{jinja2.__version__}-py{sys.version_info[0]}{sys.version_info[1]}" / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return BestEffortCache(str(folder))
