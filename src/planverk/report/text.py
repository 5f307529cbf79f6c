"""Findings as a compiler prints them: ``file:line:col: CODE nivå: message``, the source
line with a caret under the spot, and a hint."""

from __future__ import annotations

from collections.abc import Sequence

from planverk.findings import Finding, Level

_PLURAL = {
    Level.ERROR: ("fel", "fel"),
    Level.WARNING: ("varning", "varningar"),
    Level.INFO: ("info", "info"),
}


def render(findings: Sequence[Finding], sources: dict[str, str], files: int) -> str:
    lines: list[str] = []
    cache: dict[str, list[str]] = {}
    for finding in findings:
        span = finding.span
        lines.append(
            f"{finding.file}:{span.line}:{span.column}: {finding.code} {finding.level.label}: "
            f"{finding.message}"
        )
        text = sources.get(finding.file)
        if text is not None:
            source_lines = cache.setdefault(finding.file, text.splitlines())
            if 0 < span.line <= len(source_lines):
                source = source_lines[span.line - 1].expandtabs(1)
                width = max(1, span.end_column - span.column) if span.end_line == span.line else 1
                width = min(width, max(1, len(source) - span.column + 1))
                lines.append(f"  {span.line:>4} | {source}")
                lines.append(f"       | {' ' * (span.column - 1)}{'^' * width}")
        if finding.hint:
            lines.append(f"       = tips: {finding.hint}")
        lines.append("")
    lines.append(summary(findings, files))
    return "\n".join(lines)


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
