"""Which actions each owner reports on for one period, and what the owner sees of each.

Decisions, made here so that `rapportmall`, `import` and `status --saknas` agree:

- **Which actions.** Every action of the year's handlingsplaner, and every action of a
  living plan that counts in the year (see :mod:`planverk.planning.followup`), unless it
  was finished before the period (its latest earlier report, or its ``status:`` without a
  report for the period, is *avslutad*) or its tidplan starts after the period ends.
- **Owner.** As in `planverk status`: ``ansvar``, else the groups of its ``uppdrag``, else
  the plan's ``ägare``. An action with several owners is in each owner's workbook; either
  may report, and two different reports for it are refused on import (PV519).
- **What the owner sees** (the read-only cells): id, the action's text, its AP activity or
  VP goal, uppdrag, tidplan, the latest report before the period, the follow-up's metod,
  mål and kvalitetsindikatorer, and the plan's title. The *fingerprint* of an action is a
  hash of exactly these texts, so a workbook made from an older plan says which actions
  changed since, and what the import itself writes (the period's report, ``status:``,
  ``kommentar:``, ``resultat:``) never changes it: importing twice stays a no-op.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planverk.core.chars import CONTROL
from planverk.core.errors import UserError
from planverk.loading.planset import Loaded, PlanSet
from planverk.model import Action, Handlingsplan, walk
from planverk.model.common import Status
from planverk.model.handlingsplan import Report
from planverk.model.periods import Calendar, PeriodSpan
from planverk.model.workbook import fingerprint
from planverk.planning.followup import Owner, living_counts, owners_of

FINISHED = Status.FINISHED.value


class IntakeError(UserError):
    """A request that cannot be carried out as asked (a usage error, exit code 2)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One action in one owner's workbook."""

    hp: Loaded[Handlingsplan]
    path: walk.Path
    action: Action
    owners: tuple[Owner, ...]
    existing: Report | None  # the report for this period, if there is one
    existing_index: int | None  # its index under ``rapporter``
    previous: Report | None  # the latest report before this period
    values: dict[str, str]  # read-only cell texts by column key
    indicators: tuple[str, ...]  # the follow-up's kvalitetsindikatorer

    @property
    def plan_id(self) -> str:
        return self.hp.plan.id

    @property
    def key(self) -> tuple[str, str]:
        return (self.hp.plan.id, self.action.id)

    @property
    def fingerprint(self) -> str:
        return fingerprint([*self.values.values(), *self.indicators])


@dataclass(slots=True)
class OwnerBook:
    owner: Owner
    items: list[Item] = field(default_factory=list)

    @property
    def version(self) -> str:
        return fingerprint([item.fingerprint for item in self.items])


@dataclass(slots=True)
class Selection:
    year: int
    span: PeriodSpan
    calendar: Calendar
    region: str
    books: list[OwnerBook] = field(default_factory=list)
    items: dict[tuple[str, str], Item] = field(default_factory=dict)  # by (plan, action)


def period_span(planset: PlanSet, year: int, period: str) -> tuple[Calendar, PeriodSpan]:
    """The project's calendar and the period as dates; IntakeError for an unknown period."""
    calendar = Calendar.of(planset.project.plan if planset.project else None)
    span = calendar.span(period, year)
    if span is None:
        known = ", ".join(f"{p.id} ({p.name})" for p in calendar.periods) or "inga"
        raise IntakeError(
            f"perioden '{period}' finns inte bland projektets uppföljningsperioder",
            f"Kända perioder: {known}.",
        )
    return calendar, span


def select(planset: PlanSet, year: int, period: str, *, all_actions: bool = False) -> Selection:
    """The owners' workbooks for ``year`` and ``period``. With ``all_actions`` every action
    of the counted plans is in :attr:`Selection.items` (so an import can recognise an
    action that has since been finished), but only the selected ones in the books."""
    calendar, span = period_span(planset, year, period)
    project = planset.project.plan if planset.project else None
    bodies = {b.id: b.name for b in project.bodies} if project else {}
    result = Selection(year, span, calendar, project.name if project else "")
    texts = _Texts(planset, year, bodies)
    books: dict[Owner, OwnerBook] = {}
    for hp in planset.hps:
        if hp.plan.year is not None and hp.plan.year != year:
            continue
        for at in walk.actions(hp.plan):
            action = at.action
            if hp.plan.year is None and not living_counts(action, year, calendar):
                continue
            item = _item(hp, at, year, span, calendar, bodies, texts)
            result.items.setdefault(item.key, item)
            if not wanted(item, span):
                continue
            for owner in item.owners:
                books.setdefault(owner, OwnerBook(owner)).items.append(item)
    result.books = sorted(books.values(), key=lambda b: b.owner.id)
    if not all_actions:
        chosen = {i.key for b in result.books for i in b.items}
        result.items = {k: v for k, v in result.items.items() if k in chosen}
    return result


