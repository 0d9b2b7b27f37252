"""Run TaskJuggler 3 (`tj3`) on an exported plan and read its dates back."""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from hsso_plan.calendars import WorkCalendar
from hsso_plan.interchange import tjp
from hsso_plan.model import Plan

TJ3 = shutil.which("tj3")
WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def random_tj_plan(seed: int, n: int = 40) -> str:
    """A random plan within what TaskJuggler expresses: FS/SS, lags >= 0, holidays."""
    rng = random.Random(seed)
    workdays = sorted(rng.sample(range(7), rng.randint(3, 6)))
    lines = ["[project]", f'name = "tj3 comparison {seed}"', "start = 2017-01-02",
             'calendar = "c"', "", "[calendar.c]",
             f"workdays = [{', '.join(repr(WEEK[w]).replace(chr(39), chr(34)) for w in workdays)}]"]
    if rng.random() < 0.7:
        lines.append('holidays = "CA-ON"')
    offs = sorted({dt.date(2017, 1, 2) + dt.timedelta(days=rng.randint(0, 200))
                   for _ in range(rng.randint(0, 4))})
    if offs:
        lines.append(f"days_off = [{', '.join(d.isoformat() for d in offs)}]")
    for i in range(n):
        lines += ["", f"[task.t-{i}]", f'name = "Task {i}"',
                  f"duration = {rng.choice([0, 1, 2, 3, 5, 8, 13]) if i else 3}"]
        deps = []
        for a in sorted({rng.randrange(i) for _ in range(rng.randint(0, 3))} if i else set()):
            typ = rng.choice(["FS", "FS", "SS"])
            lag = rng.choice([0, 0, 1, 2, 5])
            deps.append(f'{{ task = "t-{a}", type = "{typ}", lag = {lag} }}')
        if deps:
            lines.append(f"depends = [{', '.join(deps)}]")
    return "\n".join(lines) + "\n"


def tj3_dates(plan: Plan, workdir: Path | None = None) -> dict[str, tuple[dt.date, dt.date]]:
    """Schedule ``plan`` with tj3 and return {task id: (start, finish)} in our date model."""
    assert TJ3 is not None
    tmp = Path(workdir or tempfile.mkdtemp())
    (tmp / "plan.tjp").write_text(tjp_text(plan), encoding="utf-8")
    run_tj3(tmp)
    return read_tj3_csv(plan, tmp)


def tjp_text(plan: Plan) -> str:
    """``plan`` exported for TaskJuggler, with the schedule and calendar the exporter takes."""
    from hsso_plan.scheduling import Options, make_calendars, schedule

    return tjp.render(plan, schedule(plan, Options(levelling=False)), make_calendars(plan)[None])


def run_tj3(workdir: Path, name: str = "plan.tjp") -> None:
    assert TJ3 is not None
    subprocess.run([TJ3, "--silent", name], cwd=workdir, check=True,
                   capture_output=True, text=True)


def read_tj3_csv(plan: Plan, tmp: Path) -> dict[str, tuple[dt.date, dt.date]]:
    """Read tj3's schedule.csv in ``tmp`` back into {task id: (start, finish)}."""
    spec = plan.calendar.get(plan.project.calendar or "")
    cal = WorkCalendar(plan.project.start, spec.workdays if spec else WEEK[:5],
                       spec.holidays if spec else None, spec.days_off if spec else ())
    back = {v: k for k, v in tjp.tj_ids(plan).items()}
    out = {}
    with (tmp / "schedule.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            tid = back[row["Id"]]
            s = dt.datetime.strptime(row["Start"], "%Y-%m-%d %H:%M")
            e = dt.datetime.strptime(row["End"], "%Y-%m-%d %H:%M")
            # A start at the end of a working day (17:00) is the next working day.
            sd = s.date() + dt.timedelta(days=1) if s.hour >= 17 else s.date()
            start = cal.date(cal.rank_date(sd))
            finish = start if plan.task[tid].duration == 0 else e.date()
            out[tid] = (start, finish)
    return out
