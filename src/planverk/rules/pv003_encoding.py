"""PV003 – filen är inte UTF-8.

Planfilerna ska vara sparade som UTF-8 (en byteordningsmarkering, BOM, i början av filen
går bra). En fil som är sparad som Latin-1 eller Windows-1252, ofta av en äldre editor eller
vid export från Excel, godtas inte. planverk anger positionen (räknat i bytes) för den
första byte som inte är UTF-8, så att å, ä och ö aldrig förvanskas i tysthet.

Exemplet kräver bytes som en docstring inte kan rymma; det testas i tests/test_loading.py.
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV003",
    name="teckenkodning",
    level=Level.ERROR,
    summary="filen är inte sparad som UTF-8",
    configurable=False,
)
