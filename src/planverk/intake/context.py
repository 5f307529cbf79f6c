"""What the workbook rules see: the plans, the period, and the reports read from the rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planverk.intake.selection import Item, Selection
from planverk.loading.planset import PlanSet
from planverk.model import workbook as layout
from planverk.model.handlingsplan import Report
from planverk.model.workbook import Cell, ReturnedBook, TableEntry

Where = Cell | tuple[str, int, int]


@dataclass(slots=True)
class Intake:
    """One import: the plans, the period's selection, and how it was asked for."""

    planset: PlanSet
    selection: Selection
    replace: bool = False
    # action id -> the ids of the plans of the year (and the living ones) that have it
    plans_by_action: dict[str, list[str]] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.selection.year


@dataclass(slots=True)
class RowMatch:
    """A row of the returned workbook and the row of the hidden table it is."""

    entry: TableEntry
    row: int  # where the row is now (the same as ``entry.row`` unless rows were moved)
    cells: dict[int, Cell]


@dataclass(slots=True)
class Matching:
    """Rows matched to the hidden table, and the rows and cells that are not in it."""

    matched: list[RowMatch] = field(default_factory=list)
    added: list[Cell] = field(default_factory=list)  # first cell of a row not in the table
    duplicates: list[tuple[Cell, int]] = field(default_factory=list)  # id cell, first row
    stray: list[Cell] = field(default_factory=list)  # a value right of the table


@dataclass(slots=True)
class Draft:
    """A report as read from one row (and its indicator rows), with where each value is."""

    book: ReturnedBook
    item: Item
    row: int
    status: str | None = None
    comment: str | None = None
    result: str | None = None
    date: dt.date | None = None
    indicators: list[tuple[str, str]] = field(default_factory=list)
    indicator_cells: list[Where] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)  # columns whose value could not be read

    def where(self, key: str) -> Where:
        """The cell of a column of the row (a position when the cell is empty)."""
        column = layout.index(layout.ACTION_COLUMNS, key)
        found = self.book.cell(layout.ACTIONS, self.row, column)
        return found if found is not None else (layout.ACTIONS, self.row, column)

    def ref(self, key: str) -> str:
        where = self.where(key)
        if isinstance(where, Cell):
            return f"{self.book.display}:{where.ref}"
        return f"{self.book.display}:{layout.ref(*where)}"

    @property
    def reported(self) -> bool:
        return bool(self.status or self.comment or self.result or self.indicators)

    def same_as(self, other: Draft | Report) -> bool:
        indicators = (
            other.indicators
            if isinstance(other, Draft)
            else [(v.indicator, v.value) for v in other.indicators]
        )
        return (
            self.status == other.status
            and self.date == other.date
            and (self.comment or None) == (other.comment or None)
            and (self.result or None) == (other.result or None)
            and list(self.indicators) == list(indicators)
        )
