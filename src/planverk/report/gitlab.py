"""Findings as a GitLab Code Quality report (artifacts:reports:codequality)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from planverk.core.chars import json_escaped
from planverk.core.findings import Finding, Level

_SEVERITY = {Level.ERROR: "major", Level.WARNING: "minor", Level.INFO: "info"}


def render(findings: Sequence[Finding], sources: dict[str, str], files: int) -> str:
    issues = []
    for f in findings:
        identity = f"{f.file}:{f.code}:{f.span.line}:{f.span.column}:{f.message}"
        if f.cell is not None:
            identity += f":{f.cell}"
        where = f"{f.cell}: " if f.cell is not None else ""  # a workbook has no lines
        issues.append(
            {
                "description": f"{f.code}: {where}{f.message}"
                + (f" Tips: {f.hint}" if f.hint else ""),
                "check_name": f.code,
                "fingerprint": hashlib.sha256(identity.encode()).hexdigest(),
                "severity": _SEVERITY[f.level],
                "location": {"path": f.file, "lines": {"begin": f.span.line}},
            }
        )
    return json_escaped(json.dumps(issues, ensure_ascii=False, indent=2))
