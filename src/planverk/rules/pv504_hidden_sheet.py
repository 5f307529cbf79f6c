"""PV504 – arbetsbokens planverk-blad saknas eller är ändrat.

Rapporteras av `planverk import`: varje rapportarbetsbok har ett dolt blad, *planverk*, där
`planverk rapportmall` har skrivit år, period, ägare, planernas version och vad som står på
varje rad, med en kontrollsumma. Saknas bladet (eller bladen *Åtgärder* och *Indikatorer*),
har det ändrats, eller stämmer inte kontrollsumman, går det inte att veta vad arbetsboken
gäller, och ingenting i den läses in. Kontrollsumman fångar ändringar av misstag, inte
avsiktliga; arbetsboken är ett formulär, inte en signerad handling.

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.model import workbook as layout
from planverk.model.workbook import checksum
from planverk.rules.base import rule
from planverk.rules.cells import in_file

if TYPE_CHECKING:
    from planverk.model.workbook import ReturnedBook

_HINT = (
    "Ändra inte i eller ta bort bladen i arbetsboken. Gör en ny med `planverk rapportmall` "
    "och för över rapporten till den."
)


def check(book: ReturnedBook) -> Iterator[Finding]:
    for name in (layout.ACTIONS, layout.INDICATORS):
        if name not in book.sheet_names:
            yield in_file(RULE, book.display, f"bladet {name} saknas i arbetsboken", _HINT)
    if book.meta_state is None:
        yield in_file(
            RULE,
            book.display,
            f"det dolda bladet {layout.META} saknas, så det går inte att veta vilken plan och "
            "period arbetsboken gäller",
            "Importera arbetsboken som `planverk rapportmall` gjorde; en kopierad eller ny "
            "arbetsbok saknar bladet.",
        )
        return
    if book.meta.get("format") != layout.FORMAT or book.meta.get("version") != (
        layout.FORMAT_VERSION
    ):
        yield in_file(
            RULE,
            book.display,
            f"det dolda bladet {layout.META} är inte från en rapportmall som planverk läser "
            f"(format '{book.meta.get('format', '')}', version '{book.meta.get('version', '')}')",
            _HINT,
        )
        return
    missing = [key for key in layout.META_KEYS if not book.meta.get(key)]
    pairs = [(key, book.meta.get(key, "")) for key in layout.META_KEYS]
    table = [
        [
            e.sheet,
            e.row,
            e.plan,
            e.action,
            "" if e.indicator is None else e.indicator,
            e.cells,
            e.fingerprint,
        ]
        for e in book.table
    ]
    if (
        missing
        or not book.table_ok
        or book.meta.get(layout.CHECKSUM_KEY) != checksum(pairs, table)
        or book.meta.get("rader") != str(len(book.table))
        or book.year is None
    ):
        yield in_file(
            RULE,
            book.display,
            f"det dolda bladet {layout.META} har ändrats (kontrollsumman stämmer inte)",
            _HINT,
        )


RULE = rule(
    __doc__ or "",
    code="PV504",
    name="planverk-bladet-ändrat",
    level=Level.ERROR,
    summary="arbetsbokens dolda planverk-blad saknas eller har ändrats",
    configurable=False,
)
