"""Diagnostics: what `validate` reports, as plain values.

A diagnostic names a problem by a stable code (``E020``), says what is wrong in a sentence a
planner can act on, and points at the plan through a *key path* such as
``("task", "email", "depends", 1)``. Positions (line, column) are attached later by the
loader's source map, only when there is something to report. Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

KeyPath = tuple[str | int, ...]


class Severity(StrEnum):
    """How bad a problem is: errors fail the run (exit 1), warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """One entry of the code catalogue: what the code means and how to fix it."""

    code: str
    severity: Severity
    title: str
    explanation: str


def _c(code: str, title: str, explanation: str) -> Code:
    sev = Severity.WARNING if code.startswith("W") else Severity.ERROR
    return Code(code, sev, title, explanation)


CODES: dict[str, Code] = {
    c.code: c
    for c in [
        _c("E001", "TOML syntax error",
           "The file is not valid TOML 1.0. The position points at the first character the "
           "parser could not accept. Common causes: a missing closing quote or bracket, a "
           "duplicate key or table, a date written as 2017-3-1 instead of 2017-03-01."),
        _c("E002", "file is not UTF-8",
           "Plan files must be UTF-8 text. Re-save the file as UTF-8 (most editors offer "
           "'Save with encoding')."),
        _c("E003", "file cannot be read",
           "The plan file (or a file it includes) could not be opened."),
        _c("E004", "bad include",
           "An `include` names a file outside the plan's folder, or a file already included "
           "(a file may be included once; includes may not loop). Paths are relative to the "
           "including file."),
        _c("E010", "unknown key",
           "The key is not part of the plan format. It is often a misspelling; the hint "
           "suggests the closest known key. See docs/plan-format.md for every key."),
        _c("E011", "wrong type",
           "The value has the wrong type, for example a quoted date (\"2017-03-01\" instead of "
           "2017-03-01), a fractional number where whole working days are expected, or a "
           "single string where a list is expected."),
        _c("E012", "missing required key",
           "A required key is missing from the table. The position is the table's header."),
        _c("E013", "value out of range",
           "The value is outside what the format allows: durations are whole working days "
           ">= 0, capacities and units are whole numbers >= 1, priorities run from 0 to 1000."),
        _c("E014", "unknown dependency type",
           "A dependency type must be one of FS (finish-to-start, the default), SS "
           "(start-to-start), FF (finish-to-finish) or SF (start-to-finish)."),
        _c("E015", "duplicate id",
           "The same id is defined twice across the plan's files (or a site of a template "
           "creates an id that exists already). Ids are unique per kind in the whole plan."),
        _c("E016", "invalid id",
           "Ids are TOML bare keys: letters, digits, '-' and '_' only (so [task.\"a b\"] is "
           "refused). Other tools (MS Project, TaskJuggler, spreadsheets) rely on it."),
        _c("E020", "unknown task",
           "A dependency names a task id that the plan does not define."),
        _c("E021", "unknown resource",
           "A task's `uses` names a resource id that the plan does not define under [resource]."),
        _c("E022", "unknown calendar",
           "The project or a task names a calendar id that the plan does not define under "
           "[calendar]."),
        _c("E023", "task depends on itself",
           "A task lists itself as a predecessor. Remove the entry."),
        _c("E024", "dependency cycle",
           "The dependencies form a loop, so no task in it can ever start. The message names "
           "the loop in order and a note points at each edge; remove or reverse one of them."),
        _c("E025", "unknown organisation",
           "A reference names an organisation id that is not defined under [org]."),
        _c("E026", "unknown service",
           "A transfer's services or consumes names a service id not defined under [service]."),
        _c("E027", "unknown staff group or transfer",
           "A transfer's staff or a staff group's transfer names an id that is not defined."),
        _c("E028", "not a milestone",
           "A point in time (an organisation's created/dissolved, a provider's from/until, a "
           "transfer's on) names a task with a duration. Point at a milestone (duration = 0) "
           "or give a date."),
        _c("E029", "workstream problem",
           "A task or workstream names an unknown workstream, workstreams are each other's "
           "parents, or a dependency on a workstream is not finish-to-start."),
        _c("E030", "unknown holiday region",
           "`holidays` must be an ISO 3166 code such as \"CA\" or \"CA-ON\" that the `holidays` "
           "package knows (country, then optional subdivision)."),
        _c("E031", "fixed start on a non-working day",
           "`start_on` must be a working day of the task's calendar (not a weekend, holiday or "
           "day off). Move the date, or add it to the calendar's `days_on`."),
        _c("E032", "calendar has no working days",
           "The calendar has no working weekday and no `days_on`, so no task can be scheduled "
           "on it."),
        _c("E033", "task needs more units than the resource has",
           "A task's `uses` asks for more units of a resource than its capacity, so no "
           "levelling can ever place it. Lower the units or raise the capacity."),
        _c("E034", "date before the project start",
           "A `start_on` date lies before `project.start`; nothing is scheduled before the "
           "project starts."),
        _c("E035", "dates out of range",
           "The schedule would run past the year 9998 (or before the year 3): a duration, "
           "lag or constraint date is far larger than intended."),
        _c("E040", "deadline missed",
           "The task's earliest finish falls after its `finish_no_later_than`. The schedule "
           "keeps the earliest dates and shows the miss as negative total float; shorten or "
           "overlap the work that drives it (see the critical path), or move the deadline."),
        _c("E041", "fixed start overrun by a predecessor",
           "A `start_on` task is fixed on its date, but its predecessors finish too late for "
           "it. The schedule keeps the fixed date; the dependency is violated until the "
           "predecessors are brought forward or the date is moved."),
        _c("E042", "resource over capacity at fixed dates",
           "Tasks fixed by `start_on` need more units of a resource on the same day than it "
           "has; levelling cannot move fixed tasks."),
        _c("E050", "unknown template",
           "A [site] names a template that is not defined under [template]."),
        _c("E051", "template parameter not set",
           "A template uses {name} but the site does not set `name`. The position is the "
           "template's line; the message names the site."),
        _c("E060", "service gap",
           "A consumer needs the service on working days when no one provides it. The "
           "message gives the service, the consumer and the dates. Start the next provider "
           "when the previous one stops (at the same milestone)."),
        _c("E061", "unplanned double-running",
           "Two or more providers serve the same consumer with the same service on the same "
           "working days, longer than the service's `parallel_run` allows."),
        _c("E062", "provider does not exist",
           "An organisation provides a service before it is created or after it is "
           "dissolved. End the provision at the dissolution and hand over to the successor."),
        _c("E070", "staff group moves more than once",
           "A staff group is in more than one transfer; each group lands in exactly one new "
           "home. Split the group if part of it goes elsewhere."),
        _c("E071", "staff left in a dissolved organisation",
           "A staff group of an organisation that is dissolved is in no transfer."),
        _c("E072", "headcounts do not add up",
           "An organisation's headcount differs from the sum of its staff groups."),
        _c("E073", "staff group disagrees with its transfer",
           "A staff group's from/to organisations differ from those of its transfer."),
        _c("E080", "moves into an organisation before it exists",
           "A transfer, a staff group or a merger moves into an organisation before its "
           "`created` date."),
        _c("E081", "moves out of an organisation after it is dissolved",
           "A transfer moves staff or services out of an organisation after its `dissolved` "
           "date, or the organisation is dissolved before it is created."),
        _c("E082", "dissolved organisation has no successor",
           "An organisation is dissolved but has no `merges_into` and no transfer out of it, "
           "so its staff, services and obligations go nowhere."),
        _c("E083", "organisation transferred to several successors",
           "The transfers out of one organisation go to different organisations; each CCAC "
           "goes to exactly one LHIN."),
        _c("E084", "transfer before its readiness work",
           "A transfer's date comes before (or on the day of) the finish of one of its "
           "readiness tasks. A transfer that is not fixed waits for them automatically."),
        _c("E090", "too many transfers at once",
           "More transfers fall on one day (or in one ISO week) than [transition] allows."),
        _c("E043", "levelling cannot place a task",
           "A task needs more units of a resource than it will ever have again after the "
           "task's earliest start (its capacity drops, or its calendar has no more working "
           "days). Lower the units, or keep the capacity."),
        _c("E100", "progress without a status date",
           "The plan has [progress.<task-id>] tables but [project] has no `status_date`. "
           "Progress is known up to the end of the status date; without it actual dates "
           "cannot be told from plans."),
        _c("E101", "progress for an unknown task",
           "A [progress.<task-id>] table names a task the plan does not define. Generated "
           "tasks are named <site>-<task> ([progress.nw-email])."),
        _c("E102", "actual date after the status date",
           "An `actual_start` or `actual_finish` is later than `project.status_date`: it has "
           "not happened yet. Correct the date or move the status date forward."),
        _c("E103", "actual finish before actual start",
           "A task's `actual_finish` is earlier than its `actual_start`."),
        _c("E104", "actual finish without actual start",
           "A done task needs both dates: `actual_start` and `actual_finish`."),
        _c("E105", "remaining work that contradicts the progress",
           "`remaining` and `percent_complete` describe a task under way: they need "
           "`actual_start`, cannot go with `actual_finish` (a done task has nothing left), "
           "and only one of the two may be given."),
        _c("E106", "percent complete out of range",
           "`percent_complete` of a task under way is a whole number from 0 to 99; a task "
           "that is finished takes `actual_finish` instead."),
        _c("W100", "out of sequence",
           "A task is done or under way although one of its finish-to-start or start-to-start "
           "predecessors has not started. Progress overrides the logic (the dependency is not "
           "enforced); record the predecessor's progress, or drop the dependency."),
        _c("W101", "late to start",
           "A task that has not started would have started on or before the status date (its "
           "predecessors, constraints or fixed date allowed it); it is projected to start on "
           "the first working day after the status date. Record its actual start if it has "
           "started, or re-plan it."),
        _c("W001", "duplicate dependency",
           "The same predecessor is listed twice with the same type; the extra entry has no "
           "effect."),
        _c("W002", "day both off and on",
           "A date is listed in both `days_off` and `days_on`; `days_on` wins."),
    ]
}