def wanted(item: Item, span: PeriodSpan) -> bool:
    """Whether the owner is asked for a report on the action for the period."""
    action = item.action
    start = action.schedule.start if action.schedule else None
    if start is not None and start > span.end:
        return False
    if item.existing is not None:
        return True
    if item.previous is not None and item.previous.status == FINISHED:
        return False
    return action.status != FINISHED


def _item(
    hp: Loaded[Handlingsplan],
    at: walk.ActionAt,
    year: int,
    span: PeriodSpan,
    calendar: Calendar,
    bodies: dict[str, str],
    texts: _Texts,
) -> Item:
    action = at.action
    existing: Report | None = None
    existing_index: int | None = None
    previous: Report | None = None
    here = (year, span.index)
    for index, report in enumerate(action.reports):
        report_year = calendar.report_year(report, hp.plan.year)
        report_span = calendar.span(report.period, report_year)
        if report_span is None:
            continue  # an unknown period (PV308)
        when = (report_year, report_span.index)
        if when == here and existing is None:
            existing, existing_index = report, index
        elif when < here and (
            previous is None
            or calendar.sort_key(report, hp.plan.year) >= calendar.sort_key(previous, hp.plan.year)
        ):
            previous = report
    follow_up = action.follow_up
    values = {
        "id": action.id,
        "action": _clean(action.text),
        "activity": texts.activity(hp.plan, action),
        "assignment": "\n".join(
            f"{', '.join(bodies.get(b, b) for b in a.to)}: {_clean(a.text)}"
            for a in action.assignments
        ),
        "schedule": _schedule(action),
        "last": _last(previous, calendar, hp.plan.year),
        "last_comment": _clean(previous.comment or "") if previous else "",
        "method": _clean(follow_up.method or "") if follow_up else "",
        "target": _clean(follow_up.target or "") if follow_up else "",
        "plan": _clean(hp.plan.title),
    }
    indicators = tuple(_clean(i) for i in follow_up.indicators) if follow_up else ()
    return Item(
        hp,
        at.path,
        action,
        owners_of(hp.plan, action, bodies),
        existing,
        existing_index,
        previous,
        values,
        indicators,
    )


def _clean(text: str) -> str:
    """A plan text as a cell shows it: line breaks as in the plan, no trailing space, no
    control characters (a workbook cannot hold them; PV307 reports them in the plan)."""
    text = CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _schedule(action: Action) -> str:
    schedule = action.schedule
    if schedule is None:
        return ""
    span = ""
    if schedule.start or schedule.end:
        start = schedule.start.isoformat() if schedule.start else ""
        end = schedule.end.isoformat() if schedule.end else ""
        span = f"{start} – {end}".strip()
    text = _clean(schedule.text or "")
    return "\n".join(part for part in (span, text) if part)


def _last(report: Report | None, calendar: Calendar, plan_year: int | None) -> str:
    if report is None:
        return ""
    year = calendar.report_year(report, plan_year)
    span = calendar.span(report.period, year)
    name = span.name if span else report.period
    return f"{name} {year} ({report.date.isoformat()}): {report.status}"


class _Texts:
    """The AP activity's text, or the VP goal's rubrik, an action serves."""

    def __init__(self, planset: PlanSet, year: int, bodies: dict[str, str]) -> None:
        self.planset = planset
        ap = planset.ap(year)
        self.activities = {a.activity.id: a.text for a in walk.activities(ap.plan)} if ap else {}
        self.goals: dict[str, dict[str, str]] = {}
        self.year = year

    def activity(self, plan: Handlingsplan, action: Action) -> str:
        if action.activity is not None:
            return _clean(self.activities.get(action.activity, action.activity))
        if action.goal is not None:
            vp = self.planset.vp_for(plan.year or self.year, plan.vp)
            if vp is None:
                return action.goal
            goals = self.goals.get(vp.plan.id)
            if goals is None:
                goals = self.goals[vp.plan.id] = {
                    g.goal.id: g.goal.heading for g in walk.goals(vp.plan)
                }
            return _clean(goals.get(action.goal, action.goal))
        return ""


def report_date_range(span: PeriodSpan) -> tuple[dt.date, dt.date]:
    """The dates a report for the period may carry (as rule PV309 says)."""
    return span.start, span.report_deadline
