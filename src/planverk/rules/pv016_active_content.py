"""PV016 – makron eller externa länkar borttagna ur dokumentet.

Rapporteras när dokumenten skapas: dokumentmallen (eller dokumentet som mallarna gav) hade
något som agerar när dokumentet öppnas, och planverk tog bort det ur det publicerade
dokumentet: makron (VBA-projekt i en .dotm eller .docm), ActiveX-kontroller, OLE-objekt,
kortkommandon eller verktygsfält som kör makron, eller relationer till omvärlden – en
kopplad mall eller en bild på en webbserver, ett länkat OLE-objekt, en dokumentkoppling
till en datakälla, en länk till en ``file://``- eller UNC-sökväg. Länkar till webbsidor och
e-postadresser står kvar. Ett fält som hämtar innehåll utifrån (``DDEAUTO``,
``INCLUDETEXT`` ...) kan inte tas bort säkert; då vägrar planverk använda mallen.

Ta bort innehållet ur dokumentmallen i Word och spara den som .docx eller .dotx, så
försvinner varningen.

Exemplet är en Word-fil; det testas i tests/test_hostile_office.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule

if TYPE_CHECKING:
    from planverk.render import Rendered


def check_rendered(rendered: Rendered) -> Iterator[Finding]:
    for item in rendered.stripped:
        yield RULE.finding(
            f"planverk tog bort {item.what} ({item.part}) ur det publicerade dokumentet",
            item.source,
            hint="Ta bort det ur dokumentmallen i Word och spara den igen; ett publicerat "
            "dokument får inte ha makron eller hämta något utifrån.",
        )


RULE = rule(
    __doc__ or "",
    code="PV016",
    name="aktivt-innehåll-borttaget",
    level=Level.WARNING,
    summary="makron eller externa länkar togs bort ur dokumentet",
    configurable=False,
    check_rendered=check_rendered,
)
