"""Read PSPLIB single-mode RCPSP instances (``.sm``) and their solution tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Instance:
    name: str
    durations: list[int]  # jobs 1..n+2 (the first and last are dummies)
    successors: list[list[int]]  # 0-based job indices
    requests: list[list[int]]  # per job, units of each resource
    capacities: list[int]


def read_sm(path: Path) -> Instance:
    lines = path.read_text(encoding="latin-1").splitlines()
    jobs = int(next(ln for ln in lines if ln.startswith("jobs")).split(":")[1])
    i = next(k for k, ln in enumerate(lines) if ln.startswith("PRECEDENCE RELATIONS"))
    succ: list[list[int]] = []
    for ln in lines[i + 2:i + 2 + jobs]:
        parts = [int(x) for x in ln.split()]
        succ.append([x - 1 for x in parts[3:3 + parts[2]]])
    i = next(k for k, ln in enumerate(lines) if ln.startswith("REQUESTS/DURATIONS"))
    durs, reqs = [], []
    for ln in lines[i + 3:i + 3 + jobs]:
        parts = [int(x) for x in ln.split()]
        durs.append(parts[2])
        reqs.append(parts[3:])
    i = next(k for k, ln in enumerate(lines) if ln.startswith("RESOURCEAVAILABILITIES"))
    caps = [int(x) for x in lines[i + 2].split()]
    return Instance(path.stem, durs, succ, reqs, caps)


def read_solutions(path: Path) -> dict[str, int]:
    """{instance name: makespan} from a PSPLIB solution table (opt or hrs)."""
    prefix = path.name.split("opt")[0].split("hrs")[0].split("lb")[0]
    out = {}
    for ln in path.read_text(encoding="latin-1").splitlines():
        m = re.match(r"^\s*(\d+)\s+(\d+)\s+(\d+)", ln)
        if m:
            out[f"{prefix}{m.group(1)}_{m.group(2)}"] = int(m.group(3))
    return out


def to_plan(inst: Instance) -> str:
    """The instance as a plan: all seven weekdays working, so working day k is day k."""
    out = ["[project]", f'name = "PSPLIB {inst.name}"', "start = 2017-01-02",
           'calendar = "all"', "", "[calendar.all]",
           'workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]', ""]
    for r, c in enumerate(inst.capacities):
        out += [f"[resource.r{r + 1}]", f"capacity = {c}", ""]
    preds: list[list[int]] = [[] for _ in inst.durations]
    for a, ss in enumerate(inst.successors):
        for b in ss:
            preds[b].append(a)
    for j, d in enumerate(inst.durations):
        out += [f"[task.j{j + 1}]", f'name = "Job {j + 1}"', f"duration = {d}"]
        if preds[j]:
            out.append("depends = [" + ", ".join(f'"j{a + 1}"' for a in preds[j]) + "]")
        uses = [f"r{r + 1} = {u}" for r, u in enumerate(inst.requests[j]) if u]
        if uses:
            out.append("uses = { " + ", ".join(uses) + " }")
        out.append("")
    return "\n".join(out)
