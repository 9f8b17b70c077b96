"""The command line's output on any console: no command fails because of the console's encoding.

Python writes to a pipe or a file in the machine's code page: on a Vietnamese Windows office PC
that is cp1258 (or cp1252, cp437 on other installs), none of which has every Vietnamese letter
precomposed, and the default ``errors="strict"`` turns the first "ị" into a ``UnicodeEncodeError``
and a traceback.  ``readable_output`` re-configures ``sys.stdout`` and ``sys.stderr`` so that each
letter the code page lacks is written as near as the code page allows:

* decomposed (NFD) when the code page has the base letter and the marks, as cp1258 is meant to be
  used ("ị" → "i" + U+0323): the text stays Vietnamese;
* otherwise without its marks ("ị" → "i", "đ" → "d") or as an ASCII look-alike ("→" → "->");
* otherwise as ``\\uXXXX`` (backslashreplace), never lost silently.

A byte of a file name that is no UTF-8 is written as ``\\xNN``, also on a UTF-8 console.  JSON
is not text for a person: ``write_json`` writes UTF-8 bytes whatever the console's code page (RFC 8259 §8.1: JSON exchanged between systems is UTF-8).
"""

from __future__ import annotations

import codecs
import io
import itertools
import json
import os
import stat
import sys
import unicodedata
from typing import Any, TextIO

#: the prefix of the codec error handlers ``readable_errors`` registers, one per code page (a
#: charmap codec's UnicodeEncodeError names the codec "charmap", not the code page)
READABLE = "contest_portal_readable"

#: letters and signs NFD does not take apart, written as the nearest ASCII
LOOK_ALIKES = {
    "đ": "d",
    "Đ": "D",
    "→": "->",
    "←": "<-",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
    "…": "...",
    "•": "*",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "✓": "v",
    "✗": "x",
    "\u00a0": " ",
    "\u202f": " ",
}


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def nearest(char: str, encoding: str) -> str:
    """``char`` (one character ``encoding`` cannot write) as near as ``encoding`` can write it.

    A byte of a file name that was no UTF-8 (Python keeps it as a lone surrogate, PEP 383: a name
    copied from a Windows USB stick) is written as ``\\xNN``, in every encoding UTF-8 included.

    Tries, in order: its base letter composed with as many of its marks as ``encoding`` has
    precomposed, followed by the other marks when ``encoding`` has them as combining marks (cp1258:
    "ầ" → "â" + U+0300, "ệ" → "ê" + U+0323); the same without the marks it lacks ("ầ" → "â",
    "ị" → "i" in cp1252);
    a look-alike of ``LOOK_ALIKES``; ``\\uXXXX``.
    """
    if "\udc80" <= char <= "\udcff":
        return f"\\x{ord(char) - 0xDC00:02x}"
    parts = unicodedata.normalize("NFD", char)
    marks = parts[1:]
    ways = [
        (
            unicodedata.normalize("NFC", parts[0] + "".join(marks[i] for i in chosen)),
            "".join(mark for i, mark in enumerate(marks) if i not in chosen),
        )
        for size in range(len(marks), -1, -1)
        for chosen in itertools.combinations(range(len(marks)), size)
    ]
    for written in [head + rest for head, rest in ways] + [head for head, _ in ways]:  # marks kept, then dropped
        if written != char and _encodable(written, encoding):
            return written
    alike = LOOK_ALIKES.get(char)
    if alike is not None and _encodable(alike, encoding):
        return alike
    return char.encode("ascii", "backslashreplace").decode("ascii")


def readable_errors(encoding: str) -> str:
    """The name of a codec error handler (``errors=``) that writes in ``encoding`` each character
    it lacks as ``nearest`` (registered once per code page)."""
    name = f"{READABLE}-{codecs.lookup(encoding).name}"
    try:
        codecs.lookup_error(name)
    except LookupError:

        def handler(error: UnicodeError) -> tuple[str, int]:
            if not isinstance(error, UnicodeEncodeError):
                raise error
            span = error.object[error.start : error.end]
            return "".join(nearest(char, encoding) for char in span), error.end

        codecs.register_error(name, handler)
    return name


def readable_output(*streams: TextIO) -> None:
    """Make ``streams`` (default: sys.stdout and sys.stderr) write every text their code page can
    show as near as it can (``nearest``) instead of raising or writing ``\\uXXXX`` (Python's
    default for stderr), UTF-8 streams too (a file name's undecodable byte); a UTF-8 stream that
    writes such bytes back as they were (``surrogateescape``, Python's choice under the C locale)
    is left as it is."""
    for stream in streams or (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue
        if stream.errors == "surrogateescape" and codecs.lookup(stream.encoding).name == "utf-8":
            continue
        stream.reconfigure(errors=readable_errors(stream.encoding))


class _PipeReader:
    """``stream`` (the standard output, a pipe) that goes on when its reader stops reading
    (``contest-portal validate | head``): the rest of the output is dropped, the command finishes
    its work and gives its own exit status, without a BrokenPipeError traceback."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self.reader_left()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self.reader_left()

    def reader_left(self) -> None:
        """Write what is left, and Python's own last flush at exit, to the null device."""
        self._gone = True
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except OSError:
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _is_pipe(stream: TextIO) -> bool:
    try:
        return stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False


def survive_closed_pipe() -> None:
    """When the standard output is a pipe, let its reader stop early (``_PipeReader``)."""
    if not isinstance(sys.stdout, _PipeReader) and _is_pipe(sys.stdout):
        sys.stdout = _PipeReader(sys.stdout)


def write_json(data: Any, out: TextIO) -> None:
    """``data`` as indented JSON to ``out``: UTF-8 bytes to its byte buffer whatever its code page
    (a text-only ``out``, such as io.StringIO, gets the text).  A file name's undecodable byte
    (a lone surrogate) is written as the JSON escape ``\\udcNN``, which reads back as the same name."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        return
    out.flush()
    try:
        buffer.write(text.encode("utf-8", "backslashreplace"))
        buffer.flush()
    except BrokenPipeError:  # (`validate --format json | head`)
        if isinstance(out, _PipeReader):
            out.reader_left()
