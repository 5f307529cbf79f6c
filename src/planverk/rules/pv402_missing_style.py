"""PV402 – formatmallen saknas i dokumentmallen.

Rapporteras när dokumenten skapas: en mall använder en formatmall för stycken
(``<!-- stil: ... -->``) som sjukvårdsregionens dokumentmall saknar, så texten får en
reservformatmall (oftast Normal) i stället. Lägg till formatmallen i dokumentmallen, eller
ändra formatmallens namn i mallen.

Exemplet är en Word-fil och en mall; det testas i tests/test_render_rules.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule

if TYPE_CHECKING:
    from planverk.render import Rendered


def check_rendered(rendered: Rendered) -> Iterator[Finding]:
    for missing in rendered.missing_styles:
        yield RULE.finding(
            f"formatmallen '{missing.name}' finns inte i dokumentmallen; texten får "
            f"'{missing.fallback}'",
            missing.dokumentmall,
            hint="Lägg till formatmallen i dokumentmallen, eller ändra <!-- stil: ... --> i "
            "mallen.",
        )


RULE = rule(
    __doc__ or "",
    code="PV402",
    name="formatmall-saknas",
    level=Level.WARNING,
    summary="en formatmall som mallen använder saknas i dokumentmallen",
    configurable=False,
    check_rendered=check_rendered,
)
