"""Findings as JSON: one object per finding, for programs and editors."""

from __future__ import annotations

import json
from collections.abc import Sequence

from planverk.core.chars import json_escaped
from planverk.core.findings import Finding


def as_dict(finding: Finding) -> dict[str, object]:
    """One finding; a finding in a workbook also has ``cell`` (``Åtgärder!F7``), and its
    ``line`` and ``column`` are the cell's row and column number."""
    span = finding.span
    record: dict[str, object] = {
        "file": finding.file,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "code": finding.code,
        "rule": finding.rule,
        "level": finding.level.label,
        "message": finding.message,
        "hint": finding.hint,
    }
    if finding.cell is not None:
        record["cell"] = finding.cell
    return record


def render(findings: Sequence[Finding], sources: dict[str, str], files: int) -> str:
    payload = {"files": files, "findings": [as_dict(f) for f in findings]}
    return json_escaped(json.dumps(payload, ensure_ascii=False, indent=2))
