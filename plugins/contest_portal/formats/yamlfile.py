"""Read one YAML file safely and remember where every value came from.

PyYAML's safe loader is used for scalars, but mappings and sequences are
built here so that:

* a key given twice is an error (PyYAML silently keeps the last value);
* every value's line and column are kept, keyed by its path
  (``("prizes", "tiers", 0, "amount")``), so schema errors can name the line;
* the raw text of every scalar is kept, so a type error can say what YAML 1.1
  did to it (``0912345678`` read as a number, ``no`` read as false,
  ``12:30`` read as 750).
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from contest_portal.core.errors import Location, Problem, Text

PathKey = tuple  # tuple[str | int, ...]

# libyaml's parser (about 5x faster) when PyYAML was built with it; the same safe constructors
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Scalar:
    """The source position and raw text of one scalar value."""

    line: int
    column: int
    raw: str
    quoted: bool


@dataclass
class YamlDocument:
    """A parsed YAML file: its data plus the position of every node."""

    path: Path
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)  # of keys, or list items
    scalars: dict[PathKey, Scalar] = field(default_factory=dict)

    def location(self, key: PathKey = (), **extra: Any) -> Location:
        """The location of the value at ``key`` (or of its closest parent), naming the field."""
        key = tuple(key)
        if key and "field" not in extra:
            extra["field"] = ".".join(str(k) if isinstance(k, str) else f"[{k + 1}]" for k in key).replace(".[", "[")
        while key and key not in self.positions:
            key = key[:-1]
        line, column = self.positions.get(key, (None, None))
        return Location(file=self.path, line=line, column=column, **extra)


class YamlError(Exception):
    """A problem that stops one file from being read at all."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def read_text(path: Path) -> str:
    """Read a text file as UTF-8 (with or without BOM), or raise YamlError."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(Problem("YAML005", Location(file=path), {"detail": exc.strerror or str(exc)}))
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        detail = f"byte 0x{raw[exc.start]:02x}"
        raise YamlError(Problem("YAML003", Location(file=path, line=line), {"detail": detail}))
    return text.replace("\r\n", "\n")


def load_yaml(path: Path) -> YamlDocument:
    """Parse ``path`` into a YamlDocument; raise YamlError on unreadable input."""
    text = read_text(path)
    private = path.name == "private.yml"
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        doc = YamlDocument(path=path, data=None)
        if node is not None:
            doc.data = _Builder(loader, doc).build(node, ())
        return doc
    except _BadValue as exc:
        values = {"raw": "…" if private else exc.raw, "detail": "" if private else exc.detail}
        raise YamlError(Problem("YAML006", Location(file=path, line=exc.line, column=exc.column), values))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or str(exc)
        if exc.context:
            detail = f"{detail} ({exc.context})"
        where = Location(file=path, line=mark.line + 1 if mark else None,
                         column=mark.column + 1 if mark else None)
        raise YamlError(Problem("YAML001", where, {"detail": detail}))
    except yaml.YAMLError as exc:  # e.g. ReaderError: a control character in the text
        line = None
        if isinstance(exc, yaml.reader.ReaderError):
            line = text[: exc.position].count("\n") + 1 if exc.position is not None else None
            detail = Text("problem.invalid_character", character=repr(exc.character))
        else:
            detail = str(exc)
        raise YamlError(Problem("YAML001", Location(file=path, line=line), {"detail": detail}))
    finally:
        if loader is not None:
            loader.dispose()


class _BadValue(Exception):
    """A scalar YAML could parse but not turn into a value (e.g. 2024-02-30, a 5,000-digit number)."""

    def __init__(self, node: yaml.Node, detail: str):
        super().__init__(detail)
        self.raw = node.value if isinstance(node.value, str) else ""
        self.raw = self.raw if len(self.raw) <= 40 else self.raw[:40] + "…"
        self.detail = detail
        self.line = node.start_mark.line + 1
        self.column = node.start_mark.column + 1


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Builder:
    """Turns a composed YAML node tree into Python values with positions."""

    def __init__(self, loader: yaml.SafeLoader, doc: YamlDocument):
        self.loader = loader
        self.doc = doc

    def build(self, node: yaml.Node, key: PathKey) -> Any:
        # a mapping value is located at its key (set by _mapping); others at their own start
        self.doc.positions.setdefault(key, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
            raise yaml.MarkedYAMLError(problem=f"unsupported tag {node.tag}", problem_mark=node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, key + (i,)) for i, child in enumerate(node.value)]
        value = self._construct(node)
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)  # text typed on macOS arrives decomposed (NFD)
        self.doc.scalars[key] = Scalar(
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            raw=node.value,
            quoted=node.style in ("'", '"'),
        )
        return value

    def _construct(self, node: yaml.Node):
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise
        except (ValueError, OverflowError, TypeError) as exc:  # impossible dates, giant numbers
            raise _BadValue(node, str(exc)) from None

    def _mapping(self, node: yaml.MappingNode, key: PathKey) -> dict:
        explicit = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
        self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<); merged pairs come first
        merged = len(node.value) - explicit
        result: dict = {}
        first_lines: dict = {}
        from_merge: set = set()
        for index, (key_node, value_node) in enumerate(node.value):
            name = self._construct(key_node)
            if not isinstance(name, (str, int, float, bool)) or name is None:
                raise yaml.MarkedYAMLError(problem="a key must be plain text",
                                           problem_mark=key_node.start_mark)
            if not isinstance(name, str):
                name = key_node.value  # keep e.g. `2024:` as the text the user typed
            name = unicodedata.normalize("NFC", name)
            if index < merged or name in from_merge:  # a key given here overrides a merged one
                if index < merged:
                    from_merge.add(name)
                else:
                    from_merge.discard(name)
                    result.pop(name, None)
            if name in result:
                raise YamlError(Problem(
                    "YAML002",
                    Location(file=self.doc.path, line=key_node.start_mark.line + 1,
                             column=key_node.start_mark.column + 1),
                    {"key": name, "first_line": first_lines[name]},
                ))
            first_lines[name] = key_node.start_mark.line + 1
            self.doc.positions[key + (name,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[name] = self.build(value_node, key + (name,))
        return result
