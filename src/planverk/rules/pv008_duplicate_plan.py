"""PV008 – samma plan i två filer.

Två filer anger samma plan: två aktivitetsplaner för samma år, två verksamhetsplaner eller
handlingsplaner med samma id, eller två projektfiler. Bara en av dem kan vara den plan som
nämnden fattar beslut om.

FAIL plans/kopia/aktivitetsplan-2025.yaml 2:5:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025 (kopia)
PASS plans/aktivitetsplan-2026.yaml:
    typ: aktivitetsplan
    år: 2026
    titel: Aktivitetsplan 2026
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV008",
    name="dubblerad-plan",
    level=Level.ERROR,
    summary="två filer anger samma plan",
    configurable=False,
)
