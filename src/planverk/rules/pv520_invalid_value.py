"""PV520 – cellen har ett värde som inte kan läsas in.

Rapporteras av `planverk import`: en cell för Kommentar, Resultat eller en indikators Värde
har ett felvärde (#SAKNAS!, #REFERENS!), ett sanningsvärde (SANT/FALSKT) eller ett osynligt
styrtecken (från en inklistrad text). Tal läses in som text (71 blir "71"). Skriv om
texten i cellen.

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planverk.core.chars import CONTROL
from planverk.core.findings import Finding, Level
from planverk.model.workbook import BOOL, ERROR, NUMBER, TEXT
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.model.workbook import Cell, ReturnedBook


def check(book: ReturnedBook, cell: Cell | None) -> tuple[str | None, Finding | None]:
    """The text in ``cell`` (None when empty), or a finding."""
    if cell is None:
        return None, None
    if cell.kind == NUMBER:
        value = cell.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).replace(".", ","), None
    if cell.kind == TEXT:
        text = "\n".join(line.rstrip() for line in cell.text.replace("\r\n", "\n").split("\n"))
        text = text.strip()
        match = CONTROL.search(text)
        if match is None:
            return text or None, None
        return None, at_cell(
            RULE,
            book,
            cell,
            f"texten har det osynliga styrtecknet U+{ord(match.group()):04X}",
            "Skriv om texten i cellen (styrtecknet följer ofta med när text klistras in).",
        )
    what = {ERROR: "ett felvärde", BOOL: "ett sanningsvärde"}.get(cell.kind, "ett datum")
    return None, at_cell(
        RULE,
        book,
        cell,
        f"cellen har {what} ({cell.text}), inte en text",
        "Skriv texten i cellen.",
    )


RULE = rule(
    __doc__ or "",
    code="PV520",
    name="ogiltigt-värde",
    level=Level.ERROR,
    summary="en textcell har ett felvärde, ett sanningsvärde eller ett styrtecken",
    configurable=False,
)
