"""What users of linters and of Swedish expect from the command line: -q and -v, `--kind
uppföljning` with its ö, and `--plan` by file name for every plan kind."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cli


def test_validate_quiet_prints_the_findings_only(shipped: Path) -> None:
    run = cli("validate", "-q")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.stdout == ""
    hp = shipped / "plans" / "handlingsplaner" / "2025" / "ledningsgruppen.yaml"
    text = hp.read_text(encoding="utf-8")
    hp.write_text(text.replace("aktivitet: nära-vård", "aktivitet: nära-vårdd", 1), "utf-8")
    loud, quiet = cli("validate"), cli("validate", "--quiet")
    assert quiet.exit_code == loud.exit_code == 1
    assert "PV102 fel: " in quiet.stdout
    assert loud.stdout.rstrip().endswith("1 fel i 1 fil (7 filer kontrollerade).")
    assert "filer kontrollerade" not in quiet.stdout
    assert loud.stdout.startswith(quiet.stdout.rstrip("\n"))


def test_validate_verbose_names_the_files_read(shipped: Path) -> None:
    run = cli("validate", "-v")
    assert run.exit_code == 0
    assert run.stdout.strip() == "Inga fel i 7 filer."
    assert "planverk: läste plans/aktivitetsplan-2025.yaml" in run.stderr
    assert "planverk: 7 filer i " in run.stderr and " s\n" in run.stderr


def test_render_kind_uppföljning_with_and_without_ö(shipped: Path) -> None:
    for kind in ("uppföljning", "uppfoljning"):
        out = f"build/{kind}.md"
        run = cli("render", "2025", "--kind", kind, "--datum", "2025-09-15", "-f", "md", "-o", out)
        assert run.exit_code == 0, run.stdout + run.stderr
    assert (shipped / "build/uppföljning.md").read_bytes() == (
        shipped / "build/uppfoljning.md"
    ).read_bytes()


def test_plan_by_file_name_for_a_verksamhetsplan_and_an_aktivitetsplan(shipped: Path) -> None:
    run = cli(
        "render", "--kind", "verksamhetsplan", "--plan", "verksamhetsplan-2021-2024", "-f", "md"
    )
    assert run.exit_code == 0, run.stdout + run.stderr
    assert (shipped / "build/verksamhetsplan-vp-2021-2024.md").is_file() or any(
        (shipped / "build").glob("*2021-2024*.md")
    )
    run = cli("render", "--plan", "aktivitetsplan-2025", "-f", "md", "-o", "build/ap.md")
    assert run.exit_code == 0, run.stdout + run.stderr
    run = cli("render", "--kind", "verksamhetsplan", "--plan", "verksamhetsplan-2021", "-f", "md")
    assert run.exit_code == 2
    assert "det finns ingen verksamhetsplan med id 'verksamhetsplan-2021'" in run.stderr
    assert "verksamhetsplan-2021-2024" in run.stderr  # did you mean
