"""Records the code of every ``Problem`` made while the tests run, in the tests' process and in every
Python process they start (the command line in a subprocess, the workers of a process pool).

The test session (tests/conftest.py) names a record file in ``CONTEST_PORTAL_TEST_CODES`` and puts
this folder first on ``PYTHONPATH``: Python imports ``sitecustomize`` at the start of every process,
and this one wraps ``Problem.__init__`` when ``contest_portal.core.errors`` is imported, appending
each code the process makes for the first time as a line of the file (short appends: whole lines
from any number of processes).  The production code knows nothing of it.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from typing import Any

RECORD_ENV = "CONTEST_PORTAL_TEST_CODES"
ERRORS_MODULE = "contest_portal.core.errors"


def record_problems(problem_class: Any, record: str) -> None:
    """Wrap ``problem_class.__init__`` so that every code made is appended to the file ``record``."""
    if getattr(problem_class.__init__, "_records", None):
        return
    made: set[str] = set()
    original = problem_class.__init__

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if self.code not in made:
            made.add(self.code)
            try:
                with open(record, "a", encoding="utf-8") as out:
                    out.write(self.code + "\n")
            except OSError:  # (the record never fails a test: the comparison at the end will say it)
                pass

    __init__._records = True  # type: ignore[attr-defined]
    problem_class.__init__ = __init__


class _WhenErrorsImported(importlib.abc.MetaPathFinder):
    """Finds nothing itself: lets the normal finders load the errors module, then wraps its Problem."""

    def __init__(self, record: str) -> None:
        self.record = record

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != ERRORS_MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader, record = spec.loader, self.record
        run = loader.exec_module

        def exec_module(module: Any) -> None:
            run(module)
            record_problems(module.Problem, record)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _run_the_shadowed_sitecustomize() -> None:
    """This module hides any other ``sitecustomize`` (a distribution's Python may have one): run it."""
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.machinery.PathFinder.find_spec(
        "sitecustomize", [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    )
    if spec is not None and spec.loader is not None:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)


if __name__ == "sitecustomize":  # (at a process's start; the test session imports it as a module)
    if os.environ.get(RECORD_ENV):
        sys.meta_path.insert(0, _WhenErrorsImported(os.environ[RECORD_ENV]))
    _run_the_shadowed_sitecustomize()
