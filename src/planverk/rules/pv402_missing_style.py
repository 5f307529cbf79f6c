"""PV402 – formatmallen saknas i dokumentmallen.

Rapporteras när dokumenten skapas: en mall använder en formatmall för stycken
(``<!-- stil: ... -->``) som sjukvårdsregionens dokumentmall saknar, så texten får en
reservformatmall (oftast Normal) i stället. Lägg till formatmallen i dokumentmallen, eller
ändra formatmallens namn i mallen.

Exemplet är en Word-fil och en mall; det testas i tests/test_render_rules.py.
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV402",
    name="formatmall-saknas",
    level=Level.WARNING,
    summary="en formatmall som mallen använder saknas i dokumentmallen",
    configurable=False,
)
