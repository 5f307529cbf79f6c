"""PV409 – LibreOffice saknar ett typsnitt som dokumentet är satt med.

Rapporteras när dokumenten skapas, när LibreOffice har lagt upp sidorna (sidnumren i
innehållsförteckningen, eller PDF): ett typsnitt som dokumentmallen anger finns inte på
datorn, och LibreOffice satte texten med ett annat. Är ersättaren bredare (DejaVu Sans för
Arial) bryts rader och sidor annorlunda än i Word, så sidnumren i innehållsförteckningen och
sidorna i PDF:en stämmer inte med det som Word visar. Ett typsnitt med samma bredder räknas
som typsnittet självt (Liberation Sans för Arial, Carlito för Calibri). Installera
typsnittet på datorn som skriver dokumenten, t.ex. `fonts-liberation2` för Arial, Times New
Roman och Courier New, `fonts-crosextra-carlito` och `fonts-crosextra-caladea` för Calibri
och Cambria, eller regionens eget typsnitt.

Exemplet är en dokumentmall med ett typsnitt som inte finns; det testas i
tests/test_pagination.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule

if TYPE_CHECKING:
    from planverk.render import Rendered


def check_rendered(rendered: Rendered) -> Iterator[Finding]:
    for font, stand_in in rendered.fonts_replaced.items():
        yield RULE.finding(
            f"typsnittet '{font}' i {rendered.target.stem}.{rendered.fmt} finns inte här, så "
            f"LibreOffice satte texten med '{stand_in}': sidnumren i innehållsförteckningen "
            "och PDF:ens sidor kan skilja sig från Word",
            rendered.template,
            hint=f"Installera '{font}' (eller ett typsnitt med samma bredder, t.ex. "
            "`sudo apt-get install fonts-liberation2` för Arial) och skriv dokumentet igen.",
        )


RULE = rule(
    __doc__ or "",
    code="PV409",
    name="typsnitt-saknas",
    level=Level.WARNING,
    summary="ett typsnitt som dokumentet är satt med saknas där LibreOffice lade upp sidorna",
    configurable=True,
    check_rendered=check_rendered,
)
