"""Run TaskJuggler 3 (`tj3`) on an exported plan and read its dates back."""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from hsso_plan.app import Outcome, run
from hsso_plan.interchange import tjp, tjp_syntax
from hsso_plan.scheduling import Options

TJ3 = shutil.which("tj3")
WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Dates = dict[str, tuple[dt.date, dt.date]]


def random_tj_plan(seed: int, n: int = 40, *, all_types: bool = False,
                   milestones: float = 0.3, calendars: bool = False) -> str:
    """A random plan on one calendar (weekdays, holidays, days off). Links are FS/SS with lags
    >= 0, or (``all_types``) any of the four types with lags from -3 to 5; about
    ``milestones`` of the tasks are milestones, so SS links often join two of them; with
    ``all_types`` a task may have two links from the same predecessor. With ``calendars``
    about a third of the tasks are on a second calendar (other weekdays, days off), and both
    calendars have a day on."""
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
    if calendars:
        lines.append(f"days_on = [{_day_on(rng, workdays)}]")
    if calendars:
        other = sorted(rng.sample(range(7), rng.randint(2, 5)))
        lines += ["", "[calendar.crew]",
                  f"workdays = [{', '.join(chr(34) + WEEK[w] + chr(34) for w in other)}]",
                  f"days_off = [{(dt.date(2017, 1, 2) + dt.timedelta(rng.randint(0, 60)))}]",
                  f"days_on = [{_day_on(rng, other)}]"]
    types = ["FS", "FS", "SS", "FF", "SF"] if all_types else ["FS", "FS", "SS"]
    lags = [-3, -1, 0, 0, 1, 2, 5] if all_types else [0, 0, 1, 2, 5]
    for i in range(n):
        dur = 0 if i and rng.random() < milestones else rng.choice([1, 2, 3, 5, 8, 13])
        lines += ["", f"[task.t-{i}]", f'name = "Task {i}"', f"duration = {dur}"]
        if calendars and rng.random() < 0.35:
            lines.append('calendar = "crew"')
        preds = sorted({rng.randrange(i) for _ in range(rng.randint(0, 3))} if i else set())
        if all_types and preds and rng.random() < 0.3:
            preds.append(preds[0])  # two links from one task (tj3 takes one per task)
        deps = [f'{{ task = "t-{a}", type = "{rng.choice(types)}", lag = {rng.choice(lags)} }}'
                for a in preds]
        if deps:
            lines.append(f"depends = [{', '.join(deps)}]")
    return "\n".join(lines) + "\n"


def _day_on(rng: random.Random, workdays: list[int]) -> dt.date:
    """A date in the first two months that the weekdays ``workdays`` make off."""
    while True:
        d = dt.date(2017, 1, 2) + dt.timedelta(rng.randint(0, 60))
        if d.weekday() not in workdays:
            return d


def scheduled(path: Path, levelling: bool | None = None) -> Outcome:
    """``path`` loaded, checked and scheduled as the CLI does (``levelling=False``: as
    ``--no-level``)."""
    out = run(path, options=Options(levelling=levelling))
    assert out.schedule is not None and out.index is not None and out.loaded.plan is not None
    return out


def tjp_text(out: Outcome) -> str:
    """The TaskJuggler export of a scheduled outcome."""
    assert out.index is not None and out.schedule is not None
    return tjp.export(out.index, out.schedule).text


def run_tj3(workdir: Path, name: str = "plan.tjp") -> subprocess.CompletedProcess[str]:
    """tj3 on ``workdir/name``; fails the test, with tj3's messages, if tj3 refuses it."""
    assert TJ3 is not None
    r = subprocess.run([TJ3, "--silent", "--no-color", name], cwd=workdir, check=False,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    return r


def tj3_dates(out: Outcome, workdir: Path | None = None) -> Dates:
    """Schedule the export of ``out`` with tj3; {task id: (start, finish)} in our date model."""
    tmp = Path(workdir or tempfile.mkdtemp())
    (tmp / "plan.tjp").write_text(tjp_text(out), encoding="utf-8")
    run_tj3(tmp)
    return read_tj3_csv(out, tmp)


def our_dates(out: Outcome) -> Dates:
    assert out.schedule is not None
    return {t.id: (t.start, t.finish) for t in out.schedule.tasks}


def read_tj3_csv(out: Outcome, tmp: Path) -> Dates:
    """Read tj3's schedule.csv in ``tmp`` back into {task id: (start, finish)}.

    tj3 starts a task at the instant its predecessor ends (17:00, or a non-working hour): a
    task not started begins on the first working day of its calendar from then. A task done
    or under way is at its actual dates, on the calendar or not."""
    plan, index, sched = out.loaded.plan, out.index, out.schedule
    assert plan is not None and index is not None and sched is not None
    back = {v: k for k, v in tjp_syntax.tj_ids(plan).items()}
    status = {t.id: t.status for t in sched.tasks}
    dates: Dates = {}
    with (tmp / "schedule.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            tid = back.get(row["Id"])
            if tid is None:
                continue  # an anchor milestone
            s = dt.datetime.strptime(row["Start"], "%Y-%m-%d %H:%M")
            e = dt.datetime.strptime(row["End"], "%Y-%m-%d %H:%M")
            milestone = plan.task[tid].duration == 0
            if status[tid] in ("done", "in progress"):
                dates[tid] = (s.date(), s.date() if milestone else e.date())
                continue
            cal = index.calendar_of(tid)
            sd = s.date() + dt.timedelta(days=1) if s.hour >= 17 else s.date()
            start = cal.date(cal.rank_date(sd))
            dates[tid] = (start, start if milestone else e.date())
    return dates


def differences(ours: Dates, theirs: Dates) -> dict[str, tuple[object, object]]:
    """Tasks whose dates differ (or that tj3 did not schedule)."""
    return {k: (v, theirs.get(k)) for k, v in ours.items() if theirs.get(k) != v}
