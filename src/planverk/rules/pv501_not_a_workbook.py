"""PV501 – filen är ingen rapportarbetsbok.

Rapporteras av `planverk import`: filen går inte att läsa som en Excel-arbetsbok (.xlsx).
Det kan vara en arbetsbok i det gamla formatet .xls (Excel 97–2003), ett OpenDocument-
kalkylblad (.ods), ett Word-dokument, en textfil (CSV) eller en skadad fil. (Entiteter i
en arbetsboks XML läses aldrig ut, så en sådan fil kan inte spränga minnet.) Öppna filen i
Excel eller LibreOffice Calc och spara den som Excel-arbetsbok (.xlsx), eller be om en ny
kopia.

Exemplen är filer, inte planer; de testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule
from planverk.rules.cells import in_file


def finding(display: str, reason: str, hint: str) -> Finding:
    return in_file(RULE, display, reason, hint)


RULE = rule(
    __doc__ or "",
    code="PV501",
    name="ingen-arbetsbok",
    level=Level.ERROR,
    summary="filen går inte att läsa som en Excel-arbetsbok (.xlsx)",
    configurable=False,
)
