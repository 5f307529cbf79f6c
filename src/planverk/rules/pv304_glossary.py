"""PV304 – förkortning saknas i ordlistan.

En förkortning i en plans text (två eller fler versaler, till exempel NSPL eller LOV) som
varken finns i projektfilens ``ordlista:`` eller är ett organs ``förkortning``. Nämnden och
allmänheten läser dokumenten, så varje förkortning måste gå att förklara. Platshållarnas
TODO, FIXME och XXX är inga förkortningar (PV305 rapporterar dem).

FAIL plans/aktivitetsplan-2025.yaml 4:42:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Planen följer upp arbetet med NSPL.
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Planen följer upp arbetet med NHV.
"""

import re
from collections.abc import Iterator
from dataclasses import replace

from planverk.core.findings import Finding, Level, Span
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule

# Two or more capitals (a second part after a hyphen allowed), not inside a word. Written
# to start with a character class, which the regex engine can scan for quickly: the same
# matches as (?<![\w-])[A-ZÅÄÖ]{2,}(?:-[A-ZÅÄÖ]{2,})?(?![\w]) in a fifth of the time.
_ABBREVIATION = re.compile(r"[A-ZÅÄÖ](?<![\w-].)[A-ZÅÄÖ]+(?:-[A-ZÅÄÖ]{2,})?(?![\w])")
_ROMAN = re.compile(r"^[IVXLC]+$")
_PLACEHOLDERS = frozenset({"TODO", "FIXME", "XXX", "TBD"})  # PV305's, not abbreviations
_TWO_CAPITALS = re.compile(r"[A-ZÅÄÖ][A-ZÅÄÖ]")  # what every abbreviation starts with


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
        lines: list[str] = []
        for parent, key, text in walk.texts(doc.data):
            if not _TWO_CAPITALS.search(text):
                continue  # the common case, found faster than by the full expression
            if (parent or (key,))[0] == "ordlista":
                continue
            for match in _ABBREVIATION.finditer(text):
                word = match.group()
                if word in known or word in _PLACEHOLDERS or _ROMAN.match(word):
                    continue
                finding = ctx.finding(
                    doc,
                    (*parent, key),
                    f"förkortningen {word} saknas i ordlistan",
                    f"Lägg till `{word}: <betydelse>` under `ordlista:` i plans/planverk.yaml.",
                    related=project_file,
                )
                lines = lines or doc.text.splitlines()  # once per file, only when needed
                yield _at_word(finding, lines, word)


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


def _at_word(finding: Finding, lines: list[str], word: str) -> Finding:
    """Move a finding from the start of a one-line plain value to the word itself."""
    span = finding.span
    if span.line == span.end_line and 0 < span.line <= len(lines):
        line = lines[span.line - 1]
        column = line.find(word, span.column - 1)
        if column >= 0:
            new = Span(span.line, column + 1, span.line, column + 1 + len(word))
            return replace(finding, span=new)
    return finding


RULE = rule(
    __doc__ or "",
    code="PV304",
    name="förkortning-utan-förklaring",
    level=Level.WARNING,
    summary="en förkortning saknas i ordlistan",
    check=check,
    scope=Scope.DOCUMENT,
)
