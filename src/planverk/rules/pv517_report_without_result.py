"""PV517 – rapport utan resultat i arbetsboken.

Rapporteras av `planverk import`: en rad har status avslutad, eller är rapporten för årets
sista period för en åtgärd med uppföljning, men Resultat är tomt. Som i planerna (PV311)
ska en sådan rapport säga vad åtgärden har lett till, gärna mätt mot uppföljningens mål.

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.model.periods import Calendar, PeriodSpan
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.intake.context import Draft


def check(draft: Draft, span: PeriodSpan, calendar: Calendar, year: int) -> Iterator[Finding]:
    if draft.status is None or draft.result:
        return
    if draft.status == "avslutad":
        why = "avslutar åtgärden"
    else:
        last = calendar.last(year)
        if draft.item.action.follow_up is None or last is None or last.id != span.id:
            return
        why = f"är årets sista ({last.name})"
    yield at_cell(
        RULE,
        draft.book,
        draft.where("result"),
        f"rapporten för åtgärden '{draft.item.action.id}' {why} men saknar resultat",
        "Skriv i Resultat vad åtgärden har lett till, gärna mätt mot uppföljningens mål.",
    )


RULE = rule(
    __doc__ or "",
    code="PV517",
    name="arbetsbok-rapport-utan-resultat",
    level=Level.ERROR,
    summary="en avslutande rapport eller årets sista rapport saknar resultat",
    configurable=False,
)
