"""PV510 – sammanfogade celler.

Rapporteras av `planverk import`: celler på bladet Åtgärder eller Indikatorer har
sammanfogats. En sammanfogad cell har bara det övre vänstra värdet, så en kommentar eller
status i de andra cellerna är borta, och det går inte att veta vilken åtgärd den gäller.
Dela upp cellerna igen (Start > Sammanfoga och centrera > Dela upp celler) och fyll i varje
rad för sig.

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.model.workbook import ReturnedBook


def check(book: ReturnedBook) -> Iterator[Finding]:
    for sheet, cells in book.merged:
        first = cells.split(":", 1)[0]
        column_letters = first.rstrip("0123456789")
        row = int(first[len(column_letters) :] or 1)
        column = 0
        for char in column_letters:
            column = column * 26 + ord(char) - 64
        yield at_cell(
            RULE,
            book,
            (sheet, row, column),
            f"cellerna {cells} på bladet {sheet} är sammanfogade",
            "Dela upp cellerna igen (Sammanfoga och centrera > Dela upp celler) och fyll i "
            "varje cell för sig.",
        )


RULE = rule(
    __doc__ or "",
    code="PV510",
    name="sammanfogade-celler",
    level=Level.ERROR,
    summary="arbetsboken har sammanfogade celler",
    configurable=False,
)
