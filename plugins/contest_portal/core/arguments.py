"""An argparse parser that says argparse's own words (usage, section titles, errors) in the run's
language, from the catalogue's ``cli.argparse.*`` strings, without touching the argparse module.

argparse takes those words from its module's gettext function ``_``; this parser replaces each one
where argparse lets a subclass choose it: the usage prefix (``HelpFormatter.add_usage``'s
``prefix``), the sections' titles, its own ``--help`` (``add_help=False``), and the errors, which
it raises with its own message (``_check_value``, ``_match_argument``) and words itself
(``exit_on_error=False``: argparse hands the error back instead of printing it). The catalogue's
strings are argparse's own, %-style placeholders included (Python 3.11's ``argparse``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

#: Says one of argparse's words: its catalogue key after ``cli.argparse.`` → the text.
Words = Callable[[str], str]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """The help as written (RawDescription), its "usage: " in the run's language."""

    def __init__(self, prog: str, *, usage_prefix: str) -> None:
        super().__init__(prog)
        self._usage_prefix = usage_prefix

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, self._usage_prefix if prefix is None else prefix)


class LocalisedParser(argparse.ArgumentParser):
    """argparse.ArgumentParser saying its own words through ``words`` (``cli.argparse.<key>``);
    errors end the run with status 2 after the usage, as argparse's do."""

    def __init__(self, words: Words, **kwargs: Any) -> None:
        prefix = words("usage")
        super().__init__(
            formatter_class=lambda prog: _Formatter(prog, usage_prefix=prefix),
            add_help=False,
            exit_on_error=False,
            **kwargs,
        )
        self._words = words
        self._positionals.title = words("positional")
        self._optionals.title = words("options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=words("help"))

    def parse_args(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        namespace: argparse.Namespace | None = None,
    ) -> argparse.Namespace:
        try:
            parsed, rest = self.parse_known_args(args, namespace)
        except argparse.ArgumentError as exc:
            self.error(self._words("argument") % {"argument_name": exc.argument_name, "message": exc.message})
        if rest:
            self.error(self._words("unrecognized") % " ".join(rest))
        return parsed

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, self._words("error") % {"prog": self.prog, "message": message})

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(repr, action.choices))
            raise argparse.ArgumentError(action, self._words("invalid_choice") % {"value": value, "choices": choices})

    def _match_argument(self, action: argparse.Action, arg_strings_pattern: str) -> int:
        try:
            return super()._match_argument(action, arg_strings_pattern)
        except argparse.ArgumentError:
            if action.nargs is None:  # (the only count this command line's options take)
                raise argparse.ArgumentError(action, self._words("one_argument")) from None
            raise
