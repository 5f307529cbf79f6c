"""PV001 – YAML-syntaxfel.

Filen går inte att läsa som YAML. Vanliga orsaker är ett citattecken som aldrig avslutas,
en tabb som används för indrag, ett kolon i text utan citattecken, rader med ojämnt indrag
eller en struktur som är nästlad i för många nivåer.

FAIL plans/aktivitetsplan-2025.yaml 4:12:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: 'Planen gäller
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: 'Planen gäller 2025.'
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV001",
    name="yaml-syntax",
    level=Level.ERROR,
    summary="filen går inte att läsa som YAML",
    configurable=False,
)
