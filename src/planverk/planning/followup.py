"""Follow-up status of a year: where each action stands, and where the plan stands.

For every action that counts in the year: its status as reported, its fokusområde and
owners, whether it is late by its tidplan, and whether it lacks a report for the period
that is due. Decisions, made once here so that `status`, its formats and the follow-up
report agree:

- **Status.** ``status:`` is the action's present state and ``rapporter:`` its history.
  Looking at the present (no report is dated after the reference date), an action has its
  ``status:``, else its latest report's status (by year, period, date), else *ej
  rapporterad*. Looking at the past (``--datum`` before some report), it has the status
  of the latest report by then, else *ej rapporterad*: ``status:`` has no date, the
  reports do, so an earlier meeting's picture can be reproduced. PV312 (off by default)
  warns when ``status:`` and the latest report differ.
- **Which actions count in a year.** Every action of the year's handlingsplaner. An action
  of a living plan counts unless it had not begun (tidplan starts after the year, or its
  first report is for a later year) or was finished before the year (a report of an
  earlier year closed it, and none falls in the year).
- **Fokusområde.** Through the action's AP activity to the VP goal and its fokusområde
  (or, lacking a VP link, the AP's fokusområde); else through the action's VP goal; for an
  agreement-paragraph VP the top paragraph (§) stands in for the fokusområde.
- **Owner.** The action's ``ansvar``; else the bodies its assignments (``uppdrag``) are
  given to; else the plan's ``ägare``. An action with several owners counts for each.
- **Late.** The tidplan's end (``till``) is before the reference date and the action is not
  avslutad.
- **Report due.** The latest follow-up period of the year that has ended by the reference
  date. An action lacks its report when it has none for that period and year, unless it
  is avslutad or its tidplan starts after the period.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from planverk.loading.planset import Loaded, PlanSet
from planverk.model import Action, Handlingsplan, Section, Verksamhetsplan, walk
from planverk.model.common import STATUS_VALUES, Status
from planverk.model.handlingsplan import Report
from planverk.model.periods import Calendar, PeriodSpan

FINISHED = Status.FINISHED.value
NOT_REPORTED = Status.NOT_REPORTED.value


@dataclass(frozen=True, slots=True)
class Focus:
    """A fokusområde (or what stands in for one) that actions are counted under."""

    id: str
    heading: str
    order: tuple[int, int]


NO_FOCUS = Focus("", "Utan fokusområde", (9, 0))


@dataclass(frozen=True, slots=True)
class Owner:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class ActionStatus:
    """One action as the follow-up sees it."""

    plan: Handlingsplan
    file: str
    line: int
    action: Action
    focus: Focus
    owners: tuple[Owner, ...]
    status: str
    report: Report | None  # the latest report counted, if any
    late_days: int | None  # days past the tidplan's end, when late
    missing_report: bool
    from_field: bool = True  # the status is the action's ``status:``, not a report's

    @property
    def comment(self) -> str | None:
        """The comment that goes with the status: the action's or the report's."""
        if self.from_field or self.report is None:
            return self.action.comment
        return self.report.comment

    @property
    def result(self) -> str | None:
        """The latest result: the follow-up's (kept current), else the report's."""
        if self.from_field and self.action.follow_up and self.action.follow_up.result:
            return self.action.follow_up.result
        return self.report.result if self.report is not None else None

    @property
    def late(self) -> bool:
        return self.late_days is not None

    @property
    def ref(self) -> str:
        """``plan-id/action-id``: how the action is named in lists."""
        return f"{self.plan.id}/{self.action.id}"


@dataclass(slots=True)
class Overview:
    """The follow-up of one year as of one date."""

    year: int
    on: dt.date
    period: PeriodSpan | None
    periods: list[PeriodSpan]
    region: str
    actions: list[ActionStatus] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)  # ids of the plans counted

    @property
    def statuses(self) -> list[str]:
        """The status columns: the five known ones, then any unknown value present."""
        extra = sorted({a.status for a in self.actions} - set(STATUS_VALUES))
        return [*STATUS_VALUES, *extra]

    def totals(self) -> Counter[str]:
        return Counter(a.status for a in self.actions)

    def by_focus(self) -> list[tuple[Focus, Counter[str]]]:
        groups: dict[Focus, Counter[str]] = {}
        for item in self.actions:
            groups.setdefault(item.focus, Counter())[item.status] += 1
        return sorted(groups.items(), key=lambda kv: kv[0].order)

    def by_owner(self) -> list[tuple[Owner, Counter[str]]]:
        groups: dict[Owner, Counter[str]] = {}
        for item in self.actions:
            for owner in item.owners:
                groups.setdefault(owner, Counter())[item.status] += 1
        return sorted(groups.items(), key=lambda kv: kv[0].name.casefold())

    def late(self) -> list[ActionStatus]:
        return sorted(
            (a for a in self.actions if a.late_days is not None),
            key=lambda a: (-(a.late_days or 0), a.ref),
        )

    def missing(self) -> list[ActionStatus]:
        return [a for a in self.actions if a.missing_report]

    def focus_actions(self, focus: Focus) -> list[ActionStatus]:
        return [a for a in self.actions if a.focus == focus]


def overview(planset: PlanSet, year: int, on: dt.date) -> Overview:
    """The follow-up of ``year`` as of ``on`` (reports dated later are not yet counted)."""
    project = planset.project.plan if planset.project else None
    calendar = Calendar.of(project)
    year_spans = calendar.spans(year)
    result = Overview(
        year=year,
        on=on,
        period=calendar.due(year, on),
        periods=year_spans,
        region=project.name if project else "",
    )
    bodies = {b.id: b.name for b in project.bodies} if project else {}
    focus = _FocusIndex(planset, year)
    for hp in planset.hps:
        if hp.plan.year is not None and hp.plan.year != year:
            continue
        counted = False
        for item in walk.actions(hp.plan):
            action = item.action
            if hp.plan.year is None and not living_counts(action, year, calendar):
                continue
            counted = True
            status, report, from_field = status_as_of(action, year, on, hp.plan.year, calendar)
            end = action.schedule.end if action.schedule else None
            late = (on - end).days if end is not None and end < on and status != FINISHED else None
            line = hp.doc.source_map.locate(hp.doc.data, (*item.path, "id")).line
            result.actions.append(
                ActionStatus(
                    plan=hp.plan,
                    file=hp.doc.display,
                    line=line,
                    action=action,
                    focus=focus.of(hp, action),
                    owners=owners_of(hp.plan, action, bodies),
                    status=status,
                    report=report,
                    from_field=from_field,
                    late_days=late,
                    missing_report=_missing(action, year, result.period, status, calendar, hp),
                )
            )
        if counted:
            result.plans.append(hp.plan.id)
    return result


def status_as_of(
    action: Action, year: int, on: dt.date, plan_year: int | None, calendar: Calendar
) -> tuple[str, Report | None, bool]:
    """(status, latest report counted, whether the status is ``status:``) of an action in
    ``year`` as of ``on``; see the module docstring."""
    counted = [
        r for r in action.reports if r.date <= on and calendar.report_year(r, plan_year) <= year
    ]
    latest = max(counted, key=lambda r: calendar.sort_key(r, plan_year)) if counted else None
    past = len(counted) < len(action.reports)  # reports after ``on``: a view of the past
    if not past and action.status is not None:
        return action.status, latest, True
    if latest is not None:
        return latest.status, latest, False
    return NOT_REPORTED, None, False


def current_status(action: Action, plan_year: int | None, calendar: Calendar) -> str:
    """The action's status now: ``status:``, else its latest report, else ej rapporterad."""
    if action.status is not None:
        return action.status
    if action.reports:
        return max(action.reports, key=lambda r: calendar.sort_key(r, plan_year)).status
    return NOT_REPORTED


