"""PV307 – styrtecken i text.

Texten innehåller ett osynligt styrtecken, oftast inklistrat från Excel eller Word (i YAML
skrivet som en escape-sekvens, till exempel ``\\x0b``). Word kan inte lagra tecknet, så det
faller bort i det färdiga dokumentet.

FAIL plans/aktivitetsplan-2025.yaml 4:12:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: "Planen gäller\\x0b 2025."
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: "Planen gäller 2025."
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.chars import CONTROL
from planverk.core.findings import Finding, Level
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule

if TYPE_CHECKING:
    from planverk.render import Rendered


def check(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.planset.documents:
        if doc.data is None:
            continue
        if "\\" not in doc.text:
            # YAML refuses a control character written as such (PV001), so one in a value
            # was written as an escape (\x0b), and without a backslash there is none.
            continue
        for path, text in walk.prose(doc.data):
            match = CONTROL.search(text)
            if match:
                code = f"U+{ord(match.group()):04X}"
                yield ctx.finding(
                    doc,
                    path,
                    f"texten innehåller styrtecknet {code}",
                    "Ta bort tecknet; det tas bort ur dokumenten som skapas.",
                )


def check_rendered(rendered: Rendered) -> Iterator[Finding]:
    for removed in rendered.removed:
        yield RULE.finding(
            f"styrtecknet U+{removed.codepoint:04X} går inte att skriva i dokumentet och tas bort",
            removed.file,
            removed.span,
            "Ta bort tecknet ur planfilen (det kommer ofta från Excel eller Word).",
        )


RULE = rule(
    __doc__ or "",
    code="PV307",
    name="styrtecken",
    level=Level.WARNING,
    summary="texten innehåller ett osynligt styrtecken",
    check=check,
    scope=Scope.DOCUMENT,
    check_rendered=check_rendered,
)
