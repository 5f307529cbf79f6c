"""Findings as a compiler prints them: ``file:line:col: CODE nivå: message``, the source
line with a caret under the spot, and a hint."""

from __future__ import annotations

from collections.abc import Sequence

from planverk.core.findings import Finding, Level

_PLURAL = {
    Level.ERROR: ("fel", "fel"),
    Level.WARNING: ("varning", "varningar"),
    Level.INFO: ("info", "info"),
}


WINDOW = 100  # characters of a long source line shown around the caret


def render(findings: Sequence[Finding], sources: dict[str, str], files: int) -> str:
    lines: list[str] = []
    cache: dict[str, list[str]] = {}
    for finding in findings:
        span = finding.span
        lines.append(f"{finding.location}: {finding.code} {finding.level.label}: {finding.message}")
        text = sources.get(finding.file) if finding.cell is None else None
        if text is not None:
            source_lines = cache.get(finding.file)
            if source_lines is None:  # split each file once, not once per finding
                source_lines = cache[finding.file] = source_lines_of(text)
            if 0 < span.line <= len(source_lines):
                lines.extend(excerpt(source_lines[span.line - 1], finding))
        if finding.hint:
            lines.append(f"       = tips: {finding.hint}")
        lines.append("")
    lines.append(summary(findings, files))
    return "\n".join(lines)


def source_lines_of(text: str) -> list[str]:
    """Lines as YAML counts them (a line feed, or CR LF): unlike ``str.splitlines``, a
    vertical tab or form feed pasted into a text does not start a new line."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def excerpt(source: str, finding: Finding) -> list[str]:
    """The source line and a caret under the span; a long line is cut to a window."""
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
    return [f"  {span.line:>4} | {source}", f"       | {' ' * pad}{'^' * width}"]


def summary(findings: Sequence[Finding], files: int) -> str:
    noun = "fil" if files == 1 else "filer"
    if not findings:
        return f"Inga fel i {files} {noun}."
    parts = []
    for level in (Level.ERROR, Level.WARNING, Level.INFO):
        count = sum(1 for f in findings if f.level == level)
        if count:
            singular, plural = _PLURAL[level]
            parts.append(f"{count} {singular if count == 1 else plural}")
    return f"{', '.join(parts)} i {files} {noun}."
