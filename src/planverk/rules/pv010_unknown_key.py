"""PV010 – okänd nyckel.

A key the plan model does not know, usually a misspelling. planverk names the closest key
that is allowed in that place.

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

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV010",
    name="okänd-nyckel",
    level=Level.ERROR,
    summary="nyckeln finns inte i planmodellen",
    configurable=False,
)
