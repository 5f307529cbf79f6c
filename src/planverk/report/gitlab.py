"""Findings as a GitLab Code Quality report (artifacts:reports:codequality).

GitLab compares the fingerprints of a merge request's report with those of its target
branch: a fingerprint that disappears is shown as fixed, a new one as new. So a fingerprint
is made from what the finding is about (file, rule, the item's id path, the message), never
from where it is: a line added above a finding must not make it "fixed" and "new". Line
numbers a message names ("finns redan på rad 3") are left out of the fingerprint for the
same reason, and findings that would still be alike are numbered in the order they come.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence

from planverk.core.chars import json_escaped
from planverk.core.findings import Finding, Level

_SEVERITY = {Level.ERROR: "major", Level.WARNING: "minor", Level.INFO: "info"}
# Places a message may name: "på rad 12", "(rad 12)", "kolumn 5".
_PLACE = re.compile(r"\b(rad|raderna|kolumn) \d+(?:[–-]\d+)?")


def identity(finding: Finding) -> str:
    """What ``finding`` is about, without any position in the file."""
    message = _PLACE.sub(r"\1 …", finding.message)
    # A finding in a workbook cell has no id path; its cell is what it is about.
    subject = finding.subject or finding.cell or ""
    return "\0".join((finding.file, finding.code, subject, message))


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """A fingerprint per finding, unique within the report and stable when lines move."""
    seen: dict[str, int] = {}
    result = []
    for finding in findings:
        key = identity(finding)
        count = seen[key] = seen.get(key, 0) + 1
        if count > 1:
            key += f"\0{count}"
        result.append(hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest())
    return result


def render(findings: Sequence[Finding], sources: dict[str, str], files: int) -> str:
    issues = []
    for f, fingerprint in zip(findings, fingerprints(findings), strict=True):
        where = f"{f.cell}: " if f.cell is not None else ""  # a workbook has no lines
        issues.append(
            {
                "description": f"{f.code}: {where}{f.message}"
                + (f" Tips: {f.hint}" if f.hint else ""),
                "check_name": f.code,
                "fingerprint": fingerprint,
                "severity": _SEVERITY[f.level],
                "location": {"path": f.file, "lines": {"begin": f.span.line}},
            }
        )
    return json_escaped(json.dumps(issues, ensure_ascii=False, indent=2))
