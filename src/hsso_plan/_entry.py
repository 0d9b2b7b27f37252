"""The console-script entry point: ``--version`` first, then the CLI (see `process`)."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    gc.disable()  # from the first import on (`process.run` keeps it off; see `process`)
    from .process import answer_version, skip_pydantic_plugins

    if answer_version(sys.argv[1:]):
        return
    skip_pydantic_plugins()
    from .cli import main as cli_main

    cli_main()
