"""PV518 – det finns redan en annan rapport för perioden.

Rapporteras av `planverk import`: åtgärden har redan en rapport för perioden i planfilen,
och arbetsbokens rapport skiljer sig från den. planverk skriver inte över en rapport utan
att bli ombedd: kör `planverk import --ersätt` för att ersätta den (den gamla rapporten
visas då i utskriften). En rapport som är likadan som den i planen är ingen ändring, så att
samma arbetsbok kan importeras två gånger.

Exemplet är en arbetsbok och en plan med rapport; det testas i tests/intake/test_import.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.intake.context import Draft


def check(draft: Draft, replace: bool) -> Iterator[Finding]:
    old = draft.item.existing
    if old is None or replace or draft.same_as(old):
        return
    yield at_cell(
        RULE,
        draft.book,
        draft.where("status"),
        f"åtgärden '{draft.item.action.id}' har redan en rapport för {old.period} "
        f"({old.date.isoformat()}, {old.status}) i {draft.item.hp.doc.display}",
        "Kör `planverk import --ersätt` för att ersätta den; den gamla rapporten visas då.",
    )


RULE = rule(
    __doc__ or "",
    code="PV518",
    name="rapport-finns-redan",
    level=Level.ERROR,
    summary="åtgärden har redan en annan rapport för perioden",
    configurable=False,
)
