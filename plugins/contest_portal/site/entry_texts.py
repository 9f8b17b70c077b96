"""An entry's inline texts (article, explanatory text), read when its page is rendered.

A ``.md`` or ``.txt`` article is shown in the entry page (through the sanitizer) instead of
being published as a file of its own.  Planning only names the files; the text is read the
first time a template asks for it, so planning opens no file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from contest_portal.core.files import FileRefused, read_entry_text


def read_inline_text(path: Path) -> str:
    """The file's text (``core.files.read_entry_text``: a regular file inside its entry folder of at
    most ``MAX_TEXT_BYTES``, UTF-8, an undecodable byte as U+FFFD). The reading stage has refused the
    entry if the file was not such a file; "" if it has since changed into one that cannot be read."""
    try:
        return read_entry_text(path)
    except (FileRefused, OSError):
        return ""


class EntryTexts(Mapping[str, "str | None"]):
    """key ("article", "explanatory_text") → the file's text, or None when the entry has none inline.

    Each file is read once, on first access.
    """

    def __init__(self, paths: dict[str, Path | None]):
        self._paths = paths
        self._texts: dict[str, str | None] = {}

    def __getitem__(self, key: str) -> str | None:
        if key not in self._texts:
            path = self._paths[key]
            self._texts[key] = read_inline_text(path) if path is not None else None
        return self._texts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)
