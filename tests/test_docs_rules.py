"""docs/regler.md is generated from the rules and must match them."""

from __future__ import annotations

from planverk.cli import app, common
from planverk.rules import RULES
from planverk.rules.docs import EXIT_CODES, markdown, prose
from tests.conftest import ROOT, cli

DOC = ROOT / "docs" / "regler.md"


def test_docs_regler_md_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == markdown(), (
        "docs/regler.md is out of date: run `planverk regler --markdown > docs/regler.md`"
    )


def test_cli_prints_the_same_page() -> None:
    run = cli("regler", "--markdown")
    assert run.exit_code == 0
    assert run.stdout == markdown()


def test_every_rule_has_its_section_with_fail_and_pass_examples() -> None:
    page = markdown()
    for rule in RULES:
        section = page.split(f'<a id="{rule.code.lower()}"></a>', 1)[1].split("<a id=", 1)[0]
        assert f"## {rule.code} – " in section
        assert f"- **Namn:** `{rule.name}`" in section
        assert rule.summary in section
        for example in rule.examples:
            assert f"```yaml\n{example.content.rstrip()}\n```" in section, rule.code
            label = "**Rätt**" if example.passes else "**Fel**"
            assert f"{label} – `{example.file}`" in section
            if not example.passes:
                assert f"på rad {example.line}, kolumn {example.column}:" in section
    # one table row per rule
    assert sum(1 for line in page.splitlines() if line.startswith("| [PV")) == len(RULES)


def test_prose_drops_title_and_examples() -> None:
    rule = next(r for r in RULES if r.code == "PV001")
    text = prose(rule)
    assert not text.startswith("PV001")
    assert "FAIL" not in text and "PASS" not in text and "typ: aktivitetsplan" not in text
    assert "citattecken som aldrig avslutas" in text


def test_exit_code_table_matches_the_cli_constants() -> None:
    documented = {code for code, _ in EXIT_CODES}
    constants = {common.EXIT_OK, common.EXIT_FINDINGS, common.EXIT_USAGE, common.EXIT_INTERNAL}
    assert constants <= documented
    # Ctrl+C and a closed output pipe, from cli/app.py
    assert documented - constants == {130, app.EXIT_PIPE}
    page = markdown()
    for code, meaning in EXIT_CODES:
        assert f"| {code} | {meaning} |" in page
