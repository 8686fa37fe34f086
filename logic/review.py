"""When a plan should be reviewed: suggested dates the person can accept or change.

Councils normally review about 6 weeks after support starts (a "light touch" review), then
at least every year, and whenever things change (planned, unplanned or requested).
"""
from __future__ import annotations

from datetime import date, timedelta

FIRST_REVIEW_AFTER = timedelta(weeks=6)


def first_review_date(support_starts: date) -> date:
    return support_starts + FIRST_REVIEW_AFTER


def yearly_review_date(support_starts: date) -> date:
    """A year after support starts; 29 February moves to 28 February in a normal year."""
    try:
        return support_starts.replace(year=support_starts.year + 1)
    except ValueError:
        return support_starts.replace(year=support_starts.year + 1, day=28)


def review_date_problems(support_starts: date | None, first: date | None, yearly: date | None) -> list[str]:
    """Names of checks the chosen dates fail: 'first_before_start', 'yearly_too_late',
    'yearly_before_first'. The page turns each into a kind message from content."""
    problems = []
    if support_starts and first and first < support_starts:
        problems.append("first_before_start")
    if support_starts and yearly and yearly > yearly_review_date(support_starts):
        problems.append("yearly_too_late")
    if first and yearly and yearly < first:
        problems.append("yearly_before_first")
    return problems
