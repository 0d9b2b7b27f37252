"""The console-script entry point: answers ``--version`` before importing the CLI stack."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"hsso-plan {__version__}\n")
        return
    from .cli import main as cli_main

    cli_main()
