"""PV003 – filen är inte UTF-8.

Plan files are UTF-8 (a byte-order mark is accepted). A file saved as Latin-1 or
Windows-1252, often by an older editor or an export from Excel, is refused with the byte
offset of the first byte that is not UTF-8, so å, ä and ö are never silently garbled.

The example needs bytes a docstring cannot hold; it is tested in tests/test_loading.py.
"""

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV003",
    name="teckenkodning",
    level=Level.ERROR,
    summary="filen är inte sparad som UTF-8",
    configurable=False,
)
