"""PV305 – tom text eller platshållare.

A text that is empty or a placeholder left while drafting (TODO, XXX, TBD, "…", "Text
kommer", "Lorem ipsum"). Such text must not reach the board's papers.

FAIL plans/aktivitetsplan-2025.yaml 4:12:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: TODO skriv inledningen
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Planen gäller 2025.
"""

import re
from collections.abc import Iterator

from planverk import walk
from planverk.findings import Finding, Level
from planverk.rules.base import Context, rule

_PLACEHOLDER = re.compile(
    r"^\s*(?:todo|fixme|tbd|xxx+|\?+|\.{3}|…|-+|text kommer|lorem ipsum)\b|\b(?:TODO|FIXME|XXX)\b",
    re.IGNORECASE,
)


def check(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.planset.documents:
        if doc.data is None:
            continue
        for path, text in walk.prose(doc.data):
            stripped = text.strip()
            if not stripped:
                yield ctx.finding(
                    doc, path, "texten är tom", "Skriv texten, eller ta bort nyckeln.", key=True
                )
            elif _PLACEHOLDER.search(stripped) or stripped in ("…", "...", "?"):
                yield ctx.finding(
                    doc,
                    path,
                    f"texten är en platshållare: '{stripped[:40]}'",
                    "Skriv den riktiga texten innan planen går till beslut.",
                )


RULE = rule(
    __doc__ or "",
    code="PV305",
    name="platshållare",
    level=Level.WARNING,
    summary="texten är tom eller en platshållare",
    check=check,
)
