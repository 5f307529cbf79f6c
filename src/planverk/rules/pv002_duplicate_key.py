"""PV002 – dubblerad nyckel.

The same key appears twice in one mapping. YAML would silently keep only one of them, so a
planner's text could vanish without a trace: planverk refuses the file instead.

FAIL plans/aktivitetsplan-2025.yaml 4:1:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    titel: Aktivitetsplan för 2025
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
"""

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV002",
    name="dubblerad-nyckel",
    level=Level.ERROR,
    summary="samma nyckel står två gånger",
    configurable=False,
)
