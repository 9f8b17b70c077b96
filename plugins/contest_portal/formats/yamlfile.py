"""Read one YAML file safely and remember where every value came from.

PyYAML's safe loader is used for scalars, but mappings and sequences are
built here so that:

* a key given twice is an error (PyYAML silently keeps the last value);
* every value's line and column are kept, keyed by its path
  (``("prizes", "tiers", 0, "amount")``), so schema errors can name the line;
* the raw text of every scalar is kept, so a type error can say what YAML 1.1
  did to it (``0912345678`` read as a number, ``no`` read as false,
  ``12:30`` read as 750).

The work a file can cause is bounded before any value is built: a file is at most
``MAX_YAML_BYTES``; while the node graph is composed, alias uses (``*name``), nesting depth and
the number of values once every alias is expanded are counted, and a file over a limit is
YAML007 (a "billion laughs" file of a few hundred bytes would otherwise expand to billions of
values). Nothing reported about a ``private.yml`` repeats its keys or values.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.composer import Composer

from contest_portal.core.errors import Location, Problem, Text
from contest_portal.core.files import MAX_YAML_BYTES, FileRefused, open_regular

#: where a value is in a document: mapping keys and (0-based) list indexes, from the top
PathKey = tuple[str | int, ...]

#: Limits of one YAML document: nesting levels (once aliases are expanded), alias uses, and values
#: (scalars, lists and mappings) once every alias is expanded. A real contest.yml has a few
#: thousand values, nested about six levels deep.
MAX_DEPTH = 50
MAX_ALIASES = 1_000
MAX_VALUES = 100_000


class _Limit(yaml.YAMLError):
    """A document over one of the limits; ``detail`` is a catalogue Text, ``mark`` where it was found."""

    def __init__(self, detail: Text, mark: yaml.Mark | None):
        super().__init__(detail.key)
        self.detail = detail
        self.mark = mark


class _LimitedComposer(Composer):
    """PyYAML's composer, counting as it goes (before any Python value is built).

    The node graph itself stays small (an alias is a second reference to its anchor's node);
    what is bounded is what building values from it would cost: every alias counts the values of
    the node it names, and its depth below the alias.
    """

    if TYPE_CHECKING:  # given by the parser the composer is mixed with

        def check_event(self, *choices: Any) -> bool: ...
        def peek_event(self) -> Any: ...

    def _start_limits(self) -> None:
        self.anchors = {}
        self._depth = 0
        self._aliases = 0
        self._values = 0
        self._heights = [0]  # per open node: the height of its highest child so far
        self._composed: dict[int, tuple[int, int]] = {}  # id(node) -> (values, height), once complete

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        mark = self.peek_event().start_mark
        if self.check_event(yaml.AliasEvent):
            node = super().compose_node(parent, index)  # the anchored node (or ComposerError: undefined)
            composed = self._composed.get(id(node))
            if composed is None:  # the alias is inside the node it names: a value without end
                raise _Limit(Text("problem.yaml_limit.recursive"), mark)
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Limit(Text("problem.yaml_limit.aliases", limit=MAX_ALIASES), mark)
            values, height = composed
            self._count(values, mark)
            if self._depth + height > MAX_DEPTH:
                raise _Limit(Text("problem.yaml_limit.depth", limit=MAX_DEPTH), mark)
            self._heights[-1] = max(self._heights[-1], height)
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Limit(Text("problem.yaml_limit.depth", limit=MAX_DEPTH), mark)
        before = self._values
        self._count(1, mark)
        self._heights.append(0)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
            height = self._heights.pop() + 1
        self._heights[-1] = max(self._heights[-1], height)
        self._composed[id(node)] = (self._values - before, height)
        return node

    def _count(self, values: int, mark: yaml.Mark | None) -> None:
        self._values += values
        if self._values > MAX_VALUES:
            raise _Limit(Text("problem.yaml_limit.nodes", limit=MAX_VALUES), mark)


# libyaml's parser (about 5x faster) when PyYAML was built with it; the same safe constructors.
# The composer is PyYAML's Python one on top of it, so that the limits apply while composing
# (libyaml's own composer recurses in C and crashes the interpreter on deeply nested input).
if TYPE_CHECKING:
    from contest_portal.formats.yamlcache import ParsedYamlCache

    _SafeBase = yaml.SafeLoader
    _PlainBase = yaml.BaseLoader
else:
    _SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    _PlainBase = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _Loader(_LimitedComposer, _SafeBase):
    def __init__(self, stream: str):
        _SafeBase.__init__(self, stream)
        self._start_limits()


class _PlainLoader(_LimitedComposer, _PlainBase):
    def __init__(self, stream: str):
        _PlainBase.__init__(self, stream)
        self._start_limits()


def load_plain(text: str) -> Any:
    """A small YAML document (a news post's front matter) with every scalar read as text.

    Returns dicts, lists and strings (None for an empty document). Raises ``yaml.YAMLError`` for
    bad syntax and for a document over the limits of this module (aliases, depth, values).
    """
    loader = _PlainLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


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


#: PyYAML's words for the syntax mistakes offices make, and what they mean (catalogue keys)
_SYNTAX = (
    ("mapping values are not allowed", "colon"),
    ("cannot start any token", "tab"),
    ("could not find expected ':'", "missing_colon"),
    ("expected ',' or '}'", "flow"),
    ("expected ',' or ']'", "flow"),
    ("found unexpected end of stream", "quote"),
    ("while scanning a quoted scalar", "quote"),
)


def _syntax_in_words(problem: str, context: str) -> Text | None:
    """The mistake behind a PyYAML syntax error, said as a clerk would fix it; None if unknown."""
    for words, key in _SYNTAX:
        if words in problem or words in context:
            return Text(f"problem.yaml_syntax.{key}")
    return None


class YamlError(Exception):
    """A problem that stops one file from being read at all."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def read_text(path: Path, root: Path | None = None, *, max_bytes: int = MAX_YAML_BYTES) -> str:
    """Read a text file as UTF-8 (with or without BOM), newlines as ``\n``; or raise YamlError.

    The file must be a regular file inside ``root`` (None: anywhere) of at most ``max_bytes``
    bytes (``core.files.open_regular``): FIL005, FIL006, FIL007; YAML005 unreadable, YAML003 not
    UTF-8.
    """
    try:
        raw = open_regular(path, root, max_bytes=max_bytes)
    except FileRefused as exc:
        raise YamlError(exc.problem) from None
    except OSError as exc:
        raise YamlError(Problem("YAML005", Location(file=path), {"detail": exc.strerror or str(exc)})) from None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        detail: str | Text = f"byte 0x{raw[exc.start]:02x}"
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's old "Unicode"
            line, detail = 1, Text("problem.utf16_file")
        raise YamlError(Problem("YAML003", Location(file=path, line=line), {"detail": detail})) from None
    return text.replace("\r\n", "\n")


def load_yaml(path: Path, root: Path | None = None, cache: ParsedYamlCache | None = None) -> YamlDocument:
    """Parse ``path`` into a YamlDocument; raise YamlError on unreadable input.

    ``root``: the folder the file must be inside (the entries folder; None: anywhere). Codes:
    YAML001 syntax, YAML002 a key twice, YAML003 not UTF-8, YAML005 unreadable, YAML006 a value
    that cannot be built, YAML007 over the limits (aliases, depth, values), FIL005-FIL007 not a
    regular file / a link leaving ``root`` / over ``MAX_YAML_BYTES``. For a private.yml, the
    problem names the line only, never a key or value of the file.  ``cache``: the documents
    parsed at the last run (``formats.yamlcache``): a file whose text is there is not parsed again.
    """
    text = read_text(path, root)
    if cache is not None and (kept := cache.get(text, path)) is not None:
        return kept
    private = path.name == "private.yml"
    hidden = Text("problem.private_detail_hidden")
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        doc = YamlDocument(path=path, data=None)
        if node is not None:
            doc.data = _Builder(loader, doc).build(node, ())
        if cache is not None:
            cache.put(text, doc)
        return doc
    except _BadValue as exc:
        values = {"raw": "…" if private else exc.raw, "detail": "" if private else exc.detail}
        raise YamlError(Problem("YAML006", Location(file=path, line=exc.line, column=exc.column), values)) from None
    except _Limit as exc:
        where = Location(
            file=path, line=exc.mark.line + 1 if exc.mark else None, column=exc.mark.column + 1 if exc.mark else None
        )
        raise YamlError(Problem("YAML007", where, {"detail": exc.detail})) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "maximum nesting depth" in (exc.problem or ""):  # libyaml's own bound (PyYAML 6.0.4 on): the same limit
            where = Location(file=path, line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)
            raise YamlError(
                Problem("YAML007", where, {"detail": Text("problem.yaml_limit.depth", limit=MAX_DEPTH)})
            ) from None
        in_words = _syntax_in_words(exc.problem or "", exc.context or "")
        detail: str | Text = in_words if in_words is not None else exc.problem or str(exc)
        if in_words is None and exc.context:
            detail = f"{detail} ({exc.context})"
        where = Location(file=path, line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)
        raise YamlError(Problem("YAML001", where, {"detail": hidden if private else detail})) from None
    except yaml.YAMLError as exc:  # e.g. ReaderError: a control character in the text
        line = None
        reason: str | Text
        if isinstance(exc, yaml.reader.ReaderError):
            line = text[: exc.position].count("\n") + 1 if exc.position is not None else None
            reason = Text("problem.invalid_character", character=repr(exc.character))
        else:
            reason = str(exc)
        raise YamlError(
            Problem("YAML001", Location(file=path, line=line), {"detail": hidden if private else reason})
        ) from None
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
            quoted=getattr(node, "style", None) in ("'", '"'),
        )
        return value

    def _construct(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise
        except (ValueError, OverflowError, TypeError) as exc:  # impossible dates, giant numbers
            raise _BadValue(node, str(exc)) from None

    def _mapping(self, node: yaml.MappingNode, key: PathKey) -> dict[str, Any]:
        explicit = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
        self.loader.flatten_mapping(node)  # resolves YAML merge keys (<<); merged pairs come first
        merged = len(node.value) - explicit
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        from_merge: set[str] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            name = self._construct(key_node)
            if not isinstance(name, (str, int, float, bool)) or name is None:
                raise yaml.MarkedYAMLError(problem="a key must be plain text", problem_mark=key_node.start_mark)
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
                raise YamlError(
                    Problem(
                        "YAML002",
                        Location(
                            file=self.doc.path, line=key_node.start_mark.line + 1, column=key_node.start_mark.column + 1
                        ),
                        {
                            "key": "…" if self.doc.path.name == "private.yml" else name,  # a key may be a phone number
                            "first_line": first_lines[name],
                            # `{amount: 5,000,000}`: the commas split the number into keys "000"
                            **(
                                {"separators": Text("problem.YAML002.separators")}
                                if node.flow_style and len(name) == 3 and name.isdigit()
                                else {}
                            ),
                        },
                    )
                )
            first_lines[name] = key_node.start_mark.line + 1
            self.doc.positions[key + (name,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[name] = self.build(value_node, key + (name,))
        return result