def living_counts(action: Action, year: int, calendar: Calendar) -> bool:
    """Whether an action of a living plan counts in ``year`` (see the module docstring)."""
    years = [calendar.report_year(r, None) for r in action.reports]
    if year in years:
        return True
    start = action.schedule.start if action.schedule else None
    if start is not None and start.year > year:
        return False
    if years and min(years) > year and start is None:
        return False
    earlier = [r for r in action.reports if calendar.report_year(r, None) < year]
    if earlier:
        latest = max(earlier, key=lambda r: calendar.sort_key(r, None))
        return latest.status != FINISHED
    return True


def _missing(
    action: Action,
    year: int,
    period: PeriodSpan | None,
    status: str,
    calendar: Calendar,
    hp: Loaded[Handlingsplan],
) -> bool:
    if period is None or status == FINISHED:
        return False
    start = action.schedule.start if action.schedule else None
    if start is not None and start > period.end:
        return False
    return not any(
        r.period == period.id and calendar.report_year(r, hp.plan.year) == year
        for r in action.reports
    )


def owners_of(plan: Handlingsplan, action: Action, bodies: dict[str, str]) -> tuple[Owner, ...]:
    ids: Iterable[str]
    if action.responsible:
        ids = action.responsible
    elif action.assignments:
        ids = [body for assignment in action.assignments for body in assignment.to]
    else:
        ids = [plan.owner]
    unique = dict.fromkeys(ids)
    return tuple(Owner(body, bodies.get(body, body)) for body in unique)


