"""`planverk validate` on the shipped plans and on broken copies of them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import cli


def test_shipped_plans_validate_clean(shipped: Path) -> None:
    run = cli("validate")
    assert run.exit_code == 0, run.stdout
    assert "Inga fel i 7 filer." in run.stdout


def test_deleted_goal_points_at_referring_line_and_suggests_closest(shipped: Path) -> None:
    vp = shipped / "plans" / "verksamhetsplan-2025-2028.yaml"
    text = vp.read_text(encoding="utf-8")
    # Rename the goal that AP 2025's Krisberedskap rubrik serves, as a planner might.
    assert "- id: krisberedskap\n" in text
    vp.write_text(
        text.replace("- id: krisberedskap\n", "- id: krisberedskap-och-försvar\n"), encoding="utf-8"
    )
    ap = (shipped / "plans" / "aktivitetsplan-2025.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(ap, 1) if text.strip() == "mål: krisberedskap")
    column = ap[line - 1].index("krisberedskap") + 1

    run = cli("validate")

    assert run.exit_code == 1
    head = f"plans/aktivitetsplan-2025.yaml:{line}:{column}: PV101 fel: målet 'krisberedskap'"
    assert head in run.stdout
    assert "Menade du 'krisberedskap-och-försvar'" in run.stdout
    assert re.search(r"\|\s+\^{13}$", run.stdout, re.MULTILINE), "caret under the reference"


def test_json_format_parses(shipped: Path) -> None:
    (shipped / "plans" / "aktivitetsplan-2025.yaml").write_text(
        "typ: aktivitetsplan\når: 2025\ntitel: Aktivitetsplan 2025\ninledningen: x\n",
        encoding="utf-8",
    )
    run = cli("validate", "--format", "json")
    assert run.exit_code == 1
    data = json.loads(run.stdout)
    finding = next(f for f in data["findings"] if f["code"] == "PV010")
    assert finding == {
        "file": "plans/aktivitetsplan-2025.yaml",
        "line": 4,
        "column": 1,
        "end_line": 4,
        "end_column": 12,
        "code": "PV010",
        "rule": "okänd-nyckel",
        "level": "fel",
        "message": "okänd nyckel 'inledningen'",
        "hint": "Menade du 'inledning'?",
    }


def test_github_format_lines_are_workflow_commands(shipped: Path) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8").replace("mål: nära-vård", "mål: nära-vårdx"),
        encoding="utf-8",
    )
    run = cli("validate", "--format", "github", "--regel", "PV204=varning")
    assert run.exit_code == 1
    lines = run.stdout.strip().splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    ap_error = "::error file=plans/aktivitetsplan-2025.yaml,line="
    assert any(line.startswith(ap_error) for line in lines)
    assert any(line.startswith("::warning ") for line in lines)


def test_gitlab_format_is_code_quality_json(shipped: Path) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8").replace("mål: nära-vård", "mål: nära"), encoding="utf-8"
    )
    run = cli("validate", "--format", "gitlab")
    issues = json.loads(run.stdout)
    assert issues[0]["check_name"] == "PV101"
    assert issues[0]["severity"] == "major"
    assert issues[0]["location"]["path"] == "plans/aktivitetsplan-2025.yaml"


def test_fail_level_warning_fails_on_warnings(minimal: Path) -> None:
    ap = minimal / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8") + "inledning: Arbetet med LOV fortsätter.\n",
        encoding="utf-8",
    )
    assert cli("validate").exit_code == 0
    run = cli("validate", "--fail-level", "varning")
    assert run.exit_code == 1
    assert "PV304 varning: förkortningen LOV saknas i ordlistan" in run.stdout


def test_rule_levels_from_project_file_and_inline_ignore(minimal: Path) -> None:
    ap = minimal / "plans" / "aktivitetsplan-2025.yaml"
    original = ap.read_text(encoding="utf-8")
    ap.write_text(original + "inledning: Arbetet med LOV fortsätter.\n", encoding="utf-8")
    project = minimal / "plans" / "planverk.yaml"
    project.write_text(
        project.read_text(encoding="utf-8") + "regler:\n  PV304: fel\n", encoding="utf-8"
    )
    run = cli("validate")
    assert run.exit_code == 1 and "PV304 fel" in run.stdout
    ap.write_text(
        original + "inledning: Arbetet med LOV fortsätter.  # planverk: ignore[PV304]\n",
        encoding="utf-8",
    )
    assert cli("validate").exit_code == 0


def test_unknown_rule_in_settings_is_reported(minimal: Path) -> None:
    project = minimal / "plans" / "planverk.yaml"
    project.write_text(
        project.read_text(encoding="utf-8") + "regler:\n  PV999: av\n", encoding="utf-8"
    )
    run = cli("validate")
    assert run.exit_code == 1
    assert "plans/planverk.yaml:14:3: PV013 fel: okänd regel 'PV999'" in run.stdout


def test_paths_limit_the_report_to_those_files(shipped: Path) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8").replace("mål: nära-vård", "mål: nära"), encoding="utf-8"
    )
    assert cli("validate", "plans/aktivitetsplan-2024.yaml").exit_code == 0
    assert cli("validate", "plans/aktivitetsplan-2025.yaml").exit_code == 1


def test_missing_plan_folder_is_a_usage_error(tmp_path: Path, monkeypatch: object) -> None:
    import os

    os.chdir(tmp_path)
    run = cli("validate")
    assert run.exit_code == 2
    assert "hittar ingen planmapp" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr


def test_help_speaks_swedish() -> None:
    run = cli("--help")
    assert run.exit_code == 0
    assert "jämför" in run.stdout and "Kontrollera planerna" in run.stdout


def test_deleted_goal_is_reported_with_nearest_existing_goal(shipped: Path) -> None:
    vp = shipped / "plans" / "verksamhetsplan-2025-2028.yaml"
    lines = vp.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("      - id: krisberedskap\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("      - id: "))
    vp.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")

    run = cli("validate")

    assert run.exit_code == 1
    assert "plans/aktivitetsplan-2025.yaml:66:14: PV101 fel: målet 'krisberedskap' finns inte" in (
        run.stdout
    )
    assert "Närmaste befintliga mål är '" in run.stdout


def test_rule_levels_from_pyproject_and_project_file_wins(minimal: Path) -> None:
    ap = minimal / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8") + "inledning: Arbetet med LOV fortsätter.\n",
        encoding="utf-8",
    )
    (minimal / "pyproject.toml").write_text(
        '[tool.planverk.regler]\nPV304 = "fel"\n', encoding="utf-8"
    )
    run = cli("validate")
    assert run.exit_code == 1 and "PV304 fel" in run.stdout
    project = minimal / "plans" / "planverk.yaml"
    project.write_text(
        project.read_text(encoding="utf-8") + "regler:\n  PV304: av\n", encoding="utf-8"
    )
    run = cli("validate")
    assert run.exit_code == 0 and "PV304" not in run.stdout


def test_text_output_keeps_control_characters_on_their_line_and_cuts_long_lines() -> None:
    from planverk.core.findings import Finding, Level, Span
    from planverk.report.text import render

    long_line = "inledning: " + "å" * 400 + " TODO " + "ö" * 400
    source = 'typ: x\ntext: "a\\x0b b"\n' + long_line + "\n"
    findings = [
        Finding("PV307", Level.WARNING, "styrtecken", "p.yaml", Span(2, 7, 2, 15), None),
        Finding("PV305", Level.WARNING, "platshållare", "p.yaml", Span(3, 413, 3, 417), None),
    ]
    out = render(findings, {"p.yaml": source}, 1).splitlines()
    assert out[1] == '     2 | text: "a\\x0b b"'
    excerpt, caret = out[5], out[6]
    assert excerpt.startswith("     3 | …") and excerpt.endswith("…") and len(excerpt) < 120
    assert excerpt[caret.index("^") : caret.index("^") + 4] == "TODO"


def test_colours_mark_the_report_not_what_a_plan_wrote(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal the level word, the caret and the hint marker are coloured; a source
    line that looks like a finding ("PV101 fel", "= tips:") is printed as it stands."""
    ap = minimal / "plans" / "aktivitetsplan-2025.yaml"
    text = ap.read_text(encoding="utf-8")
    ap.write_text(
        text.replace("mål: nära-vård", "mål: nära  # PV101 fel = tips: x", 1), encoding="utf-8"
    )
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    run = cli("validate")
    assert run.exit_code == 1
    header, source, caret = run.stdout.splitlines()[:3]
    assert "\x1b[1;31mPV101 fel\x1b[0m" in header
    assert source.endswith("mål: nära  # PV101 fel = tips: x") and "\x1b" not in source
    assert "\x1b[1;31m^^^^\x1b[0m" in caret
    assert "\x1b[1;36m= tips:\x1b[0m" in run.stdout


