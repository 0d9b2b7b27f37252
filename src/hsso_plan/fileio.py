"""Writing output: to stdout as rendered (`emit`), or to a file atomically for regular
files, directly for devices and FIFOs (`write_atomic`).

- a regular file (or a new one) is written to a hidden temporary file beside it, synced, then
  renamed over it: a crash mid-write leaves the old file intact;
- a symbolic link is followed on purpose: its target is written as above (the link stays a
  link);
- a character device (``/dev/null``, ``/dev/stdout``) or a FIFO is written directly: it is
  never replaced by a regular file;
- anything else (a folder, a socket, a block device) is refused.

A problem the user can fix (missing or read-only folder, disk full, not a file) raises
`OutputError` with a message; SIGTERM or SIGINT during a write removes the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType


class OutputError(OSError):
    """The output file cannot be written (a problem of the user's environment, not a bug)."""


def emit(data: str | bytes, path: Path | None) -> None:
    """``data`` to ``path`` (`write_atomic`), or to stdout when ``path`` is None.

    Stdout gets the bytes as rendered: an echo that strips escape sequences on a pipe would
    silently change JSON or CSV whose plan text holds them (each renderer escapes its own)."""
    if path is not None:
        write_atomic(path, data)
        return
    import sys

    sys.stdout.buffer.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    sys.stdout.flush()


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` as described in the module docstring."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target = _target(path)
        st = os.stat(target) if os.path.lexists(target) else None
        if st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            _write_direct(target, raw)
        elif st is not None and not stat.S_ISREG(st.st_mode):
            raise OutputError(f"cannot write {path}: it is not a file (a folder, socket or "
                              "block device)")
        else:
            _replace(target, raw)
    except OutputError:
        raise
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None


def _target(path: Path) -> Path:
    """``path``, or the file its symbolic link(s) point to."""
    if "\0" in str(path):
        raise OutputError(f"cannot write {path!r}: the path contains a NUL character")
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=False)
    except RuntimeError:
        raise OutputError(f"cannot write {path}: it is a symbolic link loop") from None


def _write_direct(path: Path, raw: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "wb") as f:
        f.write(raw)
        f.flush()


def _replace(path: Path, raw: bytes) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {path}: the folder {directory} does not exist")
    with _cleanup_on_signal() as pending:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        pending.append(tmp)
        try:
            # mkstemp makes the file private (0600); give it the mode a plain write would:
            # the existing file's, or the default for new files under the current umask.
            try:
                mode = path.stat().st_mode & 0o7777
            except OSError:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(tmp, mode)
            with os.fdopen(fd, "wb") as f:
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
            pending.clear()
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            pending.clear()
            raise


class _Interrupted(BaseException):
    """SIGTERM arrived during a write (raised so that the temporary file is removed)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _cleanup_on_signal() -> Iterator[list[str]]:
    """While writing, SIGTERM raises (cleaning up on the way out), then the process ends by
    the signal; SIGINT already raises KeyboardInterrupt, which cleans up the same way."""
    pending: list[str] = []

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise _Interrupted(signum)

    try:
        old = signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread: no handler, try/finally still cleans up
        yield pending
        return
    try:
        yield pending
    except _Interrupted as e:
        signal.signal(signal.SIGTERM, old)
        os.kill(os.getpid(), e.signum)
        raise SystemExit(128 + e.signum) from None
    finally:
        signal.signal(signal.SIGTERM, old)
