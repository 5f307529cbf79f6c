"""Loading: positions, encodings, and the rules whose examples a docstring cannot hold."""

from __future__ import annotations

import os
from pathlib import Path

from planverk.lint.validate import validate
from planverk.loading.planset import load_plan_dir
from planverk.loading.yamlfile import parse

AP = "plans/aktivitetsplan-2025.yaml"


def _codes(root: Path) -> list[tuple[str, str, int, int]]:
    result = validate(plan_dir=root / "plans")
    return [(f.code, f.file, f.span.line, f.span.column) for f in result.findings]


def test_positions_of_keys_and_values_are_one_based() -> None:
    doc = parse("typ: x\nlista:\n  - id: a\n    text: 'å ä ö'\n", "t.yaml")
    span = doc.source_map.locate(doc.data, ("lista", 0, "text"))
    assert (span.line, span.column, span.end_line, span.end_column) == (4, 11, 4, 18)
    key = doc.source_map.locate(doc.data, ("lista", 0, "text"), key=True)
    assert (key.line, key.column) == (4, 5)


def test_latin1_file_is_rejected_with_byte_offset(minimal: Path) -> None:
    text = "typ: aktivitetsplan\når: 2025\ntitel: Aktivitetsplan 2025\ninledning: Växjö\n"
    (minimal / AP).write_bytes(text.encode("latin-1"))
    result = validate(plan_dir=minimal / "plans")
    finding = next(f for f in result.findings if f.code == "PV003")
    offset = text.encode("latin-1").index("å".encode("latin-1"))  # the first non-UTF-8 byte
    assert finding.file == AP
    assert (finding.span.line, finding.span.column) == (2, 1)
    assert f"position {offset}" in finding.message and "0xE5" in finding.message
    assert finding.hint is not None and "UTF-8" in finding.hint


def test_utf8_bom_and_crlf_are_accepted(minimal: Path) -> None:
    path = minimal / AP
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert validate(plan_dir=minimal / "plans").findings == []


def test_symlink_loop_is_reported_not_followed(minimal: Path) -> None:
    loop = minimal / "plans" / "slinga.yaml"
    os.symlink(loop, loop)
    findings = _codes(minimal)
    assert ("PV007", "plans/slinga.yaml", 1, 1) in findings


def test_missing_project_file_is_reported(minimal: Path) -> None:
    (minimal / "plans" / "planverk.yaml").unlink()
    findings = _codes(minimal)
    assert ("PV009", "plans/planverk.yaml", 1, 1) in findings


def test_a_broken_file_does_not_hide_findings_in_the_others(minimal: Path) -> None:
    (minimal / "plans" / "trasig.yaml").write_text("typ: [\n", encoding="utf-8")
    hp = minimal / "plans" / "handlingsplaner" / "ledningsgruppen-2025.yaml"
    hp.write_text(
        hp.read_text(encoding="utf-8").replace("status: grön", "status: gron"), encoding="utf-8"
    )
    codes = {code for code, *_ in _codes(minimal)}
    assert {"PV001", "PV301"} <= codes


def test_loaded_plan_set_has_every_kind() -> None:
    root = Path(__file__).resolve().parent.parent
    planset = load_plan_dir(root / "plans")
    assert planset.project is not None
    assert sorted(vp.plan.id for vp in planset.vps) == ["vp-2021-2024", "vp-2025-2028"]
    assert sorted(ap.plan.year for ap in planset.aps) == [2024, 2025]
    assert sorted(hp.plan.id for hp in planset.hps) == [
        "ledningsgruppen-2025",
        "rpo-hjärta-kärl-levande",
    ]