class _FocusIndex:
    """Where an action belongs: fokusområde by AP activity or VP goal, for one year."""

    def __init__(self, planset: PlanSet, year: int) -> None:
        self.planset = planset
        self.year = year
        ap = planset.ap(year)
        self.activities = planset.index.activities(ap.plan) if ap else {}
        self.ap_vp = planset.vp_for(year, ap.plan.vp) if ap else planset.vp_for(year, None)
        self.ap_order = (
            {area.id: index for index, area in enumerate(ap.plan.focus_areas)} if ap else {}
        )
        self._goals: dict[str, dict[str, Focus]] = {}

    def goals(self, vp: Verksamhetsplan) -> dict[str, Focus]:
        """VP goal id -> the fokusområde (or top paragraph) it sits in."""
        cached = self._goals.get(vp.id)
        if cached is not None:
            return cached
        result: dict[str, Focus] = {}
        for index, area in enumerate(vp.focus_areas):
            here = Focus(area.id, area.heading, (0, index))
            for goal in area.goals:
                result.setdefault(goal.id, here)
        loose = Focus("", "Mål utan fokusområde", (3, 0))
        for goal in vp.goals:
            result.setdefault(goal.id, loose)
        for index, section in enumerate(vp.sections):
            here = Focus(f"§{section.number}", f"§ {section.number} {section.heading}", (2, index))
            for found in _section_goal_ids(section):
                result.setdefault(found, here)
        self._goals[vp.id] = result
        return result

    def paragraph(self, vp: Verksamhetsplan, ref: walk.Reference | None) -> Focus | None:
        """The top paragraph a reference to a paragraph or a bullet sits in."""
        if ref is None or ref.key == "mål":
            return None
        served = self.planset.index.vp(vp).resolve(ref)
        section = served.section if served is not None else None
        if served is not None and served.bullet is not None:
            section = served.bullet.section
        if section is None:
            return None
        top = section.top
        order = next((i for i, s in enumerate(vp.sections) if s is top), 0)
        return Focus(f"§{top.number}", f"§ {top.number} {top.heading}", (2, order))

    def of(self, hp: Loaded[Handlingsplan], action: Action) -> Focus:
        vp_loaded = self.planset.vp_for(hp.plan.year or self.year, hp.plan.vp) or self.ap_vp
        goals = self.goals(vp_loaded.plan) if vp_loaded else {}
        own = walk.own_references(action, ())
        if vp_loaded is not None and own:
            found = self.paragraph(vp_loaded.plan, own[0])
            if found is not None:
                return found
        if action.activity is not None and action.activity in self.activities:
            at = self.activities[action.activity]
            ap_goals = self.goals(self.ap_vp.plan) if self.ap_vp else goals
            if at.goal_id is not None and at.goal_id in ap_goals:
                return ap_goals[at.goal_id]
            if self.ap_vp is not None:
                found = self.paragraph(self.ap_vp.plan, at.ref)
                if found is not None:
                    return found
            area = at.focus_area
            vp_area = next((f for f in ap_goals.values() if f.id == area.id), None)
            return vp_area or Focus(area.id, area.heading, (1, self.ap_order.get(area.id, 0)))
        if action.goal is not None and action.goal in goals:
            return goals[action.goal]
        return NO_FOCUS


def _section_goal_ids(section: Section) -> Iterator[str]:
    for goal in section.goals:
        yield goal.id
    for child in section.sections:
        yield from _section_goal_ids(child)
