"""Nothing the user wrote is ever lost: every command that writes a file the user names goes
through the output guard, `fmt` rewrites only plans inside the plan folder, `new` writes all
its plans or none, `init` writes only into a new or empty folder outside any plan folder.

Each case is run as a user would (the command in-process, or in a subprocess where the exit
path matters), with the exact refusal and the file checked byte for byte afterwards.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli

AP_2024 = "plans/aktivitetsplan-2024.yaml"
VP = "plans/verksamhetsplan-2025-2028.yaml"


def _digest(root: Path) -> dict[str, str]:
    """Every file below ``root`` (links as their target text) and its hash."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            found[rel] = "-> " + str(path.readlink())
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


# --- status, diff, schema: -o never names a plan, a template or the dokumentmall ------------


@pytest.mark.parametrize(
    "args",
    [
        ["status", "2025", "-f", "xlsx", "-o", VP],
        ["status", "2025", "-f", "md", "-o", AP_2024],
        ["status", "2025", "-f", "json", "-o", "plans/ny.json"],
        ["diff", "2024", "2025", "-f", "md", "-o", AP_2024],
        ["diff", "2024", "2025", "-f", "json", "-o", "plans/handlingsplaner/x.yaml"],
    ],
    ids=["status-xlsx-vp", "status-md-ap", "status-new-file", "diff-md-ap", "diff-json-new"],
)
def test_output_into_the_plan_folder_is_refused(shipped: Path, args: list[str]) -> None:
    before = _digest(shipped)
    run = cli(*args)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "planverk: fel: vägrar skriva plans/" in run.stderr
    assert "det ligger i planmappen plans/" in run.stderr
    assert "tips: Planfilerna skrivs aldrig över" in run.stderr
    assert _digest(shipped) == before


def test_status_over_a_template_or_the_dokumentmall_is_refused(shipped: Path) -> None:
    (shipped / "mall.docx").write_bytes((shipped / "templates" / "dokumentmall.docx").read_bytes())
    project = shipped / "plans" / "planverk.yaml"
    project.write_text(
        project.read_text(encoding="utf-8") + "dokumentmall: mall.docx\n", encoding="utf-8"
    )
    before = _digest(shipped)
    run = cli("status", "2025", "-f", "md", "-o", "templates/aktivitetsplan.md.j2")
    assert run.exit_code == 2
    assert "det ligger i mallmappen" in run.stderr
    for fmt in ("xlsx", "text"):
        run = cli("status", "2025", "-f", fmt, "-o", "mall.docx")
        assert run.exit_code == 2
        assert "vägrar skriva över mall.docx: det är dokumentmallen" in run.stderr
    run = cli("status", "2025", "-f", "xlsx", "-o", "build/status.docx")
    assert run.exit_code == 2
    assert "filen för formatet xlsx ska sluta på .xlsx" in run.stderr
    assert _digest(shipped) == before


def test_status_through_a_link_to_a_plan_is_refused(shipped: Path) -> None:
    (shipped / "build").mkdir()
    (shipped / "build" / "status.xlsx").symlink_to(shipped / VP)
    before = _digest(shipped)
    run = cli("status", "2025", "-f", "xlsx", "-o", "build/status.xlsx")
    assert run.exit_code == 2
    assert "det ligger i planmappen plans/" in run.stderr
    assert _digest(shipped) == before


def test_status_writes_where_it_may(shipped: Path) -> None:
    run = cli("status", "2025", "--datum", "2025-09-15", "-f", "md", "-o", "build/status.md")
    assert run.exit_code == 0, run.stderr
    assert run.stdout == "skrev build/status.md (11 åtgärder)\n"
    assert (shipped / "build/status.md").read_text(encoding="utf-8").startswith("# Uppföljning")


def test_diff_over_a_plan_in_a_subprocess_exits_2_and_keeps_the_file(shipped: Path) -> None:
    before = (shipped / AP_2024).read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "planverk", "diff", "2024", "2025", "-f", "md", "-o", AP_2024],
        cwd=shipped,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "vägrar skriva plans/aktivitetsplan-2024.yaml" in done.stderr
    assert "Skrev" not in done.stdout + done.stderr
    assert (shipped / AP_2024).read_bytes() == before


def test_schema_into_the_plan_folder_is_refused(shipped: Path) -> None:
    before = _digest(shipped)
    for out in ("plans", "plans/scheman", "templates"):
        run = cli("schema", "-o", out)
        assert run.exit_code == 2, run.stdout
        assert "planverk: fel: vägrar skriva" in run.stderr
    assert _digest(shipped) == before
    run = cli("schema", "-o", "schemas")
    assert run.exit_code == 0, run.stderr
    assert (shipped / "schemas" / "aktivitetsplan.schema.json").is_file()


# --- fmt: only plans, only inside the plan folder ----------------------------------------------

PROSE = (
    "Det här är anteckningar inför mötet,\n"
    "inte en plan. Raderna ska stå kvar\n"
    "som de skrevs, fem rader prosa\n"
    "som råkar gå att läsa som YAML\n"
    "men som ingen ville få ihopslagna.\n"
)


def test_fmt_leaves_a_yaml_file_that_is_not_a_plan(minimal: Path) -> None:
    notes = minimal / "plans" / "anteckningar.yaml"
    notes.write_text(PROSE, encoding="utf-8")
    for args in (["fmt"], ["fmt", "plans/anteckningar.yaml"], ["fmt", "--check"]):
        run = cli(*args)
        assert run.exit_code == 1, run.stdout + run.stderr
        assert "plans/anteckningar.yaml:1:1: PV012 fel: " in run.stdout
        assert (
            "plans/anteckningar.yaml: lämnas orörd: filen är ingen plan (den har ingen känd `typ:`)"
        ) in run.stderr
        assert notes.read_text(encoding="utf-8") == PROSE


