"""Working-day calendars: Ontario counts from the domain facts, and rank/ordinal laws."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from hsso_plan.calendars import WorkCalendar, region_problem


def test_ontario_2017_counts() -> None:
    """Tests the business-day counts of domain-facts.md section 4.2."""
    c = WorkCalendar(dt.date(2017, 1, 1), region="CA-ON")
    assert c.rank_date(dt.date(2018, 1, 1)) == 252
    mar1, jun21 = c.rank_date(dt.date(2017, 3, 1)), c.rank_date(dt.date(2017, 6, 21))
    assert jun21 - mar1 + 1 == 79
    assert c.rank_date(dt.date(2017, 6, 21)) - c.rank_date(dt.date(2017, 5, 3)) + 1 == 35
    for holiday in ["2017-01-02", "2017-02-20", "2017-04-14", "2017-05-22", "2017-09-04",
                    "2017-10-09", "2017-12-25", "2017-12-26"]:
        assert not c.is_working(dt.date.fromisoformat(holiday).toordinal()), holiday
    for worked in ["2017-04-17", "2017-08-07", "2017-07-03"]:  # not ESA public holidays
        assert c.is_working(dt.date.fromisoformat(worked).toordinal()), worked


def test_region_codes() -> None:
    """Tests accepted and rejected holiday regions, with hints."""
    assert region_problem("CA-ON") is None
    assert region_problem("CA") is None
    bad = region_problem("CA-OX")
    assert bad is not None and "OX" in bad[0] and bad[1] == "did you mean 'CA-ON'?"
    assert region_problem("XX") is not None


@settings(max_examples=100, deadline=None)
@given(st.sets(st.integers(0, 6), min_size=1), st.integers(-400, 400),
       st.lists(st.integers(-60, 60), max_size=5), st.lists(st.integers(-60, 60), max_size=5))
def test_rank_and_ordinal_agree_with_brute_force(
        weekdays: set[int], offset: int, off: list[int], on: list[int]) -> None:
    """Tests rank(), ordinal() and is_working() against a day-by-day count."""
    start = dt.date(2017, 3, 1)
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    c = WorkCalendar(start, [names[w] for w in sorted(weekdays)], None,
                     [start + dt.timedelta(days=k) for k in off],
                     [start + dt.timedelta(days=k) for k in on])
    day = start + dt.timedelta(days=offset)

    def working(d: dt.date) -> bool:
        k = (d - start).days
        return k in on or (d.weekday() in weekdays and k not in off)

    # rank = number of working days in [start, day) or minus those in [day, start).
    if day >= start:
        expect = sum(working(start + dt.timedelta(days=k)) for k in range((day - start).days))
    else:
        expect = -sum(working(day + dt.timedelta(days=k)) for k in range((start - day).days))
    assert c.rank_date(day) == expect
    assert c.is_working(day.toordinal()) == working(day)
    i = c.rank_date(day)
    assert c.rank(c.ordinal(i)) == i
    assert c.date(i) >= day and working(c.date(i))


def test_weekday_names_follow_the_model_and_python() -> None:
    """Tests that the calendar's weekday numbers come from the plan format's weekday names
    and agree with `datetime.date.weekday()` (2017-01-02 was a Monday)."""
    import datetime as dt

    from hsso_plan.calendars import WEEKDAY_INDEX
    from hsso_plan.model import WEEKDAYS

    assert list(WEEKDAY_INDEX) == list(WEEKDAYS)
    for name, number in WEEKDAY_INDEX.items():
        assert (dt.date(2017, 1, 2) + dt.timedelta(days=number)).strftime("%a").lower() \
            == name


@settings(max_examples=150, deadline=None)
@given(st.sets(st.integers(0, 6)), st.sampled_from([None, "CA-ON", "CA", "GB"]),
       st.integers(-800, 800), st.integers(0, 900),
       st.lists(st.integers(-800, 1700), max_size=8), st.lists(st.integers(-800, 1700),
                                                              max_size=8))
def test_year_days_is_is_working_of_each_day(weekdays: set[int], region: str | None,
                                             lo: int, span: int, off: list[int],
                                             on: list[int]) -> None:
    """Tests the working days of a range, made by sets (and each year's holidays only for
    its own days), against `is_working` of each day, across year ends."""
    start = dt.date(2016, 12, 20)
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    base = start.toordinal()
    on = on if weekdays else [*on, 0]  # (a calendar needs a working day)
    c = WorkCalendar(start, [names[w] for w in sorted(weekdays)], region,
                     [dt.date.fromordinal(base + k) for k in off],
                     [dt.date.fromordinal(base + k) for k in on])
    a, b = base + lo, base + lo + span
    assert c._year_days(a, b) == [o for o in range(a, b) if c.is_working(o)]
