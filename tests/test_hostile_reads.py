"""Nothing leaks out of a plan set: a link out of the plan folder is never read or shown,
control characters from a plan never reach a report raw, and only real YAML comments
silence a rule."""

from __future__ import annotations

import json
import os
import re
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


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_no_report_format_passes_control_characters_raw(minimal: Path) -> None:
    """ESC, BEL and C1 controls from a plan (a key, a value, a file name) never reach a
    report raw: the text and GitHub formats show them as visible symbols, JSON and GitLab
    escape them (the data stays exact)."""
    hp = minimal / "plans" / "handlingsplaner" / "ledningsgruppen-2025.yaml"
    hp.write_text(
        hp.read_text(encoding="utf-8") + '    "sta\\e]0;titel\\atus": grön\n    "x\\x9b\\x7f": 1\n',
        encoding="utf-8",
    )
    odd = minimal / "plans" / "handlingsplaner" / "fil\x1b[2Jnamn.yaml"
    odd.write_text("typ: handlingsplan\nid: udda\n", encoding="utf-8")
    for fmt in ("text", "json", "github", "gitlab"):
        done = subprocess.run(
            [sys.executable, "-m", "planverk", "validate", "--format", fmt],
            cwd=minimal,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "NO_COLOR": "1"},
        )
        assert done.returncode == 1, done.stdout + done.stderr
        assert not CONTROL.search(done.stdout), (fmt, CONTROL.findall(done.stdout))
        if fmt in ("json", "gitlab"):
            messages = " ".join(_strings(json.loads(done.stdout)))
            assert "sta\x1b]0;titel\x07tus" in messages  # exact data after decoding
            assert "x\x9b\x7f" in messages
            assert "fil\x1b[2Jnamn.yaml" in messages
        else:
            assert "sta\u241b]0;titel\u2407tus" in done.stdout
            assert "fil\u241b[2Jnamn.yaml" in done.stdout
    from planverk.lint.validate import validate
    from planverk.report import FORMATS

    result = validate(plan_dir=minimal / "plans")
    sources = {doc.display: doc.text for doc in result.planset.documents}
    for fmt in FORMATS:  # the library's reporters, not only the command line
        assert not CONTROL.search(FORMATS[fmt](result.findings, sources, result.files)), fmt


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return []


def test_positions_in_a_large_mapping_are_exact() -> None:
    """A mapping larger than the scan limit is indexed (linear loading, bench/many_keys.py);
    the positions stay those of a scan."""
    from planverk.loading.yamlfile import parse

    text = "".join(f"nyckel-{i}: värde {i}\n" for i in range(100)) + "nyckel-3: igen\n"
    doc = parse(text, "stor.yaml")
    for i in (0, 17, 99):
        span = doc.source_map.locate(doc.data, (f"nyckel-{i}",), key=True)
        assert (span.line, span.column, span.end_column) == (i + 1, 1, len(f"nyckel-{i}") + 1)
        value = doc.source_map.locate(doc.data, (f"nyckel-{i}",))
        assert (value.line, value.column) == (i + 1, len(f"nyckel-{i}: ") + 1)
    (duplicate,) = doc.findings
    assert duplicate.message == "nyckeln 'nyckel-3' finns redan på rad 4"
    assert duplicate.span.line == 101