def test_fmt_leaves_a_mapping_without_a_plan_kind(minimal: Path) -> None:
    other = minimal / "plans" / "verktyg.yaml"
    other.write_text("inställningar:\n- a\n- b\n", encoding="utf-8")
    run = cli("fmt")
    assert run.exit_code == 1
    assert "plans/verktyg.yaml:1:1: PV006 fel: filen saknar `typ:`" in run.stdout
    assert other.read_text(encoding="utf-8") == "inställningar:\n- a\n- b\n"


def test_fmt_never_follows_a_link_out_of_the_plan_folder(minimal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "någon-annans.yaml"
    secret = "typ: projekt\nid: hemlig\norgan:\n- svn  # hemligt innehåll\n"
    outside.write_text(secret, encoding="utf-8")
    (minimal / "plans" / "länk.yaml").symlink_to(outside)
    for args in (["fmt"], ["fmt", "plans/länk.yaml"], ["fmt", "plans"]):
        run = cli(*args)
        assert run.exit_code == 1, run.stdout + run.stderr
        assert "plans/länk.yaml:1:1: PV014 fel: filen är en länk till " in run.stdout
        assert "utanför planmappen" in run.stdout
        assert "plans/länk.yaml: lämnas orörd" in run.stderr
        assert "hemlig" not in run.stdout + run.stderr
        assert outside.read_text(encoding="utf-8") == secret
        assert (minimal / "plans" / "länk.yaml").is_symlink()


def test_fmt_follows_a_link_inside_the_plan_folder(minimal: Path) -> None:
    real = minimal / "plans" / "handlingsplaner" / "ledningsgruppen-2025.yaml"
    head, body = real.read_text(encoding="utf-8").split("åtgärder:\n")
    messy = "".join(line[2:] for line in body.splitlines(keepends=True))  # '- id' at column 1
    real.write_text(f"{head}åtgärder:\n{messy}", encoding="utf-8")
    link = minimal / "plans" / "genväg.yaml"
    link.symlink_to(real)
    run = cli("fmt", "plans/genväg.yaml")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "formaterade plans/genväg.yaml" in run.stdout
    assert link.is_symlink()
    assert "  - id: nätverk" in real.read_text(encoding="utf-8")


# --- new: all or nothing, and the source that blocks it is named ------------------------------


def test_new_with_a_broken_source_writes_nothing_and_names_it(shipped: Path) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    good = ap.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("titel:"))
    broken = lines.copy()
    broken[at] = 'titel: "Aktivitetsplan \\q 2025"\n'  # an escape YAML does not know
    ap.write_text("".join(broken), encoding="utf-8")
    before = _digest(shipped)

    run = cli("new", "2026", "--from", "2025")

    assert run.exit_code == 2, run.stdout + run.stderr
    where = f"plans/aktivitetsplan-2025.yaml:{at + 1}:24"
    assert f"{where}: PV001 fel: okänd kombination med \\ i en text" in run.stdout
    assert (
        "planverk: fel: plans/aktivitetsplan-2025.yaml går inte att läsa, så inget skrevs "
        f"({where}: PV001 okänd kombination med \\ i en text"
    ) in run.stderr
    assert "planverk new skriver alla nya planer eller ingen" in run.stderr
    assert _digest(shipped) == before

    ap.write_text(good, encoding="utf-8")  # fixed: now it works at the first try
    run = cli("new", "2026", "--from", "2025")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert (shipped / "plans" / "aktivitetsplan-2026.yaml").is_file()
    assert (shipped / "plans" / "handlingsplaner" / "2026" / "ledningsgruppen.yaml").is_file()


def test_new_with_a_schema_error_in_a_source_names_it(shipped: Path) -> None:
    hp = shipped / "plans" / "handlingsplaner" / "2025" / "ledningsgruppen.yaml"
    hp.write_text(hp.read_text(encoding="utf-8").replace("ägare:", "ägaren:", 1), "utf-8")
    before = _digest(shipped)
    run = cli("new", "2026")
    assert run.exit_code == 2
    assert "plans/handlingsplaner/2025/ledningsgruppen.yaml:" in run.stdout
    assert "PV010 fel: okänd nyckel 'ägaren'" in run.stdout
    assert "ledningsgruppen.yaml går inte att läsa, så inget skrevs" in run.stderr
    assert _digest(shipped) == before


def test_new_writes_all_or_none_when_a_file_appears_meanwhile(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan saved at a target between planning and writing is never replaced, and the
    plans already placed are taken back."""
    from planverk.core import atomic

    before = _digest(shipped)
    real_link = atomic.os.link
    placed: list[str] = []

    def link_then_race(source: str, target: str) -> None:
        if placed:  # the second file: someone saved a plan there a moment ago
            Path(target).write_text("# sparad nyss\n", encoding="utf-8")
        real_link(source, target)
        placed.append(target)

    monkeypatch.setattr(atomic.os, "link", link_then_race)
    run = cli("new", "2026")
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "finns redan; inget skrevs" in run.stderr
    after = _digest(shipped)
    (raced,) = set(after) - set(before)
    assert (shipped / raced).read_text(encoding="utf-8") == "# sparad nyss\n"
    assert {k: v for k, v in after.items() if k != raced} == before
