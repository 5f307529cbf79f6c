"""PV405 – Powerpointmallen har externa länkar.

Rapporteras när bildspelet skapas (``render --kind handlingsplan -f pptx``): regionens
Powerpointmall länkar till något utanför filen (en webbadress, en länkad bild, ett ljud
eller en film på en server). Länkarna tas bort, med det som pekade på dem, och följer aldrig
med till bildspelet som publiceras. Bädda in bilden i mallen, eller ta bort länken.

Exemplet är en Powerpointmall; det testas i tests/test_render_pptx.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule

if TYPE_CHECKING:
    from planverk.render import Rendered


def check_rendered(rendered: Rendered) -> Iterator[Finding]:
    cleaned = rendered.template_cleaned
    if cleaned is None or not cleaned.links:
        return
    shown = ", ".join(cleaned.links[:3])
    more = len(cleaned.links) - 3
    yield RULE.finding(
        f"powerpointmallen har {len(cleaned.links)} externa länkar ({shown}"
        + (f" och {more} till" if more > 0 else "")
        + "); de tas bort och kommer inte med i bildspelet",
        cleaned.template,
        hint="Ta bort länkarna, länkade bilder, ljud och filmer ur mallen i PowerPoint.",
    )


RULE = rule(
    __doc__ or "",
    code="PV405",
    name="extern-länk-i-powerpointmall",
    level=Level.WARNING,
    summary="Powerpointmallen har externa länkar, som tas bort",
    configurable=False,
    check_rendered=check_rendered,
)
