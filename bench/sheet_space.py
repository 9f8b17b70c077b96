#!/usr/bin/env python3
"""A long run of the register channel's generated test: many drawn registers instead of CI's few.

    python3 bench/sheet_space.py            500 registers (SHEET_SPACE_EXAMPLES)
    python3 bench/sheet_space.py 2000       as many as asked

Each drawn register (format, encoding, separator, sheet position, title rows, column order,
closing rows, cell types, mangled numbers, unknown header, typed paths: tests/test_sheet_space.py)
is imported and the channel's invariant checked; a failure prints the smallest register found.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    examples = sys.argv[1] if len(sys.argv) > 1 else "500"
    env = {
        **os.environ,
        "SHEET_SPACE_EXAMPLES": examples,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "plugins"), os.environ.get("PYTHONPATH")])),
    }
    sys.exit(
        subprocess.call(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:warnings",
                str(ROOT / "tests" / "test_sheet_space.py"),
                "-k",
                "every_drawn_register",
            ],
            cwd=ROOT,
            env=env,
        )
    )
