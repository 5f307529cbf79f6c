"""PV321 – tecken som vänder textens riktning.

Texten (eller en kommentar) innehåller ett osynligt tecken för skrift från höger till vänster:
en inbäddning, en tvingad riktning eller en isolering (U+202A–U+202E, U+2066–U+2069). Det gör
att texten visas i en annan ordning än den står i filen: i editorn, i granskningen av en
ändring och i de dokument som skapas ur planen. Ett sådant tecken hör inte hemma i en svensk
plan, och det kan användas för att dölja vad som egentligen står.

FAIL plans/aktivitetsplan-2025.yaml 4:27:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: "Planen gäller \\u202e5202 och 2026."
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: "Planen gäller 2025 och 2026."
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from planverk.core.findings import Finding, Level, Span
from planverk.core.lookalike import BIDI, describe
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule

# A bidi character written as a YAML escape in a double-quoted text: \u202e, \U0000202E.
_ESCAPED = re.compile(r"\\(?:u|U0000)(?:202[a-eA-E]|206[6-9])")
# Looking for each character with `in` is many times faster than the expression over a
# large text (and at once false for a text with no character above U+00FF).
_CHARS = tuple(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_ESCAPE_STARTS = ("\\u202", "\\u206", "\\U0000202", "\\U0000206")
_HINT = (
    "Ta bort tecknet; det gör att texten visas i en annan ordning än den står i filen "
    "(i editorn, i granskningen och i dokumenten)."
)


def check(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.planset.documents:
        lines: set[int] = set()
        text = doc.text
        if any(char in text for char in _CHARS):
            for number, line in enumerate(text.split("\n"), start=1):
                match = BIDI.search(line)
                if match:
                    lines.add(number)
                    column = match.start() + 1
                    yield RULE.finding(
                        f"texten innehåller {describe(match.group())}, som vänder på hur "
                        "texten visas",
                        doc.display,
                        Span(number, column, number, column + 1),
                        _HINT,
                        subject=f"rad-{line.strip()[:60]}",
                    )
        if doc.data is None or not any(start in text for start in _ESCAPE_STARTS):
            continue
        for path, text in walk.prose(doc.data):
            match = BIDI.search(text)
            if match is None:
                continue
            finding = ctx.finding(
                doc,
                path,
                f"texten innehåller {describe(match.group())}, som vänder på hur texten visas",
                _HINT,
            )
            if finding.span.line not in lines:
                yield _at_escape(finding, doc.text)


def _at_escape(finding: Finding, text: str) -> Finding:
    """Move a finding from the start of a one-line value to the escape in it."""
    span = finding.span
    if span.line != span.end_line:
        return finding
    line = text.split("\n", span.line)[span.line - 1]
    match = _ESCAPED.search(line, span.column - 1)
    if match is None:
        return finding
    new = Span(span.line, match.start() + 1, span.line, match.start() + 1 + len(match.group()))
    return replace(finding, span=new)


RULE = rule(
    __doc__ or "",
    code="PV321",
    name="riktningstecken",
    level=Level.ERROR,
    summary="texten innehåller ett tecken som vänder textens riktning",
    check=check,
    scope=Scope.DOCUMENT,
)
