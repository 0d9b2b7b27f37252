"""The command line's progress bar for the risk runs (`risk`, `report` with a risk section).

Part of the CLI layer: nothing below the CLI draws (the risk code only reports its share of
the work through the ``progress`` callback of `RenderOptions`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.progress import Progress, TaskID


class RiskBar:
    """The risk runs' progress bar (`rich.progress`) on stderr, passed down as the
    ``progress`` callback: drawn only once the runs have taken half a second (short runs
    show nothing) and gone before the output is written."""

    DELAY = 0.5

    def __init__(self, iterations: int) -> None:
        self.label = f"{iterations:,} runs"
        self.t0: float | None = None
        self.bar: Progress | None = None
        self.job: TaskID | None = None

    def __call__(self, share: float) -> None:
        import time

        if self.bar is None:
            now = time.monotonic()
            if self.t0 is None:
                self.t0 = now
            if now - self.t0 < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.job = self.bar.add_task(self.label, total=1.0)
        if self.job is not None:
            self.bar.update(self.job, completed=share)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def risk_bar(iterations: int) -> RiskBar | None:
    """A progress bar for the risk runs when stderr is a terminal; none when piped."""
    import sys

    return RiskBar(iterations) if sys.stderr.isatty() else None


def close_bar(progress: Callable[[float], None] | None) -> None:
    """Take the bar off the screen (if ``progress`` is one) before the output is written."""
    if isinstance(progress, RiskBar):
        progress.close()
