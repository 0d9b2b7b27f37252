"""What the TaskJuggler export mapped or left out, counted over the whole plan and worded
for the export's notes (the CLI prints them on stderr; docs/outputs.md says the same)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Counts:
    """What was mapped or left out, for the notes (counted over the whole plan)."""

    converted: int = 0  # FF/SF (or FS with a negative lag) written with an equal gap
    weak: int = 0  # links TaskJuggler cannot express exactly (anchored)
    unmet: int = 0  # links a fixed date does not meet (an error of the plan)
    levelled: int = 0
    started: int = 0  # tasks done or under way whose dependencies are comments
    pinned: int = 0  # tasks over a days_on day, fixed at their dates

    def sentences(self) -> list[str]:
        """One sentence per kind of link or task that was mapped or left out."""
        return [text.format(n=n) for n, text in (
            (self.converted, "{n} finish-to-finish, start-to-finish or negative-lag links "
                             "are written as TaskJuggler links from the predecessor's start or end "
                             "with the gap that gives the same dates (TaskJuggler has only those)"),
            (self.weak, "{n} links have no exact TaskJuggler form (across calendars, a "
                        "gap on a calendar other than the project's, or a gap before the "
                        "predecessor's start): each is written without its gap or not at all, "
                        "and a task whose start they set depends on an anchor milestone at its "
                        "scheduled start (comments in the file)"),
            (self.unmet, "{n} links into fixed dates are not met by the plan and are left "
                         "out (tj3 would refuse them): see the plan's errors"),
            (self.levelled, "{n} tasks moved by levelling depend on an anchor milestone at "
                            "their levelled start (TaskJuggler does not move tasks of fixed length "
                            "for resources)"),
            (self.started, "{n} tasks done or under way are fixed at their dates; their "
                           "own dependencies are comments (progress overrides logic)"),
            (self.pinned, "{n} tasks over a days_on day are fixed at their dates"),
        ) if n]
