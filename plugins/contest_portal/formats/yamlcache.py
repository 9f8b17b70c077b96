"""The parsed YAML files of the last run, kept so that an unchanged file is not parsed again.

A portal of 5,000 entries reads 5,000 entry.yml files at every build; composing and building
each one with its positions (``yamlfile``) is most of the cost of reading the data, and nearly
every file is the same as at the last build.  So each parsed document is kept in
``yaml.json`` in the cache folder, keyed by the SHA-1 of the file's text: a file whose text did
not change is read (and checked as a regular file of bounded size, as always) but not parsed.
The key is the text itself, not the file's modification time, so a file edited and restored,
copied from elsewhere or touched is never mistaken.

Kept as JSON, never as pickle (a cache file must not be able to run code): a document whose
values JSON cannot say exactly (``!!binary``, ``!!set``, keys that are not text) is simply
parsed every time.  Dates and times are tagged.  Documents that failed to parse are not kept
(their errors are worked out again), and neither is any ``private.yml``: personal data is
written nowhere but where the office put it.  A damaged or foreign cache file is ignored and
rebuilt; only the documents used by the last run are kept.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from contest_portal.core.atomic import write_atomic
from contest_portal.formats.yamlfile import Scalar, YamlDocument

#: the cache's file, in the cache folder
CACHE_FILE = "yaml.json"
#: the cache's format, and the parser whose results it holds: another PyYAML may read otherwise
VERSION = f"1-pyyaml-{yaml.__version__}"
_DATE, _TIME = "\x00date", "\x00datetime"  # tags of a date and a datetime (a YAML key cannot hold \x00 unquoted)


class _NotKept(Exception):
    """A value JSON cannot say exactly: the document is parsed at every run."""


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) and not key.startswith("\x00") for key in value):
            raise _NotKept
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, datetime.datetime):
        return {_TIME: value.isoformat()}
    if isinstance(value, datetime.date):
        return {_DATE: value.isoformat()}
    raise _NotKept


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        if len(value) == 1:
            if _DATE in value:
                return datetime.date.fromisoformat(value[_DATE])
            if _TIME in value:
                return datetime.datetime.fromisoformat(value[_TIME])
        return {key: _decode(item) for key, item in value.items()}
    return value


class ParsedYamlCache:
    """get / put / save of parsed YamlDocuments by their text; ``location`` None keeps nothing.

    ``hits`` and ``misses`` count the documents found and not found (for bench/ and tests).
    """

    def __init__(self, location: Path | None):
        self.location = location
        self._kept: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0
        if location is not None and location.is_file():
            try:
                data = json.loads(location.read_text(encoding="utf-8"))
                if (
                    isinstance(data, dict)
                    and data.get("version") == VERSION
                    and isinstance(data.get("documents"), dict)
                ):
                    self._kept = data["documents"]
            except (OSError, ValueError):
                pass  # damaged: parsed again, and written anew

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def get(self, text: str, path: Path) -> YamlDocument | None:
        """The document parsed from ``text`` at an earlier run, as read from ``path``; None if not kept."""
        if self.location is None or path.name == "private.yml":
            return None
        key = self._key(text)
        record = self._kept.get(key)
        if not isinstance(record, dict):
            self.misses += 1
            return None
        try:
            doc = YamlDocument(
                path=path,
                data=_decode(record["data"]),
                positions={tuple(k): (line, column) for k, line, column in record["positions"]},
                scalars={
                    tuple(k): Scalar(line, column, raw, quoted) for k, line, column, raw, quoted in record["scalars"]
                },
            )
        except (TypeError, KeyError, ValueError):  # a damaged record: parsed again
            self.misses += 1
            return None
        self._used[key] = record
        self.hits += 1
        return doc

    def put(self, text: str, doc: YamlDocument) -> None:
        """Keep ``doc``, parsed from ``text`` (not a private.yml, not a value JSON cannot say)."""
        if self.location is None or doc.path.name == "private.yml":
            return
        try:
            record = {
                "data": _encode(doc.data),
                "positions": [[list(k), line, column] for k, (line, column) in doc.positions.items()],
                "scalars": [[list(k), s.line, s.column, s.raw, s.quoted] for k, s in doc.scalars.items()],
            }
        except _NotKept:
            return
        self._used[self._key(text)] = record

    def save(self) -> None:
        """Write the documents used by this run, when they differ from the file's (best effort:
        a read-only cache folder only costs the next run its parsing)."""
        if self.location is None or self._used.keys() == self._kept.keys():
            return
        try:
            write_atomic(
                self.location,
                json.dumps({"version": VERSION, "documents": self._used}, ensure_ascii=False, separators=(",", ":")),
            )
        except OSError:
            pass
