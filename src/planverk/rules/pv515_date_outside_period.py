"""PV515 – datumet ligger utanför perioden.

Rapporteras av `planverk import`: rapportens Datum ligger före periodens första dag eller
mer än 60 dagar efter dess sista, som i planerna (PV309). Ofta är året eller månaden
felskriven, eller rapporten gäller en annan period.

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.model.periods import GRACE_DAYS, PeriodSpan
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.intake.context import Draft


def check(draft: Draft, span: PeriodSpan) -> Iterator[Finding]:
    date = draft.date
    if date is None or span.start <= date <= span.report_deadline:
        return
    yield at_cell(
        RULE,
        draft.book,
        draft.where("date"),
        f"datumet {date.isoformat()} ligger utanför {span.name} "
        f"({span.start.isoformat()}–{span.end.isoformat()})",
        f"En rapport för {span.name} dateras mellan {span.start.isoformat()} och "
        f"{span.report_deadline.isoformat()} ({GRACE_DAYS} dagar efter periodens slut).",
    )


RULE = rule(
    __doc__ or "",
    code="PV515",
    name="datum-utanför-perioden",
    level=Level.ERROR,
    summary="rapportens datum ligger utanför perioden",
    configurable=False,
)
