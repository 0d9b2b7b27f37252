"""Working-day calendars (core contract section 2).

A `WorkCalendar` numbers its working days 0, 1, 2, ... from the first working day on or after
the project start, and -1, -2, ... before it (late dates of a plan that misses a deadline can
fall before the start). Working days are generated a year at a time, on demand, so a plan
that runs for decades costs what it uses.

Dates are handled as proleptic ordinals (`datetime.date.toordinal`), which keeps the hot
arithmetic on plain integers.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache
from itertools import chain
from types import ModuleType

from .model import WEEKDAYS

_fromordinal = dt.date.fromordinal

#: Weekday name -> `datetime.date.weekday()` number ("mon" = 0), from `model.WEEKDAYS`.
WEEKDAY_INDEX: dict[str, int] = {w: i for i, w in enumerate(WEEKDAYS)}

#: Longest run of non-working days accepted before a calendar is declared empty.
MAX_GAP_DAYS = 3660


class CalendarError(ValueError):
    """The calendar cannot supply a working day (it has none in a decade)."""

    def __init__(self, message: str, calendar: str | None = None,
                 out_of_range: bool = False) -> None:
        super().__init__(message)
        self.calendar = calendar
        self.out_of_range = out_of_range  # dates beyond what a calendar can hold


def split_region(code: str) -> tuple[str, str | None]:
    """``"CA-ON"`` -> ``("CA", "ON")``; ``"CA"`` -> ``("CA", None)``."""
    country, _, subdiv = code.partition("-")
    return country.upper(), (subdiv.upper() or None)


def _holidays() -> ModuleType:
    """The `holidays` package, with its ``countries`` package initialised only when a name is
    asked of it: its ``__init__`` imports all ~250 country modules (most of a 5,000-task
    run's time), while ``holidays.country_holidays("CA")`` needs one of them."""
    import importlib.util
    import sys

    holidays = sys.modules.get("holidays") or _import_holidays()
    name = "holidays.countries"
    spec = None if name in sys.modules else importlib.util.find_spec(name)
    if spec is not None and spec.loader is not None:
        package = importlib.util.module_from_spec(spec)
        loader = spec.loader

        def finish(attr: str) -> object:  # PEP 562: the first missing name runs __init__
            del package.__dict__["__getattr__"]
            loader.exec_module(package)
            return getattr(package, attr)

        package.__dict__["__getattr__"] = finish
        sys.modules[name] = package
        holidays.__dict__["countries"] = package
    return holidays


def _import_holidays() -> ModuleType:
    """``import holidays``, its ``__version__`` looked up when asked for: the package's
    ``__init__`` reads it from its installed metadata (`importlib.metadata`, an email parse
    of a 2,230-line METADATA file: 18 M instructions, and 40 M more to import
    `importlib.metadata` where nothing else does)."""
    import sys

    name = "holidays.version"
    placeholder = ModuleType(name)
    placeholder.__dict__["__version__"] = ""
    sys.modules[name] = placeholder
    try:
        import holidays
    finally:
        if sys.modules.get(name) is placeholder:
            del sys.modules[name]
    if holidays.__dict__.get("version") is placeholder:
        del holidays.__dict__["version"]
    if holidays.__dict__.get("__version__") == "":
        del holidays.__dict__["__version__"]

        def version(attr: str) -> object:  # PEP 562: the real module, on first use
            if attr != "__version__":
                raise AttributeError(f"module 'holidays' has no attribute {attr!r}")
            from holidays.version import __version__

            holidays.__dict__["__version__"] = __version__
            return __version__

        holidays.__dict__["__getattr__"] = version
    return holidays


def region_problem(code: str) -> tuple[str, str | None] | None:
    """Why ``code`` is not a holiday region the `holidays` package knows, or None if it is.

    Returns the message and a hint.
    """
    holidays = _holidays()
    from holidays.registry import EntityLoader

    from .diagnostics import did_you_mean

    country, subdiv = split_region(code)
    # The registry's codes, then the one country's subdivisions: the same answer as
    # `holidays.list_supported_countries()` without importing every country module.
    codes: list[str] = list(EntityLoader.get_country_codes(True))
    if country not in codes:
        return (f"unknown holiday region '{code}': no country '{country}'",
                did_you_mean(country, codes) or "use an ISO 3166 code such as \"CA-ON\"")
    known: list[str] = list(getattr(holidays, country).subdivisions)
    if subdiv is not None and subdiv not in known:
        return (f"unknown holiday region '{code}': {country} has no subdivision '{subdiv}'",
                (did_you_mean(f"{country}-{subdiv}", [f"{country}-{s}" for s in known])
                 or f"{country} subdivisions: {', '.join(known)}"))
    return None


@cache
def holiday_ordinals(code: str, year: int) -> frozenset[int]:
    """Public holidays of region ``code`` in ``year`` (the package's default category,
    observed days included), as ordinals."""
    holidays = _holidays()

    country, subdiv = split_region(code)
    h = holidays.country_holidays(country, subdiv=subdiv, years=year)
    return frozenset(d.toordinal() for d in h)


class WorkCalendar:
    """Working days of one calendar, indexed from the project start."""

    def __init__(
        self,
        start: dt.date,
        workdays: Iterable[str] = ("mon", "tue", "wed", "thu", "fri"),
        region: str | None = None,
        days_off: Iterable[dt.date] = (),
        days_on: Iterable[dt.date] = (),
        name: str = "default",
    ) -> None:
        self.name = name
        self.weekdays = frozenset(WEEKDAY_INDEX[w] for w in workdays)
        self.region = region
        self.days_off = frozenset(d.toordinal() for d in days_off)
        self.days_on = frozenset(d.toordinal() for d in days_on)
        if not self.weekdays and not self.days_on:
            raise CalendarError(f"calendar '{name}' has no working days", name)
        # _pos[i] = ordinal of working day i (i >= 0); _neg[j] = ordinal of day -(j+1).
        self._pos: list[int] = []
        self._neg: list[int] = []
        self._pos_next = start.toordinal()  # first ordinal not yet examined upwards
        self._neg_next = start.toordinal() - 1  # first ordinal not yet examined downwards

    def is_working(self, ordinal: int) -> bool:
        if ordinal in self.days_on:
            return True
        if ordinal in self.days_off:
            return False
        if (ordinal - 1) % 7 not in self.weekdays:  # ordinal 1 = Monday 0001-01-01
            return False
        if self.region is None:
            return True
        year = dt.date.fromordinal(ordinal).year
        return ordinal not in holiday_ordinals(self.region, year)

    def _year_days(self, lo: int, hi: int) -> list[int]:
        """Working ordinals in [lo, hi): `is_working` of each, by sets (the working weekdays
        as ranges, less the days off and each year's holidays, plus the days on) rather than
        a call per day; a plan that runs for a century makes 36,500 of them."""
        picked = set(chain.from_iterable(range(lo + (w + 1 - lo) % 7, hi, 7)
                                         for w in self.weekdays))  # (o - 1) % 7 == w
        picked.difference_update(self.days_off)
        if self.region is not None and picked:
            first, last = _fromordinal(lo).year, _fromordinal(hi - 1).year
            for year in range(first, last + 1):  # a day is checked against its own year's
                y_lo = lo if year == first else dt.date(year, 1, 1).toordinal()
                y_hi = hi if year == last else dt.date(year + 1, 1, 1).toordinal()
                picked.difference_update([o for o in holiday_ordinals(self.region, year)
                                          if y_lo <= o < y_hi])
        picked.update([o for o in self.days_on if lo <= o < hi])
        return sorted(picked)

    def _extend_up(self, need: int) -> None:
        gap = 0
        while len(self._pos) <= need:
            lo = self._pos_next
            hi = dt.date(dt.date.fromordinal(lo).year + 1, 1, 1).toordinal()
            got = self._year_days(lo, hi)
            self._pos.extend(got)
            self._pos_next = hi
            gap = 0 if got else gap + (hi - lo)
            if hi > dt.date.max.toordinal() - 400:
                raise CalendarError("the schedule runs past the year 9998", self.name, True)
            if gap > MAX_GAP_DAYS:
                raise CalendarError(f"calendar '{self.name}' has no working days after "
                                    f"{dt.date.fromordinal(lo).isoformat()}", self.name)

    def _extend_down(self, need: int) -> None:
        gap = 0
        while len(self._neg) <= need:
            hi = self._neg_next + 1
            lo = dt.date(dt.date.fromordinal(hi - 1).year, 1, 1).toordinal()
            got = self._year_days(lo, hi)
            self._neg.extend(reversed(got))
            self._neg_next = lo - 1
            gap = 0 if got else gap + (hi - lo)
            if lo < 800:
                raise CalendarError("the schedule runs before the year 3", self.name, True)
            if gap > MAX_GAP_DAYS:
                raise CalendarError(f"calendar '{self.name}' has no working days before "
                                    f"{dt.date.fromordinal(hi).isoformat()}", self.name)

    def ordinal(self, i: int) -> int:
        """Ordinal of working day ``i``."""
        if i >= 0:
            if i >= len(self._pos):
                self._extend_up(i)
            return self._pos[i]
        j = -i - 1
        if j >= len(self._neg):
            self._extend_down(j)
        return self._neg[j]

    def date(self, i: int) -> dt.date:
        """Date of working day ``i``."""
        if 0 <= i < len(self._pos):
            return _fromordinal(self._pos[i])
        return _fromordinal(self.ordinal(i))

    def rank(self, ordinal: int) -> int:
        """Index of the first working day on or after ``ordinal``.

        Equivalently, the number of working days from day 0 up to (not including) it,
        negative before day 0.
        """
        if ordinal >= self._pos_next - 1 or (self._pos and ordinal > self._pos[-1]):
            while self._pos_next <= ordinal or not self._pos or self._pos[-1] < ordinal:
                self._extend_up(len(self._pos))
        first = self._pos[0] if self._pos else self._pos_next
        if ordinal > (self._neg[0] if self._neg else first - 1):
            return bisect_left(self._pos, ordinal)
        # Before day 0: count working days in [ordinal, day 0).
        while not self._neg or self._neg[-1] >= ordinal:
            self._extend_down(len(self._neg))
        # _neg is descending; the number of entries >= ordinal.
        lo, hi = 0, len(self._neg)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._neg[mid] >= ordinal:
                lo = mid + 1
            else:
                hi = mid
        return -lo

    def rank_date(self, d: dt.date) -> int:
        return self.rank(d.toordinal())

    def index_of_last_on_or_before(self, d: dt.date) -> int:
        """Index of the last working day on or before ``d``."""
        return self.rank(d.toordinal() + 1) - 1
