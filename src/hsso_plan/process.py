"""Process policy, in one place: how the `hsso-plan` process starts, runs and ends.

- ``--version`` alone is answered before the CLI stack (typer, rich, pydantic) is imported;
- pydantic plugins are not looked for (`skip_pydantic_plugins`): hsso-plan uses none, and
  looking reads the metadata of every installed package;
- the cyclic garbage collector is off from the entry point's first line and stays off: one
  short batch run only allocates, and the collector would rescan the plan's millions of
  live objects, and the import of the CLI stack's thousands of classes and functions
  (see also `app.run`);
- no traceback ever reaches the user: usage errors exit 2, plan errors 1, bugs 3 with a
  one-line report, Ctrl-C 130, a closed pipe (``| head``) 0;
- the process leaves by ``os._exit`` after flushing: tearing down a 100,000-task plan object
  by object takes half a second and serves no purpose, and every file was already written
  (atomically, and synced) by then.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from types import ModuleType


def version_line() -> str:
    from . import __version__

    return f"hsso-plan {__version__}"


def answer_version(argv: list[str]) -> bool:
    """Print the version when ``argv`` asks for nothing else; True when it did."""
    if argv != ["--version"]:
        return False
    sys.stdout.write(version_line() + "\n")
    return True


def skip_pydantic_plugins() -> None:
    """Tell pydantic, before it is imported, not to look for plugins.

    pydantic finds its plugins through the ``pydantic`` entry-point group, which means
    opening the metadata of every package installed beside hsso-plan when the first model
    is built (typer does the same for its own adapters). hsso-plan uses no plugin. Small:
    5.6 M of 1,741 M instructions of a 5,000-task schedule (callgrind), plus the file
    system calls. A value the user set (``PYDANTIC_DISABLE_PLUGINS=`` to keep them all, or
    a list of names) is kept.

    With plugins off, pydantic's plugin loader is stood in for (`_no_plugins_loader`): it
    would answer "no plugins" too, but importing it imports `importlib.metadata` (and with
    it email, zipfile, csv and socket), 40 M instructions of every start.
    """
    import os

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in _PLUGINS_OFF and _LOADER not in sys.modules:
        sys.modules[_LOADER] = _no_plugins_loader()


_LOADER = "pydantic.plugin._loader"
#: The values of PYDANTIC_DISABLE_PLUGINS for which pydantic's loader finds no plugin.
_PLUGINS_OFF = ("__all__", "1", "true")


def _no_plugins_loader() -> ModuleType:
    """A stand-in for pydantic's plugin loader whose `get_plugins` gives what the loader's
    gives with plugins off (none); any other name asked of it loads the real loader."""
    import importlib
    from types import ModuleType

    stand_in = ModuleType(_LOADER, "hsso-plan's stand-in: plugins are off")

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> object:  # PEP 562: a name the stand-in does not have
        if name.startswith("__"):  # what the import system asks of any module (__path__)
            raise AttributeError(name)
        if sys.modules.get(_LOADER) is stand_in:
            del sys.modules[_LOADER]
        return getattr(importlib.import_module(_LOADER), name)

    stand_in.__dict__.update(get_plugins=get_plugins, __getattr__=real)
    return stand_in


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one batch run (library callers: tests, the
    benchmarks), restoring it afterwards; the CLI process keeps it off (see `run`)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run(main: Callable[[], object]) -> NoReturn:
    """Run ``main`` (the CLI) under the policy above and exit with its status."""
    gc.disable()
    code: int = 0
    try:
        main()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if isinstance(e.code, str):
            sys.stderr.write(e.code + "\n")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        code = 130
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        code = 0
    except Exception as e:  # a bug, not a plan problem: say so without a traceback
        sys.stderr.write(f"hsso-plan: internal error: {type(e).__name__}: {e}\n"
                         "This is a bug in hsso-plan; please report it with the plan file.\n")
        code = 3
    exit_fast(code)


def exit_fast(code: int) -> NoReturn:
    """Flush and leave without tearing down the heap."""
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or 1
    os._exit(code)
