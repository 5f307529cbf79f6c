"""Every rule's FAIL and PASS examples, taken from its docstring, run against a real plan set.

The examples are what docs/regler.md shows, so documentation and behaviour cannot drift.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planverk.core.findings import Level
from planverk.lint.validate import validate
from planverk.rules import RULES
from planverk.rules.base import Example, Rule

EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.code}-{'pass' if example.passes else 'fail'}")
    for rule in RULES
    for example in rule.examples
]

# Rules whose example needs bytes, file-system state, a template or a Word file, which a
# plan-file docstring cannot hold; each is tested where its docstring says.
WITHOUT_EXAMPLES = {"PV003", "PV007", "PV009", "PV401", "PV402", "PV403", "PV404", "PV405", "PV406"}
WITHOUT_EXAMPLES |= {"PV014", "PV016"}  # a link, a Word file: tests/test_hostile_*.py
# The workbook rules (`planverk import`) check a returned .xlsx, not a plan set; each is
# tested with its exact finding and cell in tests/intake/.
WITHOUT_EXAMPLES |= {f"PV{n}" for n in range(501, 550)}
WITHOUT_EXAMPLES |= {"PV407", "PV408", "PV409"}  # rendered documents: test_pagination, test_pdf


def test_every_rule_has_a_fail_and_a_pass_example() -> None:
    for rule in RULES:
        if rule.code in WITHOUT_EXAMPLES:
            continue
        kinds = {example.passes for example in rule.examples}
        assert kinds == {True, False}, f"{rule.code} needs one FAIL and one PASS example"


def test_rule_codes_are_unique_and_documented() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert rule.doc.startswith(f"{rule.code} – "), rule.code
        assert rule.summary and not rule.summary.endswith(".")


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_rule_example(minimal: Path, rule: Rule, example: Example) -> None:
    target = minimal / example.file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(example.content, encoding="utf-8")
    overrides = {rule.code: "varning"} if rule.level is None else {}
    result = validate(plan_dir=minimal / "plans", overrides=overrides)
    hits = [f for f in result.findings if f.code == rule.code]
    if example.passes:
        assert hits == [], [f"{f.file}:{f.span.line}:{f.span.column} {f.message}" for f in hits]
        return
    expected = (example.finding_file, example.line, example.column)
    found = [(f.file, f.span.line, f.span.column) for f in hits]
    assert expected in found, f"{rule.code}: expected {expected}, found {found}"
    hit = hits[found.index(expected)]
    assert hit.message and hit.hint, "a finding says what is wrong and how to fix it"
    assert hit.rule == rule.name, "a finding names its rule (`--format json` shows it)"
    assert hit.level == (rule.level or Level.WARNING), "the rule's level, or the override"


def test_minimal_plan_set_is_clean(minimal: Path) -> None:
    result = validate(plan_dir=minimal / "plans")
    assert result.findings == []
