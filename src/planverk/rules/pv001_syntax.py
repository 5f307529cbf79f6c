"""PV001 – YAML-syntaxfel.

The file cannot be read as YAML: an unclosed quote, a tab used for indentation, a colon
inside unquoted text, lines indented out of step, or structure nested too deep.

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

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV001",
    name="yaml-syntax",
    level=Level.ERROR,
    summary="filen går inte att läsa som YAML",
    configurable=False,
)
