"""`planverk status` as a library call: the year's follow-up as text, md, json or a workbook.

The report is made from whatever loads (a plan that cannot be read is left out, and said
so); a file goes through the output guard like every other output, so ``-o`` can never
name a plan, a template or the dokumentmall.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from planverk.core.errors import UserError
from planverk.core.findings import Level
from planverk.loading.planset import PlanSet, load_plan_dir
from planverk.planning import statusview
from planverk.planning.followup import Overview, overview
from planverk.publish.write import write_project_outputs

FORMATS = ("text", "md", "json", "xlsx")


@dataclass(slots=True)
class StatusReport:
    """The follow-up of one year and how many plan files could not be read for it."""

    planset: PlanSet
    view: Overview
    unreadable: int  # loading errors: those plans are missing from the follow-up

    def rendered(self, fmt: str) -> bytes:
        """The report in ``fmt`` (text, md and json as UTF-8 text ending in a newline)."""
        if fmt == "xlsx":
            from planverk.planning.xlsx import workbook

            return workbook(self.view)
        render = {"text": statusview.text, "md": statusview.markdown, "json": statusview.to_json}
        if fmt not in render:
            raise UserError(f"okänt format '{fmt}'", f"Välj {', '.join(FORMATS)}.")
        return (render[fmt](self.view).rstrip("\n") + "\n").encode("utf-8")


def status_report(plan_dir: Path, year: int | None, on: dt.date) -> StatusReport:
    """Load the plans and follow up ``year`` (default: the year of ``on``) as of ``on``."""
    planset = load_plan_dir(plan_dir)
    unreadable = sum(1 for f in planset.findings if f.level >= Level.ERROR)
    view = overview(planset, year if year is not None else on.year, on)
    return StatusReport(planset, view, unreadable)


def write_status(report: StatusReport, fmt: str, output: Path) -> Path:
    """Write the report to ``output`` (checked by the guard: never into the plan folder, over
    a template or the dokumentmall; a workbook's name ends in .xlsx). Raises OutputRefused
    or another UserError."""
    write_project_outputs(
        report.planset,
        [(output, report.rendered(fmt))],
        explicit=True,
        fmt="xlsx" if fmt == "xlsx" else None,  # a workbook is named .xlsx
    )
    return output
