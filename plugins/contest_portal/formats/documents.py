"""The office's signed documents (the plan, the rules, the award decision) as files in the contest folder.

``document.file``, ``rules_document.file`` and ``results.decision.file`` in contest.yml may name a
PDF (the signed, scanned document) or a DOCX in the contest's folder.  Before anything is
published, each is checked (``check_documents``): it exists inside the contest folder (DOC001),
is really what its name says, a PDF that pypdf can read or a Word document (DOC002), is at most
``MAX_BYTES`` (DOC003), and a PDF holds no JavaScript, launch or other automatic action (DOC004:
a PDF can run script in a reader; a scanned, signed document never needs one).

``published_copy`` writes the copy the site publishes, in the cache: a PDF rewritten by pypdf
without its document information and XMP metadata (author names, the scanner's or editor's
software), a DOCX without its core properties' author, last editor and comments.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from contest_portal.core.errors import Problem
from contest_portal.core.seals import Seals, owned
from contest_portal.model import ContestRecord, Findings, Portal

if TYPE_CHECKING:  # python-docx and pypdf are imported when a document is checked
    from docx.document import Document as DocxDocument
    from pypdf.generic import PdfObject

MAX_BYTES = 30_000_000
#: Dictionary keys and action types through which a PDF runs something by itself.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/OpenAction", "/Launch", "/EmbeddedFile", "/RichMedia"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition", "/GoToE"}
MAX_OBJECTS = 200_000  # a PDF walked further than this is refused, not walked for ever
SUFFIXES = (".pdf", ".docx")


class DocumentError(Exception):
    """A document that is not published: ``code`` (DOC002–DOC004) and ``detail``."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


def documents_of(contest: ContestRecord) -> Iterator[tuple[tuple[str, ...], str]]:
    """``(key path in contest.yml, file name as written)`` of every document file the contest names."""
    spec = contest.spec
    for key, document in (
        ("document", spec.document),
        ("rules_document", spec.rules_document),
        ("results", spec.results.decision),
    ):
        if document is not None and document.file:
            yield ((key, "decision", "file") if key == "results" else (key, "file")), document.file


def check_documents(portal: Portal) -> Findings:
    """Stage: every document file the contests name, checked (DOC001–DOC004 on the contest)."""
    found = Findings()
    for contest in portal.contests:
        for key, name in documents_of(contest):
            where = contest.location(key)
            path = resolve(contest, name)
            if path is None:
                found.add(contest, [Problem("DOC001", where, {"file": name})])
                continue
            try:
                check_file(path)
            except DocumentError as exc:
                found.add(
                    contest,
                    [Problem(exc.code, where, {"file": name, "detail": exc.detail, "limit": MAX_BYTES // 1_000_000})],
                )
    return found


def resolve(contest: ContestRecord, name: str) -> Path | None:
    """The file ``name`` in the contest's folder; None when it is not a file there (or leads out)."""
    folder = contest.folder.resolve()
    path = (folder / name).resolve()
    if folder not in path.parents or not path.is_file():
        return None
    return path


def check_file(path: Path) -> None:
    """Raise DocumentError unless ``path`` is a PDF or DOCX that may be published (see the module)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentError("DOC002", suffix or "?")
    if path.stat().st_size > MAX_BYTES:
        raise DocumentError("DOC003", f"{path.stat().st_size // 1_000_000} MB")
    if suffix == ".pdf":
        _check_pdf(path)
    else:
        _open_docx(path)


def _check_pdf(path: Path) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    with path.open("rb") as handle:
        if handle.read(5) != b"%PDF-":
            raise DocumentError("DOC002", "PDF")
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            raise DocumentError("DOC002", "encrypted")
        active = _active_content(reader.trailer)
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError, OSError) as exc:
        raise DocumentError("DOC002", str(exc)[:80] or type(exc).__name__) from exc
    if active:
        raise DocumentError("DOC004", active)
    if pages == 0:
        raise DocumentError("DOC002", "0 pages")


def _active_content(root: PdfObject) -> str | None:
    """The first key or action type through which the PDF would run something, or None.

    Walks every dictionary and array reachable from the trailer (indirect objects once each)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        item: PdfObject | None = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            if len(seen) > MAX_OBJECTS:
                return "too many objects"
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key in ACTIVE_KEYS:
                    return str(key)
                if key == "/S" and str(value) in ACTIVE_ACTIONS:
                    return str(value)
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def _open_docx(path: Path) -> DocxDocument:
    import zipfile

    try:
        from docx import Document

        return Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError("DOC002", "DOCX") from exc
    except Exception as exc:  # python-docx raises its own for a package that is not a document
        raise DocumentError("DOC002", type(exc).__name__) from exc


def published_copy(path: Path, target: Path) -> Path:
    """Write the copy of a checked document the site publishes (no author metadata); ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import NameObject

        writer = PdfWriter(clone_from=PdfReader(path, strict=False))
        writer.metadata = None
        writer._root_object.pop(NameObject("/Metadata"), None)  # the XMP packet
        with partial.open("wb") as handle:
            writer.write(handle)
    else:
        shutil.copyfile(path, partial)
        document = _open_docx(partial)
        properties = document.core_properties
        properties.author = properties.last_modified_by = properties.comments = ""
        document.save(str(partial))
    partial.replace(target)
    return target


def published_documents(portal: Portal, cache_dir: Path, seals: Seals | None = None) -> dict[tuple[str, str], Path]:
    """``{(contest slug, "document" | "rules_document" | "decision"): the copy to publish}`` for every
    document file the check stage passed (no DOC problem on its field: not read again here),
    written under ``cache_dir/documents/`` (made again when the source changes: the copy's name
    holds the source's size and modification time, and a copy that no longer matches its seal in
    ``seals``, core/seals.py, is made again)."""
    with owned(seals, cache_dir) as seals:
        return _published_documents(portal, cache_dir, seals)


def _published_documents(portal: Portal, cache_dir: Path, seals: Seals) -> dict[tuple[str, str], Path]:
    copies: dict[tuple[str, str], Path] = {}
    for contest in portal.contests:
        refused = {p.where.field for p in contest.problems if p.code.startswith("DOC")}
        for key, name in documents_of(contest):
            path = resolve(contest, name)
            if path is None or contest.location(key).field in refused:
                continue
            st = path.stat()
            target = cache_dir / "documents" / contest.slug / f"{st.st_size:x}-{st.st_mtime_ns:x}" / path.name
            if not seals.check(target):
                try:
                    published_copy(path, target)
                except Exception:  # checked before; a failure here leaves the link out, never the build
                    continue
                seals.seal(target)
            copies[(contest.slug, "decision" if key[0] == "results" else key[0])] = target
    return copies
