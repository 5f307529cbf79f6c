"""Nothing leaks out of a plan set: a link out of the plan folder is never read or shown,
control characters from a plan never reach a report raw, and only real YAML comments
silence a rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import cli

SECRET = "hemligt: innehåll som aldrig får visas\n"


def test_validate_never_reads_a_link_out_of_the_plan_folder(minimal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "system.yaml"
    outside.write_text(SECRET, encoding="utf-8")
    (minimal / "plans" / "länk.yaml").symlink_to(outside)
    for fmt in ("text", "json", "github", "gitlab"):
        done = subprocess.run(
            [sys.executable, "-m", "planverk", "validate", "--format", fmt],
            cwd=minimal,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1, done.stdout + done.stderr
        assert "PV014" in done.stdout
        assert "hemligt" not in done.stdout + done.stderr
    run = cli("validate")
    assert run.stdout.startswith(
        f"plans/länk.yaml:1:1: PV014 fel: filen är en länk till {outside}, utanför planmappen "
    )
    assert "tips: Lägg planen i planmappen, eller låt länken peka på en fil i planmappen." in (
        run.stdout
    )
    assert "     1 |" not in run.stdout  # no source line under the finding


def test_a_link_to_a_plan_inside_the_plan_folder_is_read(minimal: Path) -> None:
    (minimal / "plans" / "arkiv").mkdir()
    real = minimal / "plans" / "aktivitetsplan-2025.yaml"
    moved = minimal / "plans" / "arkiv" / "aktivitetsplan-2025.yaml"
    real.rename(moved)
    real.symlink_to(Path("arkiv") / "aktivitetsplan-2025.yaml")
    run = cli("validate")
    assert "PV014" not in run.stdout
    assert "PV008" in run.stdout  # the same plan twice, by its link and by its file
