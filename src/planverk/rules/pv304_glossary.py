"""PV304 – förkortning saknas i ordlistan.

En förkortning i en plans text (två eller fler versaler, till exempel NSPL eller LOV) som
varken finns i projektfilens ``ordlista:`` eller är ett organs ``förkortning``. Nämnden och
allmänheten läser dokumenten, så varje förkortning måste gå att förklara.

En förkortning är en följd av versaler i en text som annars har gemener, också i genitiv
(SKRs, NPO:s) och med ett efterled (RD-gruppen, NHV-processen). En rad eller rubrik som är
satt helt med versaler (§ 8 SAMVERKANSOMRÅDEN) är inte en rad med förkortningar och
kontrolleras inte. Platshållarnas TODO, FIXME och XXX är inga förkortningar (PV305
rapporterar dem).

FAIL plans/aktivitetsplan-2025.yaml 4:42:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Planen följer upp arbetet med NSPL.
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: ÖVERGRIPANDE INRIKTNING FÖR VÅRD OCH OMSORG
    inledning: Planen följer upp NHV-processen och SVNs arbete med NHV.
"""

import re
from collections.abc import Iterator

from planverk.core.findings import Finding, Level
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule
from planverk.rules.textspan import ValueText

# Two or more capitals (a second part after a hyphen allowed), not inside a word; a
# genitive s (SKRs) or a lower-case suffix after a hyphen (RD-gruppen) may follow. Written
# to start with a character class, which the regex engine can scan for quickly.
_ABBREVIATION = re.compile(r"[A-ZÅÄÖ](?<![\w-].)[A-ZÅÄÖ]+(?:-[A-ZÅÄÖ]{2,})?(?=s?(?![\w]))")
_ROMAN = re.compile(r"^[IVXLC]+$")
_PLACEHOLDERS = frozenset({"TODO", "FIXME", "XXX", "TBD"})  # PV305's, not abbreviations
_TWO_CAPITALS = re.compile(r"[A-ZÅÄÖ][A-ZÅÄÖ]")  # what every abbreviation starts with
_LOWER = re.compile(r"[a-zåäöéü]")


def check(ctx: Context) -> Iterator[Finding]:
    project = ctx.project
    if project is None:
        return
    known = set(project.glossary)
    project_file = [ctx.planset.project] if ctx.planset.project else []
    known.update(body.abbreviation for body in project.bodies if body.abbreviation)
    for doc in ctx.planset.documents:
        if doc.data is None or not _may_hold_unknown(doc.text, known):
            continue
        for parent, key, text in walk.texts(doc.data):
            if not _TWO_CAPITALS.search(text):
                continue  # the common case, found faster than by the full expression
            if (parent or (key,))[0] == "ordlista":
                continue
            value: ValueText | None = None
            for start, end, word in unknown(text, known):
                value = value or ValueText(doc, (*parent, key), text)
                yield ctx.finding(
                    doc,
                    (*parent, key),
                    f"förkortningen {word} saknas i ordlistan",
                    f"Lägg till `{word}: <betydelse>` under `ordlista:` i plans/planverk.yaml.",
                    span=value.span_of(start, end),
                    related=project_file,
                )


def unknown(text: str, known: set[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of every abbreviation in ``text`` that ``known`` lacks; lines set
    in capitals are skipped."""
    offset = 0
    for line in text.split("\n"):
        if _TWO_CAPITALS.search(line) and _LOWER.search(line):
            for match in _ABBREVIATION.finditer(line):
                word = match.group()
                if word in known or word in _PLACEHOLDERS or _ROMAN.match(word):
                    continue
                yield offset + match.start(), offset + match.end(), word
        offset += len(line) + 1


def _may_hold_unknown(text: str, known: set[str]) -> bool:
    """Whether the file's text holds an abbreviation that is not known.

    Every value is a piece of the file's text (lines folded, quotes removed), so when the
    text as a whole holds no unknown abbreviation, no value does, and the file's values need
    not be walked: the common case, answered by one search through the text. A backslash
    may be an escape that spells letters the text does not show, so then the values are
    walked anyway.
    """
    if "\\" in text:
        return True
    return any(
        word not in known and word not in _PLACEHOLDERS and not _ROMAN.match(word)
        for word in set(_ABBREVIATION.findall(text))
    )


RULE = rule(
    __doc__ or "",
    code="PV304",
    name="förkortning-utan-förklaring",
    level=Level.WARNING,
    summary="en förkortning saknas i ordlistan",
    check=check,
    scope=Scope.DOCUMENT,
)