def test_gitlab_fingerprints_do_not_move_with_the_lines(shipped: Path) -> None:
    """GitLab shows a finding as fixed and a new one as new when its fingerprint changes: a
    comment added at the top of a plan must leave every fingerprint as it was."""
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    text = ap.read_text(encoding="utf-8")
    broken = (
        text.replace("mål: nära-vård", "mål: nära", 1)
        .replace("mål: kunskapsstyrning", "mål: kunskap", 1)
        .replace("titel: Aktivitetsplan 2025", "titel: Aktivitetsplan 2025 med LOV och TBX")
    )
    assert broken.count("\n") == text.count("\n")
    ap.write_text(broken, encoding="utf-8")

    def report() -> list[dict[str, object]]:
        issues: list[dict[str, object]] = json.loads(
            cli("validate", "--format", "gitlab", "--regel", "PV204=varning").stdout
        )
        return issues

    before = report()
    assert len(before) >= 4, before
    fingerprints = [issue["fingerprint"] for issue in before]
    assert len(set(fingerprints)) == len(fingerprints), "fingerprints are unique in a report"
    ap.write_text("# En kommentar överst.\n\n" + broken, encoding="utf-8")
    after = report()
    assert sorted(str(i["fingerprint"]) for i in after) == sorted(map(str, fingerprints))
    moved = {i["fingerprint"]: i["location"] for i in after}
    for issue in before:  # the lines did move: the fingerprints are stable for another reason
        if issue["location"]["path"] == "plans/aktivitetsplan-2025.yaml":  # type: ignore[index]
            line = issue["location"]["lines"]["begin"]  # type: ignore[index]
            assert moved[issue["fingerprint"]]["lines"]["begin"] == line + 2  # type: ignore[index]
