#!/usr/bin/env python3
"""contest-portal's command line from a checkout: ``python build.py [command]``.

The same as the ``contest-portal`` command that ``pip install -e .`` installs
(``contest_portal/cli.py``); here ``mkdocs.yml`` defaults to the one beside this file, and it
works before the package is installed.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "plugins"))

from contest_portal.cli import *  # noqa: E402,F403  (the tests use this module as the command line)
from contest_portal.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent))
