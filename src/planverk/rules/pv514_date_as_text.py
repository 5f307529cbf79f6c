"""PV514 – datumet är text eller ett tal.

Rapporteras av `planverk import`: cellen Datum har text ("31/8", "2025-08-31" skrivet som
text) eller ett tal i stället för ett datum. planverk gissar inte vad en text betyder: 3/4
är den 3 april eller den 4 mars beroende på vem som skrev. Skriv datumet som ÅÅÅÅ-MM-DD i
en cell med datumformat, så känner Excel och LibreOffice igen det.

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.model.workbook import DATE, NUMBER, TEXT
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.model.workbook import Cell, ReturnedBook


def check(book: ReturnedBook, cell: Cell | None) -> tuple[dt.date | None, Finding | None]:
    """The date in ``cell`` (None when empty), or a finding."""
    if cell is None or (cell.kind == TEXT and not cell.text.strip()):
        return None, None
    if cell.kind == DATE and isinstance(cell.value, dt.datetime):
        return cell.value.date(), None
    if cell.kind == DATE and isinstance(cell.value, dt.date):
        return cell.value, None
    what = "ett tal" if cell.kind == NUMBER else "text"
    return None, at_cell(
        RULE,
        book,
        cell,
        f"datumet '{cell.text}' är {what}, inte ett datum",
        "Skriv datumet som ÅÅÅÅ-MM-DD (t.ex. 2025-08-31) i en cell med datumformat.",
    )


RULE = rule(
    __doc__ or "",
    code="PV514",
    name="datum-som-text",
    level=Level.ERROR,
    summary="cellen Datum har text eller ett tal i stället för ett datum",
    configurable=False,
)
