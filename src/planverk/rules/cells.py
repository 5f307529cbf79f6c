"""Findings at a workbook's cells, for the workbook rules (PV501–PV549)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level, Span
from planverk.model.workbook import Cell, ref

if TYPE_CHECKING:
    from planverk.model.workbook import ReturnedBook
    from planverk.rules.base import Rule


def at_cell(
    rule: Rule,
    book: ReturnedBook | str,
    where: Cell | tuple[str, int, int],
    message: str,
    hint: str,
) -> Finding:
    """A finding at a cell of a workbook (``file:Åtgärder!F7``); its span is the cell's row
    and column number."""
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
        cell=ref(sheet, row, column),
    )


def in_file(rule: Rule, display: str, message: str, hint: str) -> Finding:
    """A finding about a whole file."""
    return Finding(
        rule.code, rule.level or Level.ERROR, message, display, Span(1, 1, 1, 1), hint, rule.name
    )
