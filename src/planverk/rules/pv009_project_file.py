"""PV009 – projektfilen saknas.

Planmappen saknar projektfil (``typ: projekt``, oftast ``plans/planverk.yaml``). Då är
sjukvårdsregionens organ, grupper och ordlista okända, och inga hänvisningar till dem kan
kontrolleras.

Exemplet kräver att en fil saknas; det testas i tests/test_loading.py.
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV009",
    name="projektfil-saknas",
    level=Level.ERROR,
    summary="projektfilen saknas",
    configurable=False,
)
