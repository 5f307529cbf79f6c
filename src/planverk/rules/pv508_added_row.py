"""PV508 – raden eller cellen finns inte i rapportmallen.

Rapporteras av `planverk import`: arbetsboken har en rad som `planverk rapportmall` inte
gjorde (en ny åtgärd skriven för hand, en kopierad rad, samma åtgärd två gånger) eller ett
värde till höger om tabellen. planverk läser bara in rader som mallen gjorde, en gång var,
så att ingenting hamnar i fel plan. En ny åtgärd läggs till i handlingsplanen; en
kommentar som inte får plats skrivs i Kommentar.

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.intake.context import Matching
    from planverk.model.workbook import ReturnedBook


def check(book: ReturnedBook, matching: Matching) -> Iterator[Finding]:
    for cell in matching.added:
        yield at_cell(
            RULE,
            book,
            cell,
            f"rad {cell.row} på bladet {cell.sheet} finns inte i rapportmallen (en tillagd rad)",
            "Ta bort raden. En ny åtgärd läggs till i handlingsplanen och kommer med i nästa "
            "rapportmall.",
        )
    for cell, first in matching.duplicates:
        yield at_cell(
            RULE,
            book,
            cell,
            f"åtgärden '{cell.text}' står två gånger på bladet {cell.sheet} (rad {first} och "
            f"rad {cell.row})",
            "Ta bort den kopierade raden och skriv hela rapporten på en rad.",
        )
    for cell in matching.stray:
        yield at_cell(
            RULE,
            book,
            cell,
            f"cellen {cell.ref} ligger utanför rapportmallens tabell",
            "Töm cellen; skriv det som ska med i Kommentar eller Resultat på åtgärdens rad.",
        )


RULE = rule(
    __doc__ or "",
    code="PV508",
    name="tillagd-rad",
    level=Level.ERROR,
    summary="arbetsboken har en rad eller cell som rapportmallen inte gjorde",
    configurable=False,
)
