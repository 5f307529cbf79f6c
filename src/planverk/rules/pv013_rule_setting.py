"""PV013 – felaktig regelinställning.

En regel ställs om under ``regler:`` i projektfilen eller under ``[tool.planverk.regler]`` i
``pyproject.toml``. Inställningen nämner en regel som inte finns, en regel som inte går att
ställa om (läs- och schemafel stoppar alltid valideringen), en nivå som inte är ``fel``,
``varning``, ``info`` eller ``av``, eller så går ``pyproject.toml`` inte att läsa. Då gäller
regelns standardnivå, och felet rapporteras så att inställningen inte i tysthet uteblir.

FAIL plans/planverk.yaml 6:3:
    typ: projekt
    id: test
    namn: Sjukvårdsregion Test
    organ: []
    regler:
      PV999: fel
PASS plans/planverk.yaml:
    typ: projekt
    id: test
    namn: Sjukvårdsregion Test
    organ: []
    regler:
      PV204: varning
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV013",
    name="regelinställning",
    level=Level.ERROR,
    summary="en regelinställning nämner en okänd regel eller nivå",
    configurable=False,
)
