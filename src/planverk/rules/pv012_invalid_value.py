"""PV012 – ogiltigt värde.

A value of the wrong kind or form: a year written in words, an impossible date, a list where
a mapping belongs, an id with spaces or capitals.

FAIL plans/aktivitetsplan-2025.yaml 2:5:
    typ: aktivitetsplan
    år: tjugofem
    titel: Aktivitetsplan 2025
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
"""

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV012",
    name="ogiltigt-värde",
    level=Level.ERROR,
    summary="värdet har fel typ eller form",
    configurable=False,
)
