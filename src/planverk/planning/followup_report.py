"""The follow-up report in Word: counts per status and fokusområde, the stacked-bar chart,
and one section per fokusområde with its röd and gul actions and their comments first.

It is a render target like the plan documents (template ``templates/uppfoljning.md.j2``,
the one render pipeline, the dokumentmall's look); its chart is a figure the pipeline draws
where the template put the chart's marker. The data comes from
:func:`planverk.planning.followup.overview`, so the report and `planverk status` agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planverk.core.chars import writable as _clean
from planverk.loading.planset import PlanSet
from planverk.model import walk
from planverk.model.periods import Calendar
from planverk.office.chart import StackedBars, insert_chart
from planverk.planning.followup import ActionStatus, Overview, overview
from planverk.render import Builder, Figure, PlanText, Target, markdown_table, svg_figure

KIND = "uppfoljning"
CHART_MARKER = "DIAGRAM-STATUS-PER-FOKUSOMRÅDE"
CHART_TITLE = "Status per fokusområde"
CONCERNS = ("röd", "gul")  # listed first in each fokusområde, with their comments


def chart_of(view: Overview) -> StackedBars:
    groups = view.by_focus()
    return StackedBars(
        title=f"{CHART_TITLE} {view.year}",
        categories=[_clean(focus.heading) for focus, _ in groups],
        series=view.statuses,
        values=[[counts[s] for s in view.statuses] for _, counts in groups],
    )


def document_data(view: Overview, builder: Builder) -> dict[str, Any]:
    """The template data of ``templates/uppfoljning.md.j2`` (Swedish names, as in the other
    templates; every text is cleaned and escaped for Markdown by the render builder)."""

    def text(value: str | None) -> PlanText | None:
        return builder.text(value, None) if value else None

    def action(item: ActionStatus) -> dict[str, Any]:
        report = item.report
        schedule = item.action.schedule
        return {
            "id": item.action.id,
            "text": text(item.action.text),
            "status": item.status,
            "kommentar": text(item.comment),
            "resultat": text(item.result),
            "ägare": text(", ".join(owner.name for owner in item.owners)),
            "plan": text(item.plan.title),
            "rapport": None
            if report is None
            else {"period": _period_name(view, report.period), "datum": report.date},
            "tidplan_till": schedule.end if schedule else None,
            "dagar_sen": item.late_days,
        }

    statuses = view.statuses
    totals = view.totals()
    areas = []
    summary = []
    for focus, counts in view.by_focus():
        items = view.focus_actions(focus)
        concerns = [a for s in CONCERNS for a in items if a.status == s]
        others = [a for a in items if a.status not in CONCERNS]
        summary.append(
            {
                "fokusområde": text(focus.heading),
                "antal": [counts[s] for s in statuses],
                "totalt": counts.total(),
            }
        )
        areas.append(
            {
                "rubrik": text(focus.heading),
                "antal": {s: counts[s] for s in statuses},
                "totalt": counts.total(),
                "lägesord": _counts_words(counts, statuses),
                "röda_och_gula": [action(a) for a in concerns],
                "övriga": [action(a) for a in others],
            }
        )
    chart = chart_of(view)
    period = view.period
    return {
        "typ": KIND,
        "projekt": {"namn": text(view.region) or ""},
        "år": view.year,
        "datum": view.on,
        "period": None
        if period is None
        else {"namn": text(period.name), "start": period.start, "slut": period.end},
        "statusar": statuses,
        "antal_åtgärder": len(view.actions),
        "antal_planer": len(view.plans),
        "sammanfattning": summary,
        "totalt": {"antal": [totals[s] for s in statuses], "totalt": totals.total()},
        "diagram": {
            "markör": CHART_MARKER,
            "titel": chart.title,
            "beskrivning": text(chart.description()),
        },
        "fokusområden": areas,
        "försenade": [action(a) for a in view.late()],
        "saknar_rapport": [action(a) for a in view.missing()],
    }


# What the date of the report is based on, as the document says it after "Läget den …".
BASIS = {
    "rapport": "enligt senaste rapport",
    "datum": "enligt angivet datum (--datum)",
    "ingen": "då ingen rapport finns ännu",
}


def default_year(planset: PlanSet) -> int:
    """The year a follow-up report is about when none is given: the latest year a
    handlingsplan is for, else the year of the latest report, else this year."""
    years = [hp.plan.year for hp in planset.hps if hp.plan.year is not None]
    if years:
        return max(years)
    dates = [r.date for hp in planset.hps for a in walk.actions(hp.plan) for r in a.action.reports]
    return max(dates).year if dates else dt.date.today().year


def as_of(planset: PlanSet, year: int, on: dt.date | None) -> tuple[dt.date, str]:
    """The day the report shows the state of, and what it is based on (a key of BASIS):
    ``on`` when given (--datum), else the date of the latest report of the year's plans (so
    the same plans give the same report on any day), else 1 January of the year."""
    if on is not None:
        return on, "datum"
    project = planset.project.plan if planset.project else None
    calendar = Calendar.of(project)
    dates = [
        report.date
        for hp in planset.hps
        if hp.plan.year in (None, year)
        for item in walk.actions(hp.plan)
        for report in item.action.reports
        if calendar.report_year(report, hp.plan.year) == year
    ]
    if dates:
        return max(dates), "rapport"
    return dt.date(year, 1, 1), "ingen"


def target(planset: PlanSet, year: int, on: dt.date, basis: str = "datum") -> Target:
    """The follow-up report of ``year`` as of ``on``, as a render target: its data is the
    same :func:`overview` that `planverk status` prints, its chart a figure. ``basis`` says
    where ``on`` came from (see :func:`as_of`); the document says it."""
    view = overview(planset, year, on)
    chart = chart_of(view)
    description = _clean(chart.description())

    def insert(document: Any, paragraph: Any, width_cm: float) -> None:
        insert_chart(document, paragraph, chart, width_cm)

    return Target(
        template=KIND,
        stem=f"uppfoljning-{year}",
        title=f"Uppföljning {year}",
        subject=f"Uppföljning av handlingsplanerna {year} per {on.isoformat()}",
        author=_clean(view.region),
        date=on,
        sources=tuple(hp.doc.display for hp in planset.hps_for(year)),
        data=lambda builder: {**document_data(view, builder), "datumgrund": BASIS[basis]},
        keywords="uppföljning, status, " + ", ".join(view.statuses),
        figures=(
            Figure(
                CHART_MARKER,
                str(PlanText(description)),
                insert,
                html=lambda: svg_figure(chart, "status-per-fokusomrade"),
                markdown=lambda: markdown_table(chart),
            ),
        ),
    )


def _period_name(view: Overview, period_id: str) -> str:
    return next((s.name for s in view.periods if s.id == period_id), period_id)


def _counts_words(counts: Any, statuses: list[str]) -> str:
    parts = [f"{counts[s]} {s}" for s in statuses if counts[s]]
    if not parts:
        return "inga åtgärder"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} och {parts[-1]}"
