"""Writing a file so that a reader never sees half of it: written beside, then renamed over."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one rename.

    The parent folder is made if needed; on failure the temporary file is removed and
    ``target`` is left as it was. Raises what writing raises (``OSError``).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        tmp.replace(target)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_atomic(target: Path, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8) to ``target`` atomically; return ``target``."""
    with replacing(target) as tmp:
        if isinstance(content, str):
            tmp.write_text(content, encoding="utf-8")
        else:
            tmp.write_bytes(content)
    return target
