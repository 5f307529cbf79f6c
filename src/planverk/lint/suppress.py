"""Inline suppression: ``# planverk: ignore[PV101]`` on a line, or ``ignore-file[...]``.

A comment on the finding's own line silences it; a comment alone on the line above does
too. ``# planverk: ignore-file[PV203]`` anywhere in a file silences a code in all of it. A
bare ``ignore`` without codes silences every code on that line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planverk.core.findings import Finding

_MARK = "planverk:"
_DIRECTIVE = re.compile(r"#\s*planverk:\s*(ignore-file|ignore)(?:\[([A-Z0-9,\s]*)\])?")
ALL = "*"


@dataclass(slots=True)
class Suppressions:
    by_line: dict[int, set[str]] = field(default_factory=dict)
    whole_file: set[str] = field(default_factory=set)

    def silences(self, finding: Finding) -> bool:
        if finding.code in self.whole_file or ALL in self.whole_file:
            return True
        codes = self.by_line.get(finding.span.line, set())
        return finding.code in codes or ALL in codes


def scan(text: str) -> Suppressions:
    """The suppressions written in one file's comments."""
    found = Suppressions()
    if _MARK not in text:
        return found
    for number, line in enumerate(text.splitlines(), start=1):
        if _MARK not in line:
            continue
        for match in _DIRECTIVE.finditer(line):
            kind, listed = match.groups()
            codes = {c.strip() for c in (listed or "").split(",") if c.strip()} or {ALL}
            if kind == "ignore-file":
                found.whole_file |= codes
                continue
            found.by_line.setdefault(number, set()).update(codes)
            if line.lstrip().startswith("#"):  # a comment alone applies to the next line
                found.by_line.setdefault(number + 1, set()).update(codes)
    return found
