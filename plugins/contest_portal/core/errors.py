"""Problems found in contest data: one dataclass and the table of stable codes.

Every problem the tool reports is data: a stable code, a severity, where it is
and the values that fill the code's message and hint.  The severities are the
table below; the texts are the catalogue's ``problem.<CODE>.message`` and
``problem.<CODE>.hint`` (``locales/<lang>/problems.yml``), so the page that lists
every code is generated from the same data and cannot drift.  Values may be
``Text``: they are rendered in the reader's language with the message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from contest_portal.core.i18n import LANGUAGES, Text, Translator, catalog

__all__ = ["CODES", "SEVERITIES", "CodeInfo", "Location", "Problem", "ProblemList", "Severity", "Text"]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class CodeInfo:
    """The fixed description of one problem code: its severity; the texts come from the catalogue."""

    code: str
    severity: Severity

    @property
    def message(self) -> dict[str, str]:
        """The message in each language, placeholders unfilled (for the error-code page)."""
        return {lang: catalog(lang)[f"problem.{self.code}.message"] for lang in LANGUAGES}

    @property
    def hint(self) -> dict[str, str]:
        return {lang: catalog(lang)[f"problem.{self.code}.hint"] for lang in LANGUAGES}


E, W = Severity.ERROR, Severity.WARNING

#: Every problem code and its severity, in the order of the error-code page.  The message and
#: hint of a code are the catalogue's ``problem.<CODE>.message`` and ``problem.<CODE>.hint``.
SEVERITIES: dict[str, Severity] = {
    # YAML reading
    "YAML001": E,
    "YAML002": E,
    "YAML003": E,
    "YAML004": E,
    "YAML005": E,
    "YAML006": E,
    "YAML007": E,
    # schema
    "SCH001": E,
    "SCH002": E,
    "SCH003": E,
    "SCH004": E,
    "SCH005": E,
    "SCH006": E,
    # contest folder structure
    "CON001": E,
    "CON002": E,
    "CON003": E,
    "CON004": E,
    "CON005": E,
    "CON007": E,
    "CON008": E,
    "CON009": W,
    "CON010": E,
    "CON011": E,
    "CON012": E,
    "CON006": E,
    "CON013": E,
    "CON014": W,
    "CON015": E,
    "CON016": E,
    # entries
    "ENT001": E,
    "ENT002": E,
    "ENT003": E,
    "ENT004": E,
    "ENT005": E,
    "ENT006": E,
    # files
    "FIL001": E,
    "FIL002": E,
    "FIL003": E,
    "FIL004": E,
    "FIL005": E,
    "FIL006": E,
    "FIL007": E,
    # media
    "VID001": E,
    "VID002": E,
    "VID003": E,
    "VID004": E,
    "VID005": E,
    "VID006": W,
    "VID007": E,
    "VID008": E,
    "VID009": E,
    "VID010": E,
    "VID011": E,
    "VID012": W,
    "VID013": W,
    "VID014": E,
    "VID015": W,
    "VID016": W,
    "VID017": E,
    "VID018": E,
    "VID019": W,
    "VID020": W,
    "VID021": E,
    "VID022": W,
    "VID023": W,
    "VID024": W,
    "VID025": W,
    "VID026": W,
    "VID043": W,
    "DOC001": E,
    "DOC002": E,
    "DOC003": E,
    "DOC004": E,
    "IMG001": W,
    "IMG002": E,
    # contest rules
    "ELG001": E,
    "ENT007": E,
    "ENT008": W,
    "QUO001": E,
    "QUO004": W,
    "QUO002": E,
    "QUO003": W,
    "TIM001": E,
    "TIM002": W,
    "TIM003": W,
    "PRV001": W,
    "PRV002": W,
    "PRV003": E,
    "PRV004": E,
    "DUP001": E,
    # judging and results
    "JUR001": E,
    "JUR002": E,
    "JUR003": E,
    "JUR004": E,
    "JUR005": E,
    "JUR006": W,
    "JUR007": E,
    "JUR008": E,
    "JUR009": W,
    "JUR010": E,
    "JUR011": E,
    "JUR012": E,
    "RES001": E,
    "RES002": W,
    "RES003": E,
    "RES004": E,
    "RES005": E,
    "RES006": W,
    "RES007": E,
    "RES008": E,
    "RES009": E,
    "RES010": W,
    "RES011": E,
    "RES012": W,
    "RES013": W,
    "RES014": W,
    # the public vote (formats/votes.py)
    "VOT001": E,
    "VOT002": E,
    "VOT003": E,
    "VOT004": E,
    "VOT005": W,
    "VOT006": W,
    "VOT007": W,
    "VOT008": W,
    "VOT009": E,
    "VOT010": E,
    "VOT011": W,
    "VOT012": E,
    "VOT013": E,
    "VOT014": E,
    "VOT015": W,
    "VOT016": W,
    # organizer workflow
    "REG001": E,
    "REG002": E,
    "REG003": E,
    "REG004": E,
    "REG005": E,
    "REG006": E,
    "REG007": E,
    "REG008": E,
    "REG009": E,
    "REG010": W,
    "REG011": E,
    "REG012": W,
    "REG013": W,
    "INT001": W,
    "INT002": E,
    "INT003": E,
    "INT004": E,
    # the papers the office signs (office/papers)
    "PAP001": E,
    "PAP002": W,
    "PAP003": E,
    "PAP004": W,
    # spreadsheets (every table read: register, score sheets, votes, quiz)
    "TAB001": W,
    "TAB002": E,
    "TAB003": E,
    "TAB004": W,
    "TAB005": W,
    # site
    "SIT001": E,
    "SIT002": E,
    "SIT003": E,
    "SIT004": E,
    "SIT005": W,
    "SIT006": E,
    "NEW001": E,
    "NEW002": E,
    "NEW003": E,
    # failures of the machine, not of the data (core/machine.py; exit code 4)
    "SYS001": E,
    "SYS002": E,
    "SYS003": E,
    "SYS004": E,
    # the preview server (serve)
    "SRV001": E,
    "SRV002": E,
    # the office's plan read into a contest.yml (new-contest --from-plan)
    "PLN001": E,
    "PLN002": E,
    "PLN003": E,
    "PLN004": E,
    "PLN005": E,
    "PLN006": E,
    "PLN007": E,
    "PLN008": E,
    # the build's cache
    "CAC001": W,
}

CODES: dict[str, CodeInfo] = {code: CodeInfo(code, severity) for code, severity in SEVERITIES.items()}


@dataclass(frozen=True)
class Location:
    """Where a problem is: file (and line/column when known), contest and entry."""

    file: Path | None = None
    line: int | None = None
    column: int | None = None
    contest: str | None = None
    entry: str | None = None
    field: str | None = None

    def relative_file(self, root: Path | None) -> Path | None:
        """The file relative to ``root`` when it is below it (else as it is); None without a file.

        The folder is resolved, not the file: a link is named as itself, not by where it leads,
        so the clerk finds the file the problem is about.
        """
        if self.file is None or root is None:
            return self.file
        try:
            return (self.file.parent.resolve() / self.file.name).relative_to(root.resolve())
        except ValueError:
            return self.file

    def describe(self, root: Path | None = None) -> str:
        path = self.relative_file(root)
        text = (self.contest or "") if path is None else str(path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Problem:
    """One finding: a code from ``CODES``, where it is, and its message values."""

    code: str
    where: Location = field(default_factory=Location)
    values: dict[str, Any] = field(default_factory=dict)
    severity_override: Severity | None = None  # e.g. judging problems before results are published
    confidential: bool = False  # judging details before the results are published: private report only

    @property
    def info(self) -> CodeInfo:
        return CODES[self.code]

    @property
    def severity(self) -> Severity:
        return self.severity_override or self.info.severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str = "vi") -> str:
        return Translator(lang).fill(f"problem.{self.code}.message", self.values)

    def hint(self, lang: str = "vi") -> str:
        return Translator(lang).fill(f"problem.{self.code}.hint", self.values)

    def format(self, lang: str = "vi", root: Path | None = None, reference: str | None = None) -> str:
        """One human-readable block: where, code, message, how to fix it and where the code is explained.

        ``reference``: the address of the error-code page (ends with '#' + code).
        """
        t = Translator(lang)
        label = t(f"problem.severity.{self.severity.value}")
        fix = t("problem.how_to_fix")
        where = self.where.describe(root)
        head = f"{where}: " if where else ""
        hint = self.hint(lang).replace("\n", "\n        ")  # an example over several lines stays under its heading
        text = f"{head}{label} {self.code}: {self.message(lang)}\n    {fix}: {hint}"
        if reference:
            more = t("problem.about_code")
            text += f"\n    {more}: {reference}#{self.code}"
        return text


class ProblemList(list[Problem]):
    """A list of problems with helpers to ask about errors."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if not p.is_error]

    def report(self, lang: str = "vi", root: Path | None = None, reference: str | None = None) -> str:
        return "\n".join(p.format(lang, root, reference) for p in self)
