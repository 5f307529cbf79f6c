"""PV010 – okänd nyckel.

En nyckel som planmodellen inte känner till, oftast en felstavning. planverk föreslår den
nyckel som är tillåten på det stället och som liknar mest.

FAIL plans/aktivitetsplan-2025.yaml 4:1:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledningen: Planen gäller 2025.
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Planen gäller 2025.
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV010",
    name="okänd-nyckel",
    level=Level.ERROR,
    summary="nyckeln finns inte i planmodellen",
    configurable=False,
)
