"""PV011 – nyckel saknas.

En nyckel som plantypen kräver saknas, till exempel en aktivitet utan ``text`` eller en
aktivitetsplan utan ``år``. Fyndet pekar ut den post där nyckeln saknas.

FAIL plans/aktivitetsplan-2025.yaml 1:1:
    typ: aktivitetsplan
    titel: Aktivitetsplan 2025
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV011",
    name="nyckel-saknas",
    level=Level.ERROR,
    summary="en nyckel som krävs saknas",
    configurable=False,
)
