"""PV513 – gul eller röd status utan kommentar i arbetsboken.

Rapporteras av `planverk import`: en rad har status gul eller röd men ingen Kommentar. Som
i planerna (PV302) ska en gul eller röd status säga vad problemet är och vilket stöd som
behövs, annars kan ledningsgruppen inte göra något åt det.

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

NEEDS_COMMENT = ("gul", "röd")


def check(draft: Draft) -> Iterator[Finding]:
    if draft.status in NEEDS_COMMENT and not draft.comment:
        yield at_cell(
            RULE,
            draft.book,
            draft.where("comment"),
            f"status {draft.status} för åtgärden '{draft.item.action.id}' utan kommentar",
            "Skriv i Kommentar vad problemet är och vilket stöd som behövs.",
        )


RULE = rule(
    __doc__ or "",
    code="PV513",
    name="arbetsbok-status-utan-kommentar",
    level=Level.ERROR,
    summary="status gul eller röd utan kommentar i arbetsboken",
    configurable=False,
)
