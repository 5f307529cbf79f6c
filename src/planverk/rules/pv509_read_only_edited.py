"""PV509 – en lässkyddad cell har ändrats.

Rapporteras av `planverk import`: en cell som rapportmallen skrev ur planen (grå, låst) har
ett annat värde än när arbetsboken gjordes: id, åtgärdens text, tidplanen, rubrikraden.
Bladskyddet har inget lösenord, så det går att stänga av; planverk jämför därför varje
lässkyddad cell med fingeravtrycket i det dolda bladet. En ändring där ändrar inte planen,
och kan betyda att rapporten gäller något annat än det som står i planen. Vill ägaren att
planen ska ändras skriver hen det i Kommentar.

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.model import workbook as layout
from planverk.model.workbook import FORMULA, fingerprint
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.intake.context import RowMatch
    from planverk.model.workbook import Cell, ReturnedBook

_HINT = (
    "Ångra ändringen (eller skriv tillbaka texten ur planen). Ändringar i planen skrivs i "
    "Kommentar, så att kansliet kan föra in dem."
)


def check_header(book: ReturnedBook, sheet: str) -> Iterator[Finding]:
    for number, column in enumerate(layout.COLUMNS[sheet], start=1):
        cell = book.cell(sheet, layout.HEADER_ROW, number)
        if (cell.text if cell else "") != column.header and not _formula(cell):
            yield at_cell(
                RULE,
                book,
                (sheet, layout.HEADER_ROW, number),
                f"rubriken i {layout.ref(sheet, layout.HEADER_ROW, number)} ska vara "
                f"'{column.header}'",
                _HINT,
            )


def check(
    book: ReturnedBook, sheet: str, match: RowMatch, expected: dict[int, str] | None
) -> Iterator[Finding]:
    """``expected``: the read-only texts by column number as the plan gives them now, when
    the plan has not changed since the workbook was made (then each edited cell is named)."""
    columns = layout.COLUMNS[sheet]
    numbers = [n for n, c in enumerate(columns, start=1) if not c.editable]
    texts = [match.cells[n].text if n in match.cells else "" for n in numbers]
    if fingerprint(texts) == match.entry.cells:
        return
    if expected is not None:
        edited = [
            n
            for n, text in zip(numbers, texts, strict=True)
            if text != expected.get(n, "") and not _formula(match.cells.get(n))
        ]
        for n in edited:
            yield at_cell(
                RULE,
                book,
                (sheet, match.row, n),
                f"den lässkyddade cellen {layout.ref(sheet, match.row, n)} "
                f"({columns[n - 1].header}) har ändrats",
                _HINT,
            )
        return
    if any(_formula(match.cells.get(n)) for n in numbers):
        return  # PV511 names the cell
    yield at_cell(
        RULE,
        book,
        (sheet, match.row, 1),
        f"lässkyddade celler på rad {match.row} på bladet {sheet} har ändrats",
        _HINT,
    )


def _formula(cell: Cell | None) -> bool:
    return cell is not None and cell.kind == FORMULA


RULE = rule(
    __doc__ or "",
    code="PV509",
    name="lässkyddad-cell-ändrad",
    level=Level.ERROR,
    summary="en lässkyddad cell i arbetsboken har ändrats",
    configurable=False,
)
