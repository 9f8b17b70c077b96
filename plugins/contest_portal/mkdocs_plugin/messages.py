"""MkDocs' own log lines, said in the run's language, the way a clerk acts on them.

MkDocs writes its warnings in English ("Doc file 'gioi-thieu.md' contains a link 'lien-he.md',
but the target is not found among documentation files."). The ones an office meets (a broken
link or picture in a hand-written page, a nav line naming a file that is not there, two files
for one page, a value of mkdocs.yml) are matched by their wording in MkDocs 1.6
(``mkdocs/structure/pages.py``, ``structure/nav.py``, ``commands/build.py``, ``config/base.py``)
and rewritten from the catalogue (``mkdocs.*`` keys), with the page's path from the folder of
mkdocs.yml ("site_src/gioi-thieu.md") and what to do. A line not known here keeps its English
text behind a localised "MkDocs:" tag, so the clerk knows where it comes from.

The rewrite is a ``logging.Filter`` on the handlers that print (the record's level is kept, so
``--strict`` counts warnings as before). ``install(lang, docs)`` is called by the command line
before mkdocs.yml is read and by the plugin when MkDocs loads it (plain ``mkdocs build``).
"""

from __future__ import annotations

import logging
import re

from contest_portal.core.i18n import Translator

_Q = r"'(?P<{}>[^']*)'"

#: (catalogue key, pattern) in the order tried; the named groups are the key's placeholders.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern, re.S))
    for key, pattern in (
        (
            "mkdocs.link_not_found",
            rf"Doc file {_Q.format('page')} contains a link {_Q.format('link')}, but the target(?: '[^']*')? is not "
            rf"found among documentation files\.(?: Did you mean {_Q.format('suggest')}\?)?$",
        ),
        (
            "mkdocs.link_unrecognized",
            rf"Doc file {_Q.format('page')} contains an unrecognized relative link {_Q.format('link')}, it was left as is"
            rf"\.(?: Did you mean {_Q.format('suggest')}\?)?$",
        ),
        (
            "mkdocs.link_absolute",
            rf"Doc file {_Q.format('page')} contains an absolute link {_Q.format('link')}, it was left as is"
            rf"\.(?: Did you mean {_Q.format('suggest')}\?)?$",
        ),
        (
            "mkdocs.anchor_missing",
            rf"Doc file {_Q.format('page')} contains a link {_Q.format('link')}, but (?:there is no such anchor on this "
            rf"page|the doc '[^']*' does not contain an anchor '#[^']*')\..*$",
        ),
        (
            "mkdocs.link_excluded",
            rf"Doc file {_Q.format('page')} contains a link to {_Q.format('link')} which is excluded from the built "
            r"site\.$",
        ),
        (
            "mkdocs.nav_not_found",
            rf"A reference to {_Q.format('link')} is included in the 'nav' configuration, which is not found in the "
            r"documentation files\.$",
        ),
        (
            "mkdocs.nav_not_found",
            rf"A reference to {_Q.format('link')} is included in the 'nav' configuration, but this file is excluded "
            r"from the built site\.$",
        ),
        (
            "mkdocs.not_in_nav",
            r"The following pages exist in the docs directory, but are not included in the \"nav\" configuration:"
            r"\n  - (?P<pages>.*)$",
        ),
        (
            "mkdocs.conflict",
            rf"Excluding {_Q.format('page')} from the site because it conflicts with {_Q.format('other')}\.$",
        ),
        ("mkdocs.config_value", rf"Config value {_Q.format('name')}: (?P<detail>.*)$"),
        ("mkdocs.page_unreadable", rf"Error reading page {_Q.format('page')}: (?P<detail>.*)$"),
        # a page MkDocs could not write (a full disk…): the SYS problem printed after it says what to do
        ("mkdocs.page_not_written", rf"Error building page {_Q.format('page')}: \[Errno \d+\] .*$"),
        ("mkdocs.encoding", r"Encoding error reading file: (?P<page>.*)$"),
    )
)

#: What MkDocs says of one value of mkdocs.yml (``config/config_options.py``), after the name of
#: the setting: (catalogue key, pattern).
DETAILS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern, re.S))
    for key, pattern in (
        ("mkdocs.detail.custom_dir", r"The path set in custom_dir \('(?P<path>[^']*)'\) does not exist\.$"),
        ("mkdocs.detail.no_file", rf"The path {_Q.format('path')} isn't an existing file\.$"),
        ("mkdocs.detail.no_folder", rf"The path {_Q.format('path')} isn't an existing directory\.$"),
        ("mkdocs.detail.unknown_name", r"Unrecognised configuration name: (?P<key>.*)$"),
        ("mkdocs.detail.choice", r"Expected one of: (?P<choices>.*) but received: (?P<value>.*)$"),
        ("mkdocs.detail.yes_no", r"Expected type: <class 'bool'> but received: <class '[a-z]+'>$"),
        ("mkdocs.detail.number", r"Expected type: <class '(?:int|float)'> but received: <class '[a-z]+'>$"),
        ("mkdocs.detail.text", r"Expected type: <class 'str'> but received: <class '[a-z]+'>$"),
        ("mkdocs.detail.list", r"Expected type: <class 'list'> but received: <class '[a-z]+'>$"),
        ("mkdocs.detail.list", r"Expected a list of items, but a <class '[a-z]+'> was given\.$"),
    )
)

