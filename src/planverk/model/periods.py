"""Follow-up periods (uppföljningsperioder) as dates in a given year.

The project file names each period and the day it ends (``slutar: "04-30"``). A period
starts the day after the previous one ends; the first starts on 1 January. A report for a
period is expected from its start until :data:`GRACE_DAYS` after its end (a helår report
is often written in January or February).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from planverk.model.handlingsplan import Report
from planverk.model.project import DEFAULT_PERIODS, FollowUpPeriod, Project

GRACE_DAYS = 60


@dataclass(frozen=True, slots=True)
class PeriodSpan:
    """One follow-up period of one year, as dates."""

    id: str
    name: str
    index: int  # position in calendar order, 0 for the first period of the year
    start: dt.date
    end: dt.date

    @property
    def report_deadline(self) -> dt.date:
        """The last day a report for the period is expected."""
        return self.end + dt.timedelta(days=GRACE_DAYS)


class Calendar:
    """The project's follow-up periods, as dates year by year (cached per year)."""

    def __init__(self, periods: Sequence[FollowUpPeriod]) -> None:
        self.periods = list(periods)
        self.ids = [p.id for p in self.periods]
        self._years: dict[int, list[PeriodSpan]] = {}

    @classmethod
    def of(cls, project: Project | None) -> Calendar:
        """The project's periods; the defaults (tertial 1, tertial 2, helår) without a
        project file."""
        return cls(project.follow_up_periods if project is not None else DEFAULT_PERIODS)

    def spans(self, year: int) -> list[PeriodSpan]:
        """The periods of ``year`` in calendar order. Periods whose end is not a calendar
        day, or whose id was already used, are left out (rule PV313 reports them)."""
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = _spans(self.periods, year)
        return cached

    def span(self, period_id: str, year: int) -> PeriodSpan | None:
        return next((s for s in self.spans(year) if s.id == period_id), None)

    def last(self, year: int) -> PeriodSpan | None:
        year_spans = self.spans(year)
        return year_spans[-1] if year_spans else None

    def report_year(self, report: Report, plan_year: int | None) -> int:
        """The year a report is for: a yearly plan's year; in a living plan the year whose
        period the date falls in or follows (a helår report dated in January is for the
        year before)."""
        if plan_year is not None:
            return plan_year
        year = report.date.year
        span = self.span(report.period, year)
        if span is not None and report.date < span.start:
            return year - 1
        return year

    def due(self, year: int, on: dt.date) -> PeriodSpan | None:
        """The period of ``year`` whose report is due on ``on``: the latest one that has
        ended by then (None before the year's first period ends)."""
        ended = [s for s in self.spans(year) if s.end <= on]
        return ended[-1] if ended else None

    def sort_key(self, report: Report, plan_year: int | None) -> tuple[int, int, dt.date]:
        """Order of reports in time: year, period, date."""
        year = self.report_year(report, plan_year)
        span = self.span(report.period, year)
        return (year, span.index if span is not None else len(self.periods), report.date)


def end_date(ends: str, year: int) -> dt.date | None:
    """``MM-DD`` as a date in ``year``; 02-29 is the last day of February in every year.
    None when the text is not a day of the calendar."""
    try:
        month, day = (int(part) for part in ends.split("-"))
    except ValueError:
        return None
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if month == 2 and day == 29:
        day = last
    if not 1 <= day <= last:
        return None
    return dt.date(year, month, day)


def _spans(periods: Sequence[FollowUpPeriod], year: int) -> list[PeriodSpan]:
    ends: list[tuple[dt.date, FollowUpPeriod]] = []
    seen: set[str] = set()
    for period in periods:
        end = end_date(period.ends, year)
        if end is None or period.id in seen:
            continue
        seen.add(period.id)
        ends.append((end, period))
    ends.sort(key=lambda item: item[0])
    result: list[PeriodSpan] = []
    start = dt.date(year, 1, 1)
    for index, (end, period) in enumerate(ends):
        result.append(PeriodSpan(period.id, period.name, index, min(start, end), end))
        start = end + dt.timedelta(days=1)
    return result
