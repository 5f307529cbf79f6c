"""PV511 – en formel där ett värde ska stå.

Rapporteras av `planverk import`: en cell på bladet Åtgärder eller Indikatorer har en
formel (`=...`). planverk räknar aldrig ut formler och läser aldrig in dem i planerna: en
formel kan hämta data från andra filer eller, som `=HYPERLINK(...)` och DDE-formler, göra
något när dokumentet öppnas. Skriv värdet i cellen i stället (kopiera och klistra in som
värden).

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.model import workbook as layout
from planverk.model.workbook import FORMULA
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.model.workbook import ReturnedBook


def check(book: ReturnedBook) -> Iterator[Finding]:
    for sheet in (layout.ACTIONS, layout.INDICATORS):
        for row in sorted(book.sheets.get(sheet, {})):
            cells = book.sheets[sheet][row]
            for column in sorted(cells):
                cell = cells[column]
                if cell.kind != FORMULA:
                    continue
                shown = cell.text if len(cell.text) <= 60 else cell.text[:59] + "…"
                yield at_cell(
                    RULE,
                    book,
                    cell,
                    f"cellen har en formel ({shown}), inte ett värde",
                    "Skriv värdet i cellen i stället för formeln (Klistra in special > "
                    "Värden); planverk läser aldrig in formler.",
                )


RULE = rule(
    __doc__ or "",
    code="PV511",
    name="formel-i-cell",
    level=Level.ERROR,
    summary="en cell i arbetsboken har en formel där ett värde ska stå",
    configurable=False,
)
