"""PV403 – länktexten säger inte vart länken leder.

Rapporteras när dokumenten skapas: en länk vars text är "här", "läs mer", "länk" eller
själva adressen. Den som listar ett dokuments länkar med en skärmläsare hör bara
länktexterna, så varje länktext måste säga vart länken leder (EN 301 549, DOS-lagen).

Exemplet är en mall; det testas i tests/test_render_rules.py.
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV403",
    name="otydlig-länktext",
    level=Level.WARNING,
    summary="en länktext säger inte vart länken leder",
    configurable=False,
)
