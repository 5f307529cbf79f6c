"""PV014 – länken pekar ut ur planmappen.

En fil i planmappen är en symbolisk länk till en fil utanför planmappen. planverk läser den
inte och visar inget ur den: en länk till en systemfil eller till någon annans mapp ska inte
kunna få planverk att läsa, visa eller (med ``planverk fmt``) skriva om den filen. Lägg
planen i planmappen, eller låt länken peka på en fil i planmappen.

Exemplet kräver en länk, som en docstring inte kan rymma; det testas i
tests/test_hostile_reads.py.
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV014",
    name="länk-ut-ur-planmappen",
    level=Level.ERROR,
    summary="en planfil är en länk till en fil utanför planmappen",
    configurable=False,
)
