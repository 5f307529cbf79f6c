"""PV401 – rubriknivån hoppar.

Rapporteras när dokumenten skapas, inte av ``validate``: dokumentets rubriker hoppar över
en nivå (en Rubrik 3 direkt under en Rubrik 1). Den som använder skärmläsare navigerar
efter rubriknivå, så en överhoppad nivå bryter dokumentets struktur och försämrar
tillgängligheten (EN 301 549, DOS-lagen). Felet kommer från en ändring i en mall: antalet
``#`` i ``templates/*.md.j2``.

Exemplet är en mall, inte en planfil; det testas i tests/test_render.py.
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV401",
    name="rubriknivå-hoppar",
    level=Level.WARNING,
    summary="dokumentets rubriknivåer hoppar över en nivå",
    configurable=False,
)
