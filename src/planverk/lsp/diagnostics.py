"""Findings as the editor's diagnostics: the same code, level, Swedish message and hint."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from planverk.core.findings import Finding, Level
from planverk.lsp.positions import LineIndex

SOURCE = "planverk"

_SEVERITY = {
    Level.ERROR: types.DiagnosticSeverity.Error,
    Level.WARNING: types.DiagnosticSeverity.Warning,
    Level.INFO: types.DiagnosticSeverity.Information,
}


def diagnostic(finding: Finding, lines: LineIndex | None) -> types.Diagnostic:
    """One finding as a diagnostic; ``lines`` is the index of the text it was found in (None
    for a file that could not be read, whose spans are then taken as they are)."""
    message = finding.message
    if finding.hint:
        message += f"\ntips: {finding.hint}"
    data: dict[str, Any] = {"hint": finding.hint, "rule": finding.rule}
    return types.Diagnostic(
        range=_range(finding, lines),
        message=message,
        severity=_SEVERITY.get(finding.level, types.DiagnosticSeverity.Error),
        code=finding.code,
        source=SOURCE,
        data=data,
    )


def _range(finding: Finding, lines: LineIndex | None) -> types.Range:
    span = finding.span
    if lines is None:
        start = types.Position(max(span.line - 1, 0), max(span.column - 1, 0))
        end = types.Position(max(span.end_line - 1, 0), max(span.end_column - 1, 0))
        return types.Range(
            start, end if (end.line, end.character) > (start.line, start.character) else start
        )
    start_offset, end_offset = lines.span_offsets(span)
    text = lines.text
    if end_offset == start_offset and start_offset < len(text) and text[start_offset] not in "\r\n":
        end_offset += 1  # an empty span still marks one character
    return lines.range(start_offset, end_offset)


def severity_level(severity: types.DiagnosticSeverity | None) -> Level:
    for level, value in _SEVERITY.items():
        if value == severity:
            return level
    return Level.ERROR
