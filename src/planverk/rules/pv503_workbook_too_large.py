"""PV503 – arbetsboken är för stor.

Rapporteras av `planverk import`: filen är större än 32 MB, har fler än 2 000 delar eller
packas upp till mer än 256 MB. En rapportarbetsbok med 10 000 åtgärder är omkring 1 MB; en
fil som packas upp till hundratals gånger sin storlek är en så kallad zip-bomb, och planverk
packar aldrig upp den. Be om arbetsboken som `planverk rapportmall` gjorde.

Exemplet är en fil; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule
from planverk.rules.cells import in_file


def finding(display: str, size: str) -> Finding:
    return in_file(
        RULE,
        display,
        f"arbetsboken är för stor för att läsas ({size})",
        "En rapportarbetsbok är sällan över 1 MB. Be om arbetsboken som "
        "`planverk rapportmall` gjorde, ifylld och sparad som .xlsx.",
    )


RULE = rule(
    __doc__ or "",
    code="PV503",
    name="för-stor-arbetsbok",
    level=Level.ERROR,
    summary="arbetsboken är för stor, eller en zip-bomb",
    configurable=False,
)
