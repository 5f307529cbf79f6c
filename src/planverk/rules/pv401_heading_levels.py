"""PV401 – rubriknivån hoppar.

Rapporteras när dokumenten skapas, inte av ``validate``: dokumentets rubriker hoppar över
en nivå (en Rubrik 3 direkt under en Rubrik 1). Den som använder skärmläsare navigerar
efter rubriknivå, så en överhoppad nivå bryter dokumentets struktur och försämrar
tillgängligheten (EN 301 549, DOS-lagen). Felet kommer från en ändring i en mall: antalet
``#`` i ``templates/*.md.j2``.

Exemplet är en mall, inte en planfil; det testas i tests/test_render.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.document.blocks import plain
from planverk.rules.base import rule

if TYPE_CHECKING:
    from planverk.render import Rendered


def check_rendered(rendered: Rendered) -> Iterator[Finding]:
    if rendered.document is None:
        return
    previous = 0
    for heading in rendered.document.headings():
        if heading.level > previous + 1:
            yield RULE.finding(
                f"rubriknivån hoppar från {previous} till {heading.level} vid "
                f"'{plain(heading.children)[:60]}'",
                rendered.template,
                hint="Rubriknivåer får inte hoppa över en nivå (tillgänglighet); ändra antalet "
                "# i mallen.",
            )
        previous = heading.level


RULE = rule(
    __doc__ or "",
    code="PV401",
    name="rubriknivå-hoppar",
    level=Level.WARNING,
    summary="dokumentets rubriknivåer hoppar över en nivå",
    configurable=False,
    check_rendered=check_rendered,
)
