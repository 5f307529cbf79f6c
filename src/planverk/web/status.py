"""The status overview on the site: counts per fokusområde, owner and follow-up period, as
tables and as an SVG chart whose statuses differ by pattern and label, not colour alone.

The counts are those of `planverk status` and the follow-up report
(:func:`planverk.planning.followup.overview`), so the site, the terminal and the board's
report agree. The chart's geometry is computed here; how it is drawn (patterns, colours,
fonts) is the template's (``templates/webb/makron.html.j2``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from planverk.core.chars import writable
from planverk.loading.planset import PlanSet
from planverk.planning.followup import NOT_REPORTED, ActionStatus, Overview, overview
from planverk.planning.followup_report import chart_of
from planverk.web.index import ActionNode, Index
from planverk.web.pages import STATUS_CLASS, Data, Pages, short, status_of

CHART_WIDTH = 640
LABEL_HEIGHT = 30  # room above each bar for the fokusområde's name
BAR_HEIGHT = 34
ROW_GAP = 14
LEGEND_ROW = 34


def _counts_row(name: str, counts: Counter[str], statuses: list[str]) -> Data:
    return {
        "namn": name,
        "antal": [{"status": status_of(s), "antal": counts[s]} for s in statuses],
        "totalt": counts.total(),
        "adress": None,
    }


def chart(view: Overview) -> Data:
    """Stacked horizontal bars, one per fokusområde, scaled to the largest total."""
    statuses = view.statuses
    groups = view.by_focus()
    largest = max((counts.total() for _, counts in groups), default=0) or 1
    rows = []
    y = 0
    for focus, counts in groups:
        x = 0.0
        segments = []
        for status in statuses:
            n = counts[status]
            if not n:
                continue
            width = CHART_WIDTH * n / largest
            box = 14 + 12 * len(str(n))  # the white box the count stands in
            segments.append(
                {
                    "status": status,
                    "klass": STATUS_CLASS.get(status, "okand"),
                    "antal": n,
                    "x": round(x, 2),
                    "bredd": round(width, 2),
                    "mitt": round(x + width / 2, 2),
                    "märkt": width >= box + 4,
                    "ruta": box,
                    "ruta_x": round(x + width / 2 - box / 2, 2),
                }
            )
            x += width
        rows.append(
            {
                "namn": short(focus.heading, 70),
                "totalt": counts.total(),
                "y_text": y + LABEL_HEIGHT - 9,
                "y": y + LABEL_HEIGHT,
                "segment": segments,
            }
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    legend = []
    columns = 3
    for number, status in enumerate(statuses):
        legend.append(
            {
                "status": status,
                "klass": STATUS_CLASS.get(status, "okand"),
                "antal": view.totals()[status],
                "x": (number % columns) * (CHART_WIDTH // columns),
                "y": y + (number // columns) * LEGEND_ROW,
            }
        )
    height = y + ((len(statuses) + columns - 1) // columns) * LEGEND_ROW
    return {
        "titel": f"Status per fokusområde {view.year}",
        "beskrivning": writable(chart_of(view).description()),
        "bredd": CHART_WIDTH,
        "höjd": height,
        "stapelhöjd": BAR_HEIGHT,
        "rader": rows,
        "förklaring": legend,
    }


def _period_rows(planset: PlanSet, view: Overview) -> list[Data]:
    """Per follow-up period of the year that has ended: the status each counted action
    reported for it (ej rapporterad: no report for the period)."""
    from planverk.model.periods import Calendar

    calendar = Calendar.of(planset.project.plan if planset.project else None)
    rows = []
    for span in view.periods:
        if span.end > view.on:
            continue
        counts: Counter[str] = Counter()
        for item in view.actions:
            report = next(
                (
                    r
                    for r in item.action.reports
                    if r.period == span.id
                    and calendar.report_year(r, item.plan.year) == view.year
                    and r.date <= view.on
                ),
                None,
            )
            counts[report.status if report is not None else NOT_REPORTED] += 1
        rows.append(_counts_row(writable(span.name), counts, view.statuses))
    return rows


def overview_data(
    planset: PlanSet, index: Index, pages: Pages, year: int, on: dt.date
) -> tuple[Overview, Data]:
    """The follow-up of ``year`` as of ``on``, as template data."""
    view = overview(planset, year, on)
    nodes = {(n.hp.plan.id, n.action.id): n for n in index.actions}
    statuses = view.statuses

    def action(item: ActionStatus) -> Data:
        node: ActionNode | None = nodes.get((item.plan.id, item.action.id))
        base = (
            pages.action_ref(node)
            if node is not None
            else {"text": writable(item.action.text), "kort": short(item.action.text)}
        )
        return {
            **base,
            "status": status_of(item.status),
            "dagar_sen": item.late_days,
            "tidplan_till": item.action.schedule.end if item.action.schedule else None,
        }

    owners: list[Data] = []
    for owner, counts in view.by_owner():
        row = _counts_row(writable(owner.name), counts, statuses)
        row["adress"] = index.body_pages.get(owner.id)
        owners.append(row)
    period = view.period
    data: dict[str, Any] = {
        "år": year,
        "datum": on,
        "period": None if period is None else {"namn": writable(period.name), "slut": period.end},
        "statusar": [status_of(s) for s in statuses],
        "antal_åtgärder": len(view.actions),
        "antal_planer": len(view.plans),
        "fokusområden": [_counts_row(writable(f.heading), c, statuses) for f, c in view.by_focus()],
        "totalt": _counts_row("Totalt", view.totals(), statuses),
        "ägare": owners,
        "perioder": _period_rows(planset, view),
        "diagram": chart(view),
        "försenade": [action(a) for a in view.late()],
        "saknar_rapport": [action(a) for a in view.missing()],
    }
    return view, data
