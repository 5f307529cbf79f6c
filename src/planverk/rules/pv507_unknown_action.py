"""PV507 – åtgärden finns inte längre eller har flyttats.

Rapporteras av `planverk import`: en rad med en rapport gäller en åtgärd som inte längre
finns i handlingsplanen som arbetsboken gjordes från, för att den har tagits bort, fått
ett nytt id, eller flyttats till en annan plan (fyndet säger vilken). Rapporten kan inte
läggas någonstans utan att gissa. För in den för hand i rätt plan, eller gör en ny
arbetsbok.

Exemplet är en arbetsbok och en ändrad plan; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.model import workbook as layout
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.intake.context import Intake, RowMatch
    from planverk.model.workbook import ReturnedBook


def check(intake: Intake, book: ReturnedBook, match: RowMatch) -> Iterator[Finding]:
    entry = match.entry
    if (entry.plan, entry.action) in intake.selection.items:
        return
    elsewhere = [p for p in intake.plans_by_action.get(entry.action, []) if p != entry.plan]
    if elsewhere:
        message = (
            f"åtgärden '{entry.action}' finns inte längre i handlingsplanen '{entry.plan}'; "
            f"den har flyttats till {', '.join(repr(p) for p in elsewhere)}"
        )
        hint = (
            "Gör en ny arbetsbok med `planverk rapportmall`, eller för in rapporten för hand "
            "i den plan där åtgärden står nu."
        )
    else:
        message = f"åtgärden '{entry.action}' finns inte längre i handlingsplanen '{entry.plan}'"
        hint = (
            "Åtgärden har tagits bort eller fått ett nytt id sedan arbetsboken gjordes. För in "
            "rapporten för hand, eller gör en ny arbetsbok."
        )
    yield at_cell(RULE, book, (layout.ACTIONS, match.row, 1), message, hint)


RULE = rule(
    __doc__ or "",
    code="PV507",
    name="okänd-åtgärd",
    level=Level.ERROR,
    summary="raden gäller en åtgärd som inte längre finns där arbetsboken säger",
    configurable=False,
)
