"""PV002 – dubblerad nyckel.

Samma nyckel står två gånger på samma nivå i samma post. YAML skulle i tysthet behålla bara
den ena, och text som en planerare har skrivit skulle då kunna försvinna spårlöst. Därför
godtar planverk inte filen.

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

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV002",
    name="dubblerad-nyckel",
    level=Level.ERROR,
    summary="samma nyckel står två gånger",
    configurable=False,
)
