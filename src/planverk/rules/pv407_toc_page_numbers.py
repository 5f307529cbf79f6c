"""PV407 – innehållsförteckningen fick inga sidnummer.

Rapporteras när dokumenten skapas: planverk räknar ut sidnumren i innehållsförteckningen
genom att låta LibreOffice lägga upp sidorna. Saknas LibreOffice, eller misslyckas det, får
Word-dokumentet en innehållsförteckning med rubriker men utan sidnummer, markerad för
uppdatering: Word frågar då om fälten ska uppdateras när dokumentet öppnas, och en
konvertering till PDF utan Word visar inga sidnummer. Installera LibreOffice
(``libreoffice-writer-nogui``), eller uppdatera fälten i Word (markera allt, F9) innan
dokumentet skickas.

Exemplet är en rendering utan LibreOffice; det testas i tests/test_pagination.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule

if TYPE_CHECKING:
    from planverk.render import Rendered


def check_rendered(rendered: Rendered) -> Iterator[Finding]:
    toc = rendered.toc
    if toc is None or toc.filled:
        return
    yield RULE.finding(
        f"innehållsförteckningen i {rendered.target.stem}.{rendered.fmt} har inga sidnummer: "
        f"{toc.reason}",
        rendered.template,
        hint="Installera LibreOffice (t.ex. `sudo apt-get install libreoffice-writer-nogui`) "
        "och skriv dokumentet igen, eller uppdatera fälten i Word (Ctrl+A, F9).",
    )


RULE = rule(
    __doc__ or "",
    code="PV407",
    name="innehållsförteckning-utan-sidnummer",
    level=Level.WARNING,
    summary="innehållsförteckningen fick inga sidnummer (LibreOffice saknas eller misslyckades)",
    configurable=True,
    check_rendered=check_rendered,
)
