"""PV006 – okänd eller saknad typ.

Varje planfil anger sin typ under nyckeln ``typ``: projekt, verksamhetsplan, aktivitetsplan
eller handlingsplan. Typen avgör vilka nycklar filen får innehålla.

FAIL plans/aktivitetsplan-2025.yaml 1:6:
    typ: aktivitetplan
    år: 2025
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
    code="PV006",
    name="okänd-typ",
    level=Level.ERROR,
    summary="filens `typ:` saknas eller är okänd",
    configurable=False,
)
