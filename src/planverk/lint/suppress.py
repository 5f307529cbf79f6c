"""Inline suppression: ``# planverk: ignore[PV101]`` on a line, or ``ignore-file[...]``.

A comment on the finding's own line silences it; a comment alone on the line above does
too. ``# planverk: ignore-file[PV203]`` anywhere in a file silences a code in all of it. A
bare ``ignore`` without codes silences every code on that line.

Only real YAML comments count (:mod:`planverk.loading.comments`): a plan text that holds
``# planverk: ignore-file`` silences nothing. A suppression that silences nothing is
itself reported (PV015), as ruff reports an unused ``noqa``: the finding it was written for
is gone, or the code is misspelt, and a stale suppression would hide the next real one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from planverk.core.findings import Finding, Level, Span
from planverk.loading.comments import comments
from planverk.loading.yamlfile import YamlDocument
from planverk.rules import BY_CODE
from planverk.rules import pv015_unused_suppression as unused_rule

_MARK = "planverk:"
_DIRECTIVE = re.compile(r"#\s*planverk:\s*(ignore-file|ignore)(?:\[([A-Za-z0-9,\s]*)\])?")
ALL = "*"


@dataclass(slots=True)
class Directive:
    """One ``# planverk: ignore...`` comment, and the codes it has silenced so far."""

    text: str
    span: Span
    codes: frozenset[str]
    whole_file: bool
    lines: tuple[int, ...]  # the lines it applies to (none for ignore-file)
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        if not (self.whole_file or finding.span.line in self.lines):
            return False
        return finding.code in self.codes or ALL in self.codes


@dataclass(slots=True)
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    by_line: dict[int, list[Directive]] = field(default_factory=dict)
    whole_file: list[Directive] = field(default_factory=list)

    def silences(self, finding: Finding) -> bool:
        """Whether ``finding`` is silenced; the directives that silence it remember it."""
        silenced = False
        for directive in (*self.whole_file, *self.by_line.get(finding.span.line, ())):
            if directive.covers(finding):
                directive.used.add(finding.code)
                silenced = True
        return silenced

    def unused(self, display: str, levels: dict[str, Level | None]) -> Iterator[Finding]:
        """A PV015 finding for each directive, or code of one, that silenced nothing."""
        for directive in self.directives:
            if unused_rule.RULE.code in directive.codes:
                continue  # a suppression of the report itself is not reported
            if ALL in directive.codes:
                if not directive.used:
                    yield _unused(directive, display, "tystar inget", None)
                continue
            idle = sorted(directive.codes - directive.used)
            if not idle:
                continue
            unknown = [code for code in idle if code not in BY_CODE]
            off = [code for code in idle if code in BY_CODE and levels.get(code) is None]
            hint = None
            if unknown:
                from planverk.core.suggest import did_you_mean

                hint = did_you_mean(unknown[0], BY_CODE) or "Se `planverk regler`."
                hint = f"{', '.join(unknown)} är ingen regel. {hint}"
            elif off:
                hint = f"{', '.join(off)} är avstängd i regelinställningarna; ta bort tystnaden."
            what = "tystar inget" if len(idle) == len(directive.codes) else "tystar inget här"
            yield _unused(directive, display, f"{what} ({', '.join(idle)})", hint)

    def silence_reports(self, findings: Iterable[Finding]) -> list[Finding]:
        """The PV015 findings that no suppression naming PV015 itself silences (a bare
        ``ignore`` does not silence the report that it is unused)."""
        code = unused_rule.RULE.code
        naming = [d for d in self.directives if code in d.codes]
        return [f for f in findings if not any(d.covers(f) for d in naming)]


def _unused(directive: Directive, display: str, what: str, hint: str | None) -> Finding:
    return unused_rule.RULE.finding(
        f"tystnaden `{directive.text}` {what}",
        display,
        directive.span,
        hint or "Ta bort kommentaren, eller rätta koden i den om den är felstavad.",
    )


def scan(doc: YamlDocument) -> Suppressions:
    """The suppressions written in one file's comments."""
    found = Suppressions()
    if _MARK not in doc.text:
        return found
    for comment in comments(doc):
        if _MARK not in comment.text:
            continue
        for match in _DIRECTIVE.finditer(comment.text):
            kind, listed = match.groups()
            codes = {c.strip().upper() for c in (listed or "").split(",") if c.strip()} or {ALL}
            column = comment.column + match.start()
            span = Span(comment.line, column, comment.line, column + len(match.group()))
            whole = kind == "ignore-file"
            lines: tuple[int, ...] = ()
            if not whole:
                # A comment alone on its line applies to the next line too.
                lines = (comment.line, comment.line + 1) if comment.alone else (comment.line,)
            directive = Directive(match.group(), span, frozenset(codes), whole, lines)
            found.directives.append(directive)
            if whole:
                found.whole_file.append(directive)
            for line in lines:
                found.by_line.setdefault(line, []).append(directive)
    return found


def apply(
    findings: Iterable[Finding],
    suppressions: dict[str, Suppressions],
    levels: dict[str, Level | None],
) -> list[Finding]:
    """``findings`` without those a suppression silences, plus a PV015 finding (at its
    configured level) for each suppression that silenced nothing. ``suppressions`` may be
    kept between runs (the language server does): what they silenced is counted anew."""
    for found in suppressions.values():
        for directive in found.directives:
            directive.used.clear()
    kept = [f for f in findings if not suppressions.get(f.file, _NONE).silences(f)]
    level = levels.get(unused_rule.RULE.code)
    if level is not None:
        for display, found in suppressions.items():
            for report in found.silence_reports(found.unused(display, levels)):
                kept.append(report if report.level == level else replace(report, level=level))
    return kept


_NONE = Suppressions()
