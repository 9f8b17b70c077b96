"""Editing the office's YAML files in place: what a command changes is changed, the rest is kept.

``import-register`` and ``intake`` write into ``entry.yml`` and ``private.yml``, files an office
also edits by hand. They are loaded and dumped round trip with ruamel.yaml (comments, key order
and the quoting of untouched values are kept; PyYAML would drop every comment), and written only
when their text changes.
"""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from contest_portal.core.atomic import write_atomic

SCHEMA_COMMENT = "# yaml-language-server: $schema="


def _yaml() -> YAML:
    handler = YAML()  # round trip; loads plain data only (no Python objects)
    handler.width = 100
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.allow_unicode = True
    return handler


def load_document(path: Path) -> CommentedMap | None:
    """The round-trip mapping of ``path`` (empty when there is no file); None when the file cannot
    be read or is not a mapping (the caller reports it and leaves the file alone)."""
    if not path.is_file():
        return CommentedMap()
    try:
        data = _yaml().load(path.read_text(encoding="utf-8"))
    # a blind except on purpose: beside its YAMLError, ruamel.yaml 0.18 raises ValueError (2024-13-45),
    # RecursionError (deep nesting), and AttributeError or IndexError on some damaged texts (found by
    # fuzzing it); any of them means a file the office must fix by hand (REG008), never a traceback
    except Exception:  # noqa: BLE001
        return None
    if data is None:
        return CommentedMap()
    return data if isinstance(data, CommentedMap) else None


def write_document(path: Path, data: CommentedMap, schema: str, comment: str = "") -> bool:
    """Write ``data`` to ``path`` (atomically) when its text differs; True if the file changed.

    A new file starts with the editor's schema line (``schema``: the JSON Schema's relative path)
    and ``comment``; a file that had them keeps its own.
    """
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    body = buffer.getvalue()
    text = body if body.startswith(SCHEMA_COMMENT) else f"{SCHEMA_COMMENT}{schema}\n{comment}" + body
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text)
    return True
