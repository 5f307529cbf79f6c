"""PV305 – tom text eller platshållare.

En text som är tom eller en platshållare som har blivit kvar från utkastet (TODO, XXX, TBD,
"…", "Text kommer", "Lorem ipsum"). Sådan text får inte hamna i nämndens handlingar.

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

from planverk.core.findings import Finding, Level
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule

_START = re.compile(
    r"\s*(?:todo|fixme|tbd|xxx+|\?+|\.{3}|…|-+|text kommer|lorem ipsum)\b", re.IGNORECASE
)
_WORD = re.compile(r"\b(?:TODO|FIXME|XXX)\b", re.IGNORECASE)
# The first characters _START can match (after stripping): a quick test before the regex.
_CAN_START = frozenset("tTfFxX?.…-lL")
# Characters that re.IGNORECASE matches to ASCII letters but str.lower() does not.
_SPECIAL_CASE = ("\u0130", "\u0131", "\u017f", "\u212a")


def check(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.planset.documents:
        if doc.data is None:
            continue
        # A marker word in any value is in the file's text too (unless written with a \
        # escape), so one look at the text spares a search through each value.
        words = _may_hold_words(doc.text)
        for parent, key, text in walk.texts(doc.data):
            stripped = text.strip()
            if not stripped:
                yield ctx.finding(
                    doc,
                    (*parent, key),
                    "texten är tom",
                    "Skriv texten, eller ta bort nyckeln.",
                    key=True,
                )
            elif (
                (stripped[0] in _CAN_START and _START.match(stripped))
                or (words and _WORD.search(stripped))
                or stripped in ("…", "...", "?")
            ):
                yield ctx.finding(
                    doc,
                    (*parent, key),
                    f"texten är en platshållare: '{stripped[:40]}'",
                    "Skriv den riktiga texten innan planen går till beslut.",
                )


def _may_hold_words(text: str) -> bool:
    lowered = text.lower()
    return (
        "\\" in text
        or "todo" in lowered
        or "fixme" in lowered
        or "xxx" in lowered
        or any(special in text for special in _SPECIAL_CASE)
    )


RULE = rule(
    __doc__ or "",
    code="PV305",
    name="platshållare",
    level=Level.WARNING,
    summary="texten är tom eller en platshållare",
    check=check,
    scope=Scope.DOCUMENT,
)
