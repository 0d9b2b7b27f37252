"""Run by tests/test_mpxj.py in its own process (a JVM starts once per process): read each
MS Project XML file given and print, as JSON, per file the project's status date and, per
task plan id (from its notes), what MPXJ read (actual start and finish, percent complete,
remaining duration, Baseline 0 start, finish and duration) and the start and finish that
MPXJ's MicrosoftScheduler computed. With ``--rewrite IN OUT``: read IN and write it again
as MS Project XML with MPXJ's writer."""

from __future__ import annotations

import json
import sys
from typing import Any

import jpype  # type: ignore[import-not-found,import-untyped,unused-ignore]
import jpype.imports  # type: ignore[import-not-found,import-untyped,unused-ignore]
import mpxj  # type: ignore[import-not-found,import-untyped,unused-ignore]  # noqa: F401

NOTE = "hsso-plan id: "


def _plan_id(notes: str) -> str:
    """The plan id in a task's notes (their first line; a progress note may follow)."""
    return notes[len(NOTE):].split("\n", 1)[0].strip()


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _days(duration: Any) -> float | None:
    """A duration MPXJ read, in 8-hour days."""
    if duration is None:
        return None
    from org.mpxj import TimeUnit  # type: ignore[import-not-found,import-untyped,unused-ignore]

    return float(duration.convertUnits(duration.getDuration(), duration.getUnits(),
                                       TimeUnit.DAYS, 480.0, 2400.0, 20.0).getDuration())


def main() -> None:
    jpype.startJVM()
    from org.mpxj.cpm import MicrosoftScheduler  # type: ignore[import-not-found,import-untyped,unused-ignore]
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found,import-untyped,unused-ignore]

    if sys.argv[1] == "--rewrite":
        from org.mpxj.mspdi import MSPDIWriter  # type: ignore[import-not-found,import-untyped,unused-ignore]

        MSPDIWriter().write(UniversalProjectReader().read(sys.argv[2]), sys.argv[3])
        return
    out: dict[str, Any] = {}
    for path in sys.argv[1:]:
        proj = UniversalProjectReader().read(path)
        props = proj.getProjectProperties()
        read: dict[str, dict[str, Any]] = {}
        for t in proj.getTasks():
            notes = str(t.getNotes() or "")
            if t.getSummary() or not notes.startswith(NOTE):
                continue
            read[_plan_id(notes)] = {
                "actual_start": _text(t.getActualStart()),
                "actual_finish": _text(t.getActualFinish()),
                "percent": None if t.getPercentageComplete() is None
                else float(t.getPercentageComplete().doubleValue()),
                "remaining": _days(t.getRemainingDuration()),
                "baseline_start": _text(t.getBaselineStart()),
                "baseline_finish": _text(t.getBaselineFinish()),
                "baseline_duration": _days(t.getBaselineDuration()),
            }
        MicrosoftScheduler().schedule(proj, props.getStartDate())
        for t in proj.getTasks():
            notes = str(t.getNotes() or "")
            if _plan_id(notes) in read and not t.getSummary():
                read[_plan_id(notes)] |= {"start": str(t.getStart()),
                                          "finish": str(t.getFinish())}
        out[path] = {"status_date": _text(props.getStatusDate()), "tasks": read}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
