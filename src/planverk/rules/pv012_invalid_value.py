"""PV012 – ogiltigt värde.

Ett värde av fel slag eller i fel form: ett år skrivet med bokstäver, ett datum som inte
finns, en lista där det ska stå nycklar med värden, ett id med mellanslag eller versaler.

FAIL plans/aktivitetsplan-2025.yaml 2:5:
    typ: aktivitetsplan
    år: tjugofem
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
    code="PV012",
    name="ogiltigt-värde",
    level=Level.ERROR,
    summary="värdet har fel typ eller form",
    configurable=False,
)
