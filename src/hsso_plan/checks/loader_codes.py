"""Codes found while reading a plan (by `hsso_plan.loading` and `hsso_plan.templates`) or
while building its calendars. They are documented here; the loader refers to them."""

from __future__ import annotations

from .registry import Stage, code


@code("E001", "TOML syntax error")
class TomlSyntax:
    """The file is not valid TOML 1.0. The position points at the first character the
    parser could not accept. Common causes: a missing closing quote or bracket, a
    duplicate key or table, a date written as 2017-3-1 instead of 2017-03-01."""


@code("E002", "file is not UTF-8")
class NotUtf8:
    """Plan files must be UTF-8 text. Re-save the file as UTF-8 (most editors offer 'Save
    with encoding')."""


@code("E003", "file cannot be read")
class Unreadable:
    """The plan file (or a file it includes) could not be opened."""


@code("E004", "bad include")
class BadInclude:
    """An `include` names a file outside the plan's folder, or a file already included (a
    file may be included once; includes may not loop). Paths are relative to the
    including file."""


@code("E005", "baseline cannot be used")
class BadBaseline:
    """The plan's `project.baseline` names a file that cannot be read or is not a schedule
    JSON file (the output of `hsso-plan schedule PLAN --format json`): not JSON, no `tasks`
    list, a task without an id, or a date that is not YYYY-MM-DD. The path is relative to
    the plan file. Fix or regenerate the baseline, or remove the key."""


@code("E010", "unknown key")
class UnknownKey:
    """The key is not part of the plan format. It is often a misspelling; the hint suggests
    the closest known key. See docs/plan-format.md for every key."""


@code("E011", "wrong type")
class WrongType:
    """The value has the wrong type, for example a quoted date ("2017-03-01" instead of
    2017-03-01), a fractional number where whole working days are expected, or a single
    string where a list is expected."""


@code("E012", "missing required key")
class MissingKey:
    """A required key is missing from the table. The position is the table's header."""


@code("E013", "value out of range")
class OutOfRange:
    """The value is outside what the format allows: durations are whole working days >= 0,
    capacities and units are whole numbers >= 1, priorities run from 0 to 1000."""


@code("E014", "unknown dependency type")
class UnknownDependencyType:
    """A dependency type must be one of FS (finish-to-start, the default), SS
    (start-to-start), FF (finish-to-finish) or SF (start-to-finish)."""


@code("E015", "duplicate id")
class DuplicateId:
    """The same id is defined twice across the plan's files (or a site of a template
    creates an id that exists already). Ids are unique per kind in the whole plan."""


@code("E017", "amendment of an unknown task")
class UnknownAmendment:
    """An [amend.ID] table changes task ID, but no task has that id: neither a [task.ID] nor
    a task that a site's template generates (SITE-KEY). Check the id as `hsso-plan schedule`
    lists it; the hint names the closest one."""


@code("E050", "unknown template")
class UnknownTemplate:
    """A [site] names a template that is not defined under [template]."""


@code("E051", "template parameter not set")
class TemplateParameter:
    """A template uses {name} but the site does not set `name`. The position is the
    template's line; the message names the site."""


@code("E035", "dates out of range", stage=Stage.TIMELINE)
class DatesOutOfRange:
    """The schedule would run past the year 9998 (or before the year 3): a duration, lag or
    constraint date is far larger than intended."""
