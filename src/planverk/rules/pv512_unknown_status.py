"""PV512 – okänd status i arbetsboken.

Rapporteras av `planverk import`: cellen Status har något annat än grön, gul, röd eller
avslutad (listan i cellen). Stora och små bokstäver och mellanslag runt ordet spelar ingen
roll; "ej rapporterad" skrivs inte, utan raden lämnas tom. Fyndet föreslår det närmaste
ordet.

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.core.suggest import closest
from planverk.model import workbook as layout
from planverk.model.workbook import TEXT
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.model.workbook import Cell, ReturnedBook


def check(book: ReturnedBook, cell: Cell | None) -> tuple[str | None, Finding | None]:
    """The status in ``cell`` (None when empty), or a finding."""
    if cell is None:
        return None, None
    word = " ".join(cell.text.split()).casefold() if cell.kind == TEXT else ""
    if word in layout.STATUSES:
        return word, None
    if cell.kind == TEXT and not word:
        return None, None
    guess = closest(word or cell.text, layout.STATUSES)
    return None, at_cell(
        RULE,
        book,
        cell,
        f"'{cell.text}' är ingen status",
        (f"Menade du '{guess}'? " if guess else "")
        + "Välj grön, gul, röd eller avslutad i listan, eller lämna cellen tom.",
    )


RULE = rule(
    __doc__ or "",
    code="PV512",
    name="okänd-status-i-arbetsbok",
    level=Level.ERROR,
    summary="cellen Status har något annat än grön, gul, röd eller avslutad",
    configurable=False,
)
