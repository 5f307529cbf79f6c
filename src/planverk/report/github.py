"""Findings as GitHub Actions workflow commands, shown as annotations on the pull request."""

from __future__ import annotations

from collections.abc import Sequence

from planverk.core.chars import visible
from planverk.core.findings import Finding, Level

_COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def _data(text: str) -> str:
    # Control characters from a plan (a key with ESC or BEL in it) are made visible: the
    # runner's log would otherwise obey them.
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings: Sequence[Finding], sources: dict[str, str], files: int) -> str:
    lines = []
    for f in findings:
        span = f.span
        message = f.message + (f" Tips: {f.hint}" if f.hint else "")
        if f.cell is not None:  # a workbook has no lines: name the cell in the message
            message = f"{f.cell}: {message}"
        lines.append(
            f"::{_COMMAND[f.level]} file={_property(f.file)},line={span.line},col={span.column},"
            f"endLine={span.end_line},endColumn={span.end_column},"
            f"title={_property(f.code + ' ' + f.level.label)}::{_data(message)}"
        )
    return "\n".join(lines)
