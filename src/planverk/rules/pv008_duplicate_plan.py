"""PV008 – samma plan i två filer.

Two files declare the same plan: two aktivitetsplaner for one year, two
verksamhetsplaner or handlingsplaner with one id, or two project files. Only one can be the
plan the board decides on.

FAIL plans/kopia/aktivitetsplan-2025.yaml 2:5:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025 (kopia)
PASS plans/aktivitetsplan-2026.yaml:
    typ: aktivitetsplan
    år: 2026
    titel: Aktivitetsplan 2026
"""

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV008",
    name="dubblerad-plan",
    level=Level.ERROR,
    summary="två filer anger samma plan",
    configurable=False,
)
