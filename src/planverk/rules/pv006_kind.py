"""PV006 – okänd eller saknad typ.

Every plan file names its kind on the key ``typ``: projekt, verksamhetsplan, aktivitetsplan
or handlingsplan. The kind decides which keys the file may hold.

FAIL plans/aktivitetsplan-2025.yaml 1:6:
    typ: aktivitetplan
    år: 2025
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
    code="PV006",
    name="okänd-typ",
    level=Level.ERROR,
    summary="filens `typ:` saknas eller är okänd",
    configurable=False,
)
