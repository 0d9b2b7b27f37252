"""Every diagnostic code and the checks that find them, registered in one place.

`registry` holds the catalogue (`CODES`) and the check functions of each `Stage`; the
modules below register into it when imported:

- `loader_codes`: codes found while reading files and shapes (documented here, emitted by
  `hsso_plan.loading`) and while building calendars;
- `plan_refs`, `calendar_checks`, `migration_refs`: checks of the plan (ids, references,
  calendars, fixed dates, the migration model's references);
- `risk_checks`: the risk keys (duration ranges, [risk] settings, risk events);
- `progress_checks`: progress tables and the status date (E110-E116, W110);
- `cycles`: dependency loops in the activity network;
- `timeline`: the scheduler's facts (deadlines, fixed starts, fixed overloads), worded;
- `migration`: the merger's promises on the resolved timeline (E060-E090).

A new check is a function in one of these modules (or a new one imported here) with the
`check` decorator; its docstring is the code's explanation (`hsso-plan explain`,
docs/error-codes.md).
"""

from __future__ import annotations

from . import (  # noqa: F401  (importing a module registers its checks)
    calendar_checks,
    cycles,
    loader_codes,
    migration,
    migration_refs,
    plan_refs,
    progress_checks,
    risk_checks,
    timeline,
)
from .registry import (
    CHECKS,
    CODES,
    EMITS,
    Code,
    Context,
    Selection,
    Stage,
    UnknownCode,
    check,
    parse_codes,
    run_stage,
)

__all__ = ["CHECKS", "CODES", "EMITS", "Code", "Context", "Selection", "Stage",
           "UnknownCode", "catalogue", "check", "parse_codes", "run_stage"]


def catalogue() -> list[Code]:
    """Every code, in code order (E before W)."""
    return [CODES[c] for c in sorted(CODES)]
