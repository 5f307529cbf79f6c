"""PV403 – länktexten säger inte vart länken leder.

Rapporteras när dokumenten skapas: en länk vars text är "här", "läs mer", "länk" eller
själva adressen. Den som listar ett dokuments länkar med en skärmläsare hör bara
länktexterna, så varje länktext måste säga vart länken leder (EN 301 549, DOS-lagen).

Exemplet är en mall; det testas i tests/test_render_rules.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.document.blocks import links, plain
from planverk.rules.base import rule

if TYPE_CHECKING:
    from planverk.render import Rendered

VAGUE_LINK_TEXTS = frozenset({"här", "klicka här", "länk", "läs mer", "mer", "here", "click here"})


def check_rendered(rendered: Rendered) -> Iterator[Finding]:
    if rendered.document is None:
        return
    for link in links(rendered.document.blocks):
        text = plain(link.children).strip()
        if text.casefold() in VAGUE_LINK_TEXTS or text == link.href:
            yield RULE.finding(
                f"länktexten '{text}' säger inte vart länken leder",
                rendered.template,
                hint="Skriv en länktext som beskriver målet, t.ex. [Samverkansavtalet](...).",
            )


RULE = rule(
    __doc__ or "",
    code="PV403",
    name="otydlig-länktext",
    level=Level.WARNING,
    summary="en länktext säger inte vart länken leder",
    configurable=False,
    check_rendered=check_rendered,
)
