"""PV406 – en tabellrad är högre än en bild.

Rapporteras när bildspelet skapas (``render --kind handlingsplan -f pptx``): en rad i en
tabell har en cell med mer text än som ryms på en hel bild, också med tabellens minsta
teckenstorlek. Texten delas efter en mening (eller ett ord) och fortsätter på nästa bild
efter "(forts.)"; inget tas bort. Korta texten i planfilen, eller ge kolumnen större bredd
med ``<!-- kolumnbredder: ... -->`` i mallen för bildspelet.

Exemplet är en handlingsplan; det testas i tests/test_render_pptx.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule

if TYPE_CHECKING:
    from planverk.render import Rendered


def check_rendered(rendered: Rendered) -> Iterator[Finding]:
    for heading in rendered.split_rows:
        yield RULE.finding(
            f"en tabellrad under '{heading}' är högre än en bild; den delas efter en mening och "
            "fortsätter på nästa bild efter (forts.)",
            rendered.template,
            hint="Korta texten i planfilen, eller ge kolumnen mer bredd med "
            "<!-- kolumnbredder: ... --> i mallen.",
        )


RULE = rule(
    __doc__ or "",
    code="PV406",
    name="tabellrad-högre-än-bild",
    level=Level.INFO,
    summary="en tabellrad är högre än en bild och fortsätter på nästa",
    configurable=False,
    check_rendered=check_rendered,
)
