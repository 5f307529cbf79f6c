"""PV004 – ankare och alias.

YAML anchors and aliases (``&namn`` and ``*namn``) let one value stand in many places. A plan
must read line by line, and aliases open the door to "billion laughs" files that expand
without bound, so planverk refuses them.

FAIL plans/aktivitetsplan-2025.yaml 4:12:
    typ: aktivitetsplan
    år: 2025
    titel: &titel Aktivitetsplan 2025
    inledning: *titel
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Aktivitetsplan 2025
"""

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV004",
    name="alias",
    level=Level.ERROR,
    summary="YAML-ankare och alias används inte",
    configurable=False,
)
