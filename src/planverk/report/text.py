"""Findings as a compiler prints them: ``file:line:col: CODE nivå: message``, the source
line with a caret under the spot, and a hint.

:func:`styled` gives the report as segments of text with a style name (the level word, the
caret, the hint marker), so a terminal can colour exactly those and nothing a plan wrote;
:func:`render` is the same text without styles.
"""

from __future__ import annotations

from collections.abc import Sequence

from planverk.core.chars import visible
from planverk.core.findings import Finding, Level

_PLURAL = {
    Level.ERROR: ("fel", "fel"),
    Level.WARNING: ("varning", "varningar"),
    Level.INFO: ("info", "info"),
}


WINDOW = 100  # characters of a long source line shown around the caret


# Style names of the segments: what a terminal colours (see planverk.cli.common.echo).
LEVEL_STYLES = {Level.ERROR: "fel", Level.WARNING: "varning", Level.INFO: "info"}
CARET = "markering"
HINT = "tips"

Segment = tuple[str, str | None]


def render(findings: Sequence[Finding], sources: dict[str, str], files: int) -> str:
    return "".join(text for text, _ in styled(findings, sources, files))


def styled(findings: Sequence[Finding], sources: dict[str, str], files: int) -> list[Segment]:
    out: list[Segment] = []
    add = out.append
    cache: dict[str, list[str]] = {}
    for finding in findings:
        span = finding.span
        add((f"{finding.location}: ", None))
        add((f"{finding.code} {finding.level.label}", LEVEL_STYLES[finding.level]))
        add((f": {finding.message}\n", None))
        text = sources.get(finding.file) if finding.cell is None else None
        if text is not None:
            source_lines = cache.get(finding.file)
            if source_lines is None:  # split each file once, not once per finding
                source_lines = cache[finding.file] = source_lines_of(text)
            if 0 < span.line <= len(source_lines):
                line, pad, caret = excerpt_parts(source_lines[span.line - 1], finding)
                add((f"{line}\n       | {pad}", None))
                add((caret, CARET))
                add(("\n", None))
        if finding.hint:
            add(("       ", None))
            add(("= tips:", HINT))
            add((f" {finding.hint}\n", None))
        add(("\n", None))
    add((summary(findings, files), None))
    return [(visible(text), style) for text, style in out]  # no plan drives a terminal


def source_lines_of(text: str) -> list[str]:
    """Lines as YAML counts them (a line feed, or CR LF): unlike ``str.splitlines``, a
    vertical tab or form feed pasted into a text does not start a new line."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def excerpt_parts(source: str, finding: Finding) -> tuple[str, str, str]:
    """The numbered source line, the spaces before the caret, and the caret."""
    span = finding.span
    source = source.expandtabs(1)
    start = span.column - 1
    width = max(1, span.end_column - span.column) if span.end_line == span.line else 1
    width = max(1, min(width, len(source) - start, WINDOW // 2))
    first = 0
    length = len(source)
    if length > WINDOW:
        first = max(0, min(start - WINDOW // 3, length - WINDOW))
        window = source[first : first + WINDOW]
        source = ("…" if first else "") + window + ("…" if first + WINDOW < length else "")
    pad = start - first + (1 if first else 0)
    return f"  {span.line:>4} | {source}", " " * pad, "^" * width


def summary(findings: Sequence[Finding], files: int) -> str:
    """ "2 fel, 3 varningar i 1 fil (7 filer kontrollerade)." : the files counted are those
    with findings; how many were checked follows when that differs."""
    if not findings:
        noun = "fil" if files == 1 else "filer"
        return f"Inga fel i {files} {noun}."
    parts = []
    for level in (Level.ERROR, Level.WARNING, Level.INFO):
        count = sum(1 for f in findings if f.level == level)
        if count:
            singular, plural = _PLURAL[level]
            parts.append(f"{count} {singular if count == 1 else plural}")
    with_findings = len({f.file for f in findings})
    noun = "fil" if with_findings == 1 else "filer"
    checked = ""
    if files > with_findings:
        checked = f" ({files} {'fil' if files == 1 else 'filer'} kontrollerade)"
    return f"{', '.join(parts)} i {with_findings} {noun}{checked}."
