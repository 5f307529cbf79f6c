"""PV408 – PDF:en är inte tillgänglig (inte taggad som PDF/UA).

Rapporteras när en PDF skapas: en publicerad PDF ska vara taggad (DOS-lagen, EN 301 549,
i praktiken PDF/UA), med struktur för rubriker, listor och tabeller, titel, språk och
alternativtext för figurer. planverk ber LibreOffice om taggad PDF/UA och läser tillbaka
filen; saknas strukturträdet, titeln eller språket, eller en figur saknar alternativtext,
rapporteras det här. Det händer med LibreOffice äldre än 7.4, som inte tar emot
exportinställningarna. Uppdatera LibreOffice, eller spara PDF:en från Word med
"Dokumentstrukturtaggar för hjälpmedel".

Exemplet är en PDF; det testas i tests/test_pdf.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule

if TYPE_CHECKING:
    from planverk.render import Rendered


def check_rendered(rendered: Rendered) -> Iterator[Finding]:
    found = rendered.pdf
    if found is None:
        return
    problems = []
    if not found.tagged:
        problems.append("den är inte taggad (inget strukturträd)")
    if not found.pdfua:
        problems.append("den anger inte PDF/UA")
    if not found.title:
        problems.append("titel saknas")
    if not found.language:
        problems.append("språk saknas")
    if found.figures_with_alt < found.figures:
        problems.append(f"{found.figures - found.figures_with_alt} figurer saknar alternativtext")
    if problems:
        yield RULE.finding(
            f"{rendered.target.stem}.pdf är inte tillgänglig: {'; '.join(problems)}",
            rendered.template,
            hint="Uppdatera LibreOffice till 7.4 eller senare, eller spara PDF:en från Word med "
            "dokumentstrukturtaggar för hjälpmedel.",
        )


RULE = rule(
    __doc__ or "",
    code="PV408",
    name="pdf-inte-tillgänglig",
    level=Level.WARNING,
    summary="PDF:en saknar taggar, titel, språk eller alternativtext (PDF/UA)",
    configurable=True,
    check_rendered=check_rendered,
)
