"""PV506 – åtgärden har ändrats i planen sedan arbetsboken gjordes.

Rapporteras av `planverk import`: arbetsboken gjordes från en äldre version av planen, och
det som ägaren såg om åtgärden (texten, aktiviteten, uppdraget, tidplanen, uppföljningens
metod, mål och indikatorer eller den senaste rapporten) har ändrats sedan. Rapporten kan
då gälla något annat än det som står i planen nu. Fyndet säger vad som har ändrats. Gör en
ny arbetsbok med `planverk rapportmall` och be ägaren bekräfta rapporten i den, eller för
in rapporten i planfilen för hand om ändringen inte spelar någon roll.

Det kontrolleras bara för rader som har en rapport; en oifylld rad läses inte in. Vad
importen själv skriver (rapporten för perioden, `status:`, `kommentar:`, `resultat:`)
ändrar inte fingeravtrycket, så att samma arbetsbok kan importeras två gånger.

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
    from planverk.intake.context import RowMatch
    from planverk.intake.selection import Item
    from planverk.model.workbook import ReturnedBook


def check(book: ReturnedBook, match: RowMatch, item: Item) -> Iterator[Finding]:
    if item.fingerprint == match.entry.fingerprint:
        return
    changed = [
        column.header
        for number, column in enumerate(layout.ACTION_COLUMNS, start=1)
        if not column.editable
        and item.values[column.key] != (match.cells[number].text if number in match.cells else "")
    ]
    if item.indicators and not changed:
        changed.append("Kvalitetsindikatorer")
    what = f" (ändrat: {', '.join(changed)})" if changed else ""
    yield at_cell(
        RULE,
        book,
        (layout.ACTIONS, match.row, 1),
        f"åtgärden '{item.action.id}' har ändrats i {item.hp.doc.display} sedan arbetsboken "
        f"gjordes{what}",
        "Gör en ny arbetsbok med `planverk rapportmall` och låt ägaren bekräfta rapporten "
        "där, eller för in rapporten i planfilen för hand.",
    )


RULE = rule(
    __doc__ or "",
    code="PV506",
    name="äldre-planversion",
    level=Level.ERROR,
    summary="arbetsboken gjordes från en äldre version av planen",
    configurable=False,
)
