"""PV516 – rapporten saknar status eller datum.

Rapporteras av `planverk import`: en rad har Kommentar, Resultat eller ett indikatorvärde
men ingen Status, eller en Status men inget Datum. En rapport har alltid status och datum;
en rad utan något av dem läses inte in (lämna hela raden tom om åtgärden inte rapporteras
nu).

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.intake.context import Draft


def check(draft: Draft) -> Iterator[Finding]:
    action = draft.item.action.id
    if draft.status is None:
        yield at_cell(
            RULE,
            draft.book,
            draft.where("status"),
            f"raden för åtgärden '{action}' har en rapport men ingen status",
            "Välj status i listan (grön, gul, röd eller avslutad), eller töm raden.",
        )
    elif draft.date is None:
        yield at_cell(
            RULE,
            draft.book,
            draft.where("date"),
            f"rapporten för åtgärden '{action}' saknar datum",
            "Skriv dagen rapporten gäller som ÅÅÅÅ-MM-DD.",
        )


RULE = rule(
    __doc__ or "",
    code="PV516",
    name="ofullständig-rapport",
    level=Level.ERROR,
    summary="en rad i arbetsboken har en rapport utan status eller datum",
    configurable=False,
)
