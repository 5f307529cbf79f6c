"""`planverk status --format xlsx`: one row per action, for the people who live in Excel.

The first sheet, Åtgärder, has a header row (frozen, with an autofilter) and one row per
action; two more sheets hold the counts per fokusområde and per owner. openpyxl is
imported here only, when the format is asked for.

Text from the plans is never a formula: openpyxl makes every string that begins with ``=``
a formula (``=HYPERLINK(...)``, a DDE payload ``=cmd|' /C calc'!A0``), so every text cell is
written as a string, and one that a spreadsheet would read as a formula when edited
(``=``, ``+``, ``-``, ``@``, a tab or a carriage return first) gets the quote prefix, the
apostrophe Excel and LibreOffice show in the input line, so it stays text when edited too.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from planverk.office.package import with_core_dates
from planverk.planning.followup import Overview
from planverk.planning.statusview import focus_table, owner_table
from planverk.render import timestamp

MAX_WIDTH = 60
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_FILLS = {"grön": "C6EFCE", "gul": "FFEB9C", "röd": "FFC7CE", "avslutad": "D9D9D9"}


def columns(view: Overview) -> list[str]:
    due = view.period.name if view.period else "aktuell period"
    return [
        "Handlingsplan",
        "Åtgärd (id)",
        "Åtgärd",
        "Fokusområde",
        "Ägare",
        "Status",
        "Status i planen",
        "Rapportperiod",
        "Rapportdatum",
        "Kommentar",
        "Resultat",
        "Tidplan från",
        "Tidplan till",
        "Dagar försenad",
        f"Saknar rapport för {due}",
        "Fil",
        "Rad",
    ]


def rows(view: Overview) -> list[list[Any]]:
    result: list[list[Any]] = []
    for item in view.actions:
        schedule = item.action.schedule
        report = item.report
        result.append(
            [
                item.plan.title,
                item.action.id,
                " ".join(item.action.text.split()),
                item.focus.heading,
                ", ".join(owner.name for owner in item.owners),
                item.status,
                item.action.status,
                report.period if report else None,
                report.date if report else None,
                item.comment,
                item.result,
                schedule.start if schedule else None,
                schedule.end if schedule else None,
                item.late_days,
                ("ja" if item.missing_report else "nej") if view.period else None,
                item.file,
                item.line,
            ]
        )
    return result


def workbook(view: Overview) -> bytes:
    """The workbook as .xlsx bytes."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    book = Workbook()
    # Created and modified on the day of the follow-up, not the wall clock, and packed with
    # fixed zip times: the same plans and date give the same bytes.
    moment = timestamp(view.on)
    book.properties.created = moment
    book.properties.modified = moment
    book.properties.creator = "planverk"
    sheet = book.active
    sheet.title = "Åtgärder"
    header = columns(view)
    sheet.append(header)
    status_column = header.index("Status") + 1
    for row in rows(view):
        sheet.append(row)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str) and len(cell.value) > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        status = row_cells[status_column - 1]
        colour = _FILLS.get(str(status.value))
        if colour:
            status.fill = PatternFill("solid", start_color=colour, end_color=colour)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _widths(sheet, get_column_letter)

    for title, table in (
        ("Per fokusområde", focus_table(view)),
        ("Per ägare", owner_table(view)),
    ):
        counts = book.create_sheet(title)
        for index, table_row in enumerate(table):
            counts.append([c if index == 0 or i == 0 else int(c) for i, c in enumerate(table_row)])
        for cell in counts[1]:
            cell.font = bold
        for cell in counts[counts.max_row]:
            cell.font = bold
        counts.freeze_panes = "B2"
        _widths(counts, get_column_letter)

    for worksheet in book.worksheets:
        _text_stays_text(worksheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return with_core_dates(buffer.getvalue(), moment)


def _text_stays_text(sheet: Any) -> None:
    """Every text cell as string data, never a formula (see the module docstring)."""
    for row_cells in sheet.iter_rows():
        for cell in row_cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                if cell.value.startswith(FORMULA_START):
                    cell.quotePrefix = True


def _widths(sheet: Any, letter: Any) -> None:
    for index, column in enumerate(sheet.iter_cols(), start=1):
        longest = max((len(_shown(cell.value)) for cell in column), default=8)
        sheet.column_dimensions[letter(index)].width = min(max(longest + 2, 8), MAX_WIDTH)


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
