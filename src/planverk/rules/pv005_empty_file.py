"""PV005 – tom fil.

En fil i planmappen är tom eller innehåller bara kommentarer. Troligen är det en plan som
aldrig blev skriven, eller en plan som har tömts av misstag.

FAIL plans/aktivitetsplan-2026.yaml 1:1:
    # Aktivitetsplan 2026 – skrivs i höst
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV005",
    name="tom-fil",
    level=Level.ERROR,
    summary="filen är tom",
    configurable=False,
)
