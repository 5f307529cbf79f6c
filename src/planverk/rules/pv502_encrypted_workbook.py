"""PV502 – arbetsboken är krypterad.

Rapporteras av `planverk import`: arbetsboken är skyddad med ett lösenord för att öppnas
(krypterad). planverk öppnar inte krypterade filer och frågar inte efter lösenord. Be
avsändaren ta bort lösenordet (Arkiv > Information > Skydda arbetsbok > Kryptera med
lösenord, töm fältet) och skicka filen igen. Bladskyddet som rapportmallen har är inte
kryptering och gör ingenting.

Exemplet är en krypterad fil; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule
from planverk.rules.cells import in_file


def finding(display: str) -> Finding:
    return in_file(
        RULE,
        display,
        "arbetsboken är krypterad med ett lösenord och kan inte läsas",
        "Be avsändaren spara den utan lösenord för att öppna (Skydda arbetsbok > Kryptera "
        "med lösenord, töm fältet) och skicka den igen.",
    )


RULE = rule(
    __doc__ or "",
    code="PV502",
    name="krypterad-arbetsbok",
    level=Level.ERROR,
    summary="arbetsboken är krypterad med ett lösenord",
    configurable=False,
)
