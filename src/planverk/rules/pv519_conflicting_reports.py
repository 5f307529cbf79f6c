"""PV519 – två arbetsböcker rapporterar olika för samma åtgärd.

Rapporteras av `planverk import`: en åtgärd med flera ägare (till exempel ett uppdrag till
två grupper) står i var och ens arbetsbok, och två av dem har olika rapporter för den.
planverk väljer inte mellan dem. Kom överens om en rapport, och töm raden i den andra
arbetsboken (eller skriv samma sak i båda).

Exemplet är två arbetsböcker; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.intake.context import Draft


def check(drafts: Sequence[Draft]) -> Iterator[Finding]:
    first: dict[tuple[str, str], Draft] = {}
    for draft in drafts:
        key = draft.item.key
        earlier = first.setdefault(key, draft)
        if earlier is draft or earlier.same_as(draft):
            continue
        yield at_cell(
            RULE,
            draft.book,
            draft.where("status"),
            f"åtgärden '{draft.item.action.id}' har en annan rapport i {earlier.ref('status')}",
            "Kom överens om en rapport och töm raden i den ena arbetsboken, eller skriv samma "
            "rapport i båda.",
        )


RULE = rule(
    __doc__ or "",
    code="PV519",
    name="motstridiga-rapporter",
    level=Level.ERROR,
    summary="två arbetsböcker har olika rapporter för samma åtgärd",
    configurable=False,
)
