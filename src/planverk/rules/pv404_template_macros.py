"""PV404 – Powerpointmallen innehåller makron.

Rapporteras när bildspelet skapas (``render --kind handlingsplan -f pptx``): regionens
Powerpointmall är en makrofil (.pptm, .potm) med ett VBA-projekt, eller anpassar menyfliken
med makron. Makron tas bort och följer aldrig med till bildspelet som publiceras; bara
mallens layouter, bildbakgrund och tema används. Spara mallen som .pptx eller .potx.

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
    if cleaned is not None and cleaned.macros:
        yield RULE.finding(
            f"powerpointmallen innehåller makron ({', '.join(cleaned.macros)}); de tas bort och "
            "kommer inte med i bildspelet",
            cleaned.template,
            hint="Spara mallen som .pptx eller .potx (utan makron) i PowerPoint.",
        )


RULE = rule(
    __doc__ or "",
    code="PV404",
    name="makron-i-powerpointmall",
    level=Level.WARNING,
    summary="Powerpointmallen innehåller makron, som tas bort",
    configurable=False,
    check_rendered=check_rendered,
)
