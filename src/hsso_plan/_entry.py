"""The console-script entry point: ``--version`` first, then the CLI (see `process`)."""

from __future__ import annotations

import sys


def main() -> None:
    from .process import answer_version

    if answer_version(sys.argv[1:]):
        return
    from .cli import main as cli_main

    cli_main()