@dataclass(frozen=True)
class Related:
    """A secondary location that explains a diagnostic (one edge of a cycle, say)."""

    path: KeyPath
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a plan."""

    code: str
    message: str
    path: KeyPath = ()
    hint: str | None = None
    related: tuple[Related, ...] = ()
    file: str | None = None
    line: int | None = None
    column: int | None = None
    #: Set when ``path`` is already a key path in a known file (index into the plan's files)
    #: rather than a path of the merged plan; and the site a template entry was made for.
    file_index: int | None = None
    site: str | None = None

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def at(self, file: str, line: int, column: int) -> Diagnostic:
        """Return a copy located at ``file:line:column``."""
        return replace(self, file=file, line=line, column=column)

    def located_in(self, file_index: int, site: str | None = None) -> Diagnostic:
        """Return a copy whose path is a key path of file ``file_index`` of the plan."""
        return replace(self, file_index=file_index, site=site)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file or "", self.line or 0, self.column or 0, self.code, self.message)


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics; ``ok`` is derived, never stored."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, d: Diagnostic) -> None:
        self.items.append(d)

    def extend(self, ds: list[Diagnostic] | Diagnostics) -> None:
        self.items.extend(ds.items if isinstance(ds, Diagnostics) else ds)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=Diagnostic.sort_key)


def did_you_mean(word: str, candidates: list[str] | set[str] | dict[str, object]) -> str | None:
    """A ``did you mean 'x'?`` hint for a misspelt id or key, or None.

    >>> did_you_mean("ad-synch", ["ad-sync", "email"])
    "did you mean 'ad-sync'?"
    """
    import difflib

    pool = list(candidates)
    lower = {c.lower(): c for c in pool}
    if word.lower() in lower:
        return f"did you mean '{lower[word.lower()]}'?"
    best = difflib.get_close_matches(word, pool, n=1, cutoff=0.75)
    return f"did you mean '{best[0]}'?" if best else None
