"""Run by tests/test_mpxj.py in its own process (a JVM starts once per process): read each
MS Project XML file given, reschedule it with MPXJ's MicrosoftScheduler, and print, as JSON,
each task's plan id (from its notes) with the start and finish MPXJ computed. With
``--rewrite IN OUT``: read IN and write it again as MS Project XML with MPXJ's writer."""

from __future__ import annotations

import json
import sys

import jpype  # type: ignore[import-not-found,import-untyped,unused-ignore]
import jpype.imports  # type: ignore[import-not-found,import-untyped,unused-ignore]
import mpxj  # type: ignore[import-not-found,import-untyped,unused-ignore]  # noqa: F401

NOTE = "hsso-plan id: "


def main() -> None:
    jpype.startJVM()
    from org.mpxj.cpm import MicrosoftScheduler  # type: ignore[import-not-found,import-untyped,unused-ignore]
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found,import-untyped,unused-ignore]

    if sys.argv[1] == "--rewrite":
        from org.mpxj.mspdi import MSPDIWriter  # type: ignore[import-not-found,import-untyped,unused-ignore]

        MSPDIWriter().write(UniversalProjectReader().read(sys.argv[2]), sys.argv[3])
        return
    out: dict[str, dict[str, list[str]]] = {}
    for path in sys.argv[1:]:
        proj = UniversalProjectReader().read(path)
        MicrosoftScheduler().schedule(proj, proj.getProjectProperties().getStartDate())
        dates: dict[str, list[str]] = {}
        for t in proj.getTasks():
            notes = str(t.getNotes() or "")
            if t.getSummary() or not notes.startswith(NOTE):
                continue
            dates[notes[len(NOTE):].strip()] = [str(t.getStart()), str(t.getFinish())]
        out[path] = dates
    print(json.dumps(out))


if __name__ == "__main__":
    main()
