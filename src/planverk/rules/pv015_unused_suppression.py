"""PV015 – tystnaden tystar inget.

En kommentar ``# planverk: ignore[...]`` eller ``# planverk: ignore-file[...]`` som inte
tystar något fynd: felet den skrevs för är rättat, koden är felstavad, eller regeln är
avstängd. En sådan kommentar skulle i tysthet dölja nästa riktiga fel på raden, så ta bort
den (eller rätta koden). Bara riktiga YAML-kommentarer tystar; en text som innehåller
``# planverk: ignore`` är en text. Som ruffs RUF100.

FAIL plans/aktivitetsplan-2025.yaml 4:33:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Planen gäller 2025.  # planverk: ignore[PV304]
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Arbetet med LOV fortsätter.  # planverk: ignore[PV304]
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV015",
    name="oanvänd-tystnad",
    level=Level.WARNING,
    summary="en tystnad i en kommentar tystar inget fynd",
)