#: The chain of names before MkDocs' detail of a plugin's option ("Plugin 'contest' option
#: 'identity': Sub-option 'logo': ...").
_CHAIN = re.compile(r"(?:Plugin '(?P<plugin>[^']*)' option '(?P<option>[^']*)'|Sub-option '(?P<sub>[^']*)'): ")

#: The logger of this plugin (under "mkdocs.plugins."), whose lines are the catalogue's already.
OWN = "mkdocs.plugins.contest_portal"

#: The placeholders that name a page of the docs folder (said with the folder: "site_src/x.md").
_PAGES = ("page", "other")


def recognise(message: str) -> tuple[str, dict[str, str]] | None:
    """The catalogue key of MkDocs' line ``message`` and the values of its placeholders (from
    ``PATTERNS``); None for a line not known here (said in English behind the tag)."""
    for key, pattern in PATTERNS:
        found = pattern.match(message)
        if found:
            return key, {name: value or "" for name, value in found.groupdict().items()}
    return None


def recognise_detail(detail: str) -> tuple[list[str], str, tuple[str, dict[str, str]] | None]:
    """MkDocs' detail of a refused value of mkdocs.yml: the names before it (plugin, option,
    sub-options), the detail itself, and its catalogue key and values (from ``DETAILS``; None when
    not known here)."""
    names: list[str] = []
    while found := _CHAIN.match(detail):
        names += [n for n in found.groups() if n]
        detail = detail[found.end() :]
    for key, pattern in DETAILS:
        said = pattern.match(detail)
        if said:
            return names, detail, (key, said.groupdict())
    return names, detail, None


class MkDocsMessages(logging.Filter):
    """Rewrites the records of the ``mkdocs`` loggers (its own and its plugins') in ``lang``;
    ``docs``: the docs folder as the office knows it ("site_src"), put before page paths. A line
    said already by this filter (the same page built again for the English sub-site) is dropped;
    ``install`` makes a new filter for each build, so a rebuild of ``serve`` says it again."""

    def __init__(self, lang: str, docs: str = "") -> None:
        super().__init__()
        self.t = Translator(lang)
        self.docs = docs.rstrip("/")
        self.said: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if (record.name == "mkdocs" or record.name.startswith("mkdocs.")) and not record.name.startswith(OWN):
            said = self.say(record.getMessage(), record.levelno)
            if said in self.said and said != record.msg:
                return False  # the same line for the same hand-written page, built again for another language
            self.said.add(said)
            record.msg, record.args = said, None
        return True

    def say(self, message: str, level: int = logging.WARNING) -> str:
        """``message`` (MkDocs' English) in the filter's language, with its severity word."""
        if message.startswith(self.t("mkdocs.tag")):
            return message  # said already (a record printed by two handlers)
        known = recognise(message)
        if known is not None:
            key, values = known
            for name in _PAGES:
                if values.get(name) and self.docs:
                    values[name] = f"{self.docs}/{values[name]}"
            if "pages" in values:
                values["pages"] = ", ".join(
                    f"{self.docs}/{p}" if self.docs else p for p in values["pages"].split("\n  - ")
                )
            if key == "mkdocs.config_value":
                values["name"], values["detail"] = self._setting(values["name"], values["detail"])
            text = self.t(key, **values)
            if values.get("suggest"):
                text += " " + self.t("mkdocs.suggest", suggest=values["suggest"])
            return f"{self.t('mkdocs.tag')} {self._severity(level)}: {text}"
        return f"{self.t('mkdocs.tag')} {self._severity(level)}: {message}"

    def _setting(self, name: str, detail: str) -> tuple[str, str]:
        """The setting as a path of names ("plugins → contest → identity → logo") and MkDocs'
        detail of it in the filter's language where it is one of ``DETAILS``."""
        chain, detail, known = recognise_detail(detail)
        if known is not None:
            detail = self.t(known[0], **known[1])
        return " → ".join([name, *chain]), detail

    def _severity(self, level: int) -> str:
        if level >= logging.ERROR:
            return self.t("problem.severity.error")
        if level >= logging.WARNING:
            return self.t("problem.severity.warning")
        return self.t("mkdocs.info")


def install(lang: str, docs: str = "") -> None:
    """Say MkDocs' lines in ``lang`` on every handler that prints them (the root logger's, as the
    command line sets it up, and the ``mkdocs`` logger's, as ``mkdocs build`` does); a filter put
    there before is replaced (the language may change between two builds of one process)."""
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        for handler in logger.handlers:
            for old in [f for f in handler.filters if isinstance(f, MkDocsMessages)]:
                handler.removeFilter(old)
            handler.addFilter(MkDocsMessages(lang, docs))
