"""A returned report workbook as plain data: cells with their positions, the hidden sheet.

Made by :mod:`planverk.intake.read`, checked by the workbook rules (PV501–PV549). Nothing
here imports openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level, Span
from planverk.intake import layout

if TYPE_CHECKING:  # the rule modules import this one
    from planverk.rules.base import Rule

# What a cell holds, as the reader saw it.
TEXT, NUMBER, DATE, BOOL, FORMULA, ERROR = "text", "number", "date", "bool", "formula", "error"


@dataclass(frozen=True, slots=True)
class Cell:
    sheet: str
    row: int
    column: int
    value: object  # str, int, float, bool, datetime.datetime or the formula's text
    kind: str

    @property
    def ref(self) -> str:
        return layout.ref(self.sheet, self.row, self.column)

    @property
    def text(self) -> str:
        """The value as the read-only cells are compared: text, or '' for an empty cell."""
        return self.value if isinstance(self.value, str) else str(self.value)


# sheet -> row -> column -> cell, for the cells that hold something
Cells = dict[int, dict[int, Cell]]


@dataclass(frozen=True, slots=True)
class TableEntry:
    """One row of the hidden sheet's table: what was written at a row of another sheet."""

    sheet: str
    row: int
    plan: str
    action: str
    indicator: int | None  # 1-based number of the indicator, on the Indikatorer sheet
    cells: str  # fingerprint of the row's read-only cells as written
    fingerprint: str  # the action's fingerprint (Åtgärder rows)


@dataclass(slots=True)
class ReturnedBook:
    path: Path
    display: str
    sheet_names: list[str] = field(default_factory=list)
    sheets: dict[str, Cells] = field(default_factory=dict)  # Åtgärder and Indikatorer
    meta: dict[str, str] = field(default_factory=dict)  # the hidden sheet's key/value rows
    meta_cells: dict[str, Cell] = field(default_factory=dict)
    meta_state: str | None = None  # the hidden sheet's visibility, None when missing
    table: list[TableEntry] = field(default_factory=list)
    table_ok: bool = True  # every table row could be read
    merged: list[tuple[str, str]] = field(default_factory=list)  # (sheet, "F7:G7")

    @property
    def year(self) -> int | None:
        text = self.meta.get("år", "")
        return int(text) if text.isdigit() else None

    @property
    def period(self) -> str:
        return self.meta.get("period", "")

    def cell(self, sheet: str, row: int, column: int) -> Cell | None:
        return self.sheets.get(sheet, {}).get(row, {}).get(column)


def at_cell(
    rule: Rule,
    book: ReturnedBook | str,
    where: Cell | tuple[str, int, int],
    message: str,
    hint: str,
) -> Finding:
    """A finding at a cell of a workbook (``file:Åtgärder!F7``)."""
    display = book if isinstance(book, str) else book.display
    sheet, row, column = (
        (where.sheet, where.row, where.column) if isinstance(where, Cell) else where
    )
    return Finding(
        rule.code,
        rule.level or Level.ERROR,
        message,
        display,
        Span(row, column, row, column),
        hint,
        rule.name,
        cell=layout.ref(sheet, row, column),
    )


def in_file(rule: Rule, display: str, message: str, hint: str) -> Finding:
    """A finding about a whole file."""
    return Finding(
        rule.code, rule.level or Level.ERROR, message, display, Span(1, 1, 1, 1), hint, rule.name
    )
