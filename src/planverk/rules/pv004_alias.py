"""PV004 – ankare och alias.

Med YAML-ankare och alias (``&namn`` och ``*namn``) kan ett och samma värde stå på flera
ställen. En plan ska gå att läsa rad för rad, och alias öppnar dessutom för så kallade
"billion laughs"-filer som växer utan gräns när de läses. Därför godtar planverk dem inte.

FAIL plans/aktivitetsplan-2025.yaml 4:12:
    typ: aktivitetsplan
    år: 2025
    titel: &titel Aktivitetsplan 2025
    inledning: *titel
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Aktivitetsplan 2025
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV004",
    name="alias",
    level=Level.ERROR,
    summary="YAML-ankare och alias används inte",
    configurable=False,
)
