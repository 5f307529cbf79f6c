"""What the speed work must not change: positions, walks, hints, shared field sets, the
top-level help, and the benchmark corpora (their timings are in bench/, not here)."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from planverk.cli.app import COMMANDS
from planverk.cli.lazy import scan
from planverk.core.findings import Finding
from planverk.lint.validate import validate
from planverk.loading.planset import load_plan_dir
from planverk.loading.yamlfile import _Composer, parse
from planverk.model import walk
from planverk.rules import pv304_glossary
from tests.conftest import ROOT, cli

# --- Positions: the compact source map answers as the parser's marks do ------------------

TRICKY = [
    "typ: x\nlista:\n  - id: a\n    text: 'å ä ö'\n",
    "a: 1\r\nb:\r\n  - x\r\n  - {c: [1, 2], d: 'å'}\r\n",
    "- a\n- - b\n  - c\n- []\n- {}\n",
    "x: |\n  block\n  text\n\ny: >-\n  folded\nz: end\n",
    'a:\u2028  b: c\nd: "e\u0085f"\n',
    "? [a]\n: b\nc: d\n\"q\": 'y'\né: 2025-01-31\n",
    "tom:\nlista: []\nnoll: null\ntal: 0x1F\n",
    "k: 1\nk: 2\nl: 3\n",
]


def _pos(node: Node) -> tuple[int, int, int, int]:
    start, end = node.start_mark, node.end_mark
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _expected(node: Node, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, bool, Any]]:
    """(path, key?, position) of every value and key, from the composed nodes."""
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or key.value in seen:
                continue  # reported and left out by the loader
            seen.add(key.value)
            here = (*path, key.value)
            yield here, True, _pos(key)
            yield here, False, _pos(value)
            yield from _expected(value, here)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield (*path, index), False, _pos(item)
            yield from _expected(item, (*path, index))


@pytest.mark.parametrize(
    "text",
    TRICKY
    + [path.read_text(encoding="utf-8") for path in [*sorted((ROOT / "plans").rglob("*.yaml"))]],
)
def test_every_position_is_the_parsers_mark(text: str) -> None:
    doc = parse(text, "t.yaml")
    node = _Composer(io.StringIO(text)).get_single_node()
    assert doc.source_map.root == _pos(node)
    checked = 0
    for path, key, pos in _expected(node):
        span = doc.source_map.locate(doc.data, path, key=key)
        assert (span.line, span.column, span.end_line, span.end_column) == pos, (path, key)
        checked += 1
    assert checked > 0


def test_containers_view_gives_marks_of_keys_values_and_items() -> None:
    doc = parse("a:\n  b: 1\n  c:\n    - x\n    - y\n", "t.yaml")
    inner = doc.data["a"]
    marks = doc.source_map.containers.get(id(inner))
    assert marks is not None
    assert marks.keys["c"] == (3, 3, 3, 4)
    assert marks.values["b"] == (2, 6, 2, 7)
    items = doc.source_map.containers[id(inner["c"])]
    assert [pos[:2] for pos in items.items] == [(4, 7), (5, 7)]
    assert id(inner) in doc.source_map.containers
    assert doc.source_map.containers.get(id(object())) is None


# --- Walks: the iterative walkers yield what the recursive ones did, in the same order ----


def _prose(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in walk._NOT_PROSE:
                continue
            if key == "mål" and isinstance(value, str) and (not path or path[-1] != "uppföljning"):
                continue
            yield from _prose(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _prose(item, (*path, index))
    elif isinstance(data, str):
        yield path, data


def _values_of(data: Any, keys: frozenset[str], path: tuple[Any, ...] = ()) -> Iterator[Any]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in keys:
                yield (*path, key), value
            yield from _values_of(value, keys, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _values_of(item, keys, (*path, index))


def test_walks_match_the_recursive_definitions_on_the_shipped_plans() -> None:
    keys = frozenset({"till", "ägare", "ansvar", "beslutad-av", "mål", "uppföljning"})
    planset = load_plan_dir(ROOT / "plans")
    extra = [{"mål": "a", "uppföljning": {"mål": "b"}}, [["x", {"mål": ["y"]}]], "z", None]
    for data in [doc.data for doc in planset.documents] + extra:
        assert list(walk.prose(data)) == list(_prose(data))
        if isinstance(data, dict | list):
            texts = Counter(((*parent, key), text) for parent, key, text in walk.texts(data))
            assert texts == Counter(_prose(data))
        assert list(walk.values_of(data, keys)) == list(_values_of(data, keys))


# --- Rules: the shortcuts find what the full search finds --------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Planen gäller 2025 TODO kontrollera.", True),
        ('"Planen gäller \\u0054ODO."', True),  # written with an escape
        ("'Planen FİXME.'", True),  # re.IGNORECASE matches İ to i
        ("Planen gäller 2025.", False),
        ("...", True),
    ],
)
def test_placeholder_is_found_with_or_without_the_text_shortcut(
    minimal: Path, text: str, found: bool
) -> None:
    assert bool(_findings_of_introduction(minimal, text, "PV305")) is found


def _findings_of_introduction(minimal: Path, text: str, code: str) -> list[Finding]:
    """The findings of one rule once the minimal AP has ``inledning: <text>``."""
    ap = minimal / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(ap.read_text(encoding="utf-8") + f"inledning: {text}\n", encoding="utf-8")
    return [f for f in validate(plan_dir=minimal / "plans").findings if f.code == code]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Planen följer upp arbetet med NSPL.", True),
        ('"Planen följer upp \\u004eSPL."', True),  # written with an escape: N
        ("Planen följer upp arbetet med NHV.", False),  # in the glossary
        ("Planen följer upp arbetet. # NSPL i en kommentar", False),
    ],
)
def test_unknown_abbreviation_is_found_with_or_without_the_text_shortcut(
    minimal: Path, text: str, found: bool
) -> None:
    findings = _findings_of_introduction(minimal, text, "PV304")
    assert bool(findings) is found
    if found:
        assert "NSPL" in findings[0].message


@given(st.text(alphabet="AÅÖBIas-_ 1.\n", max_size=40))
def test_abbreviation_pattern_matches_as_the_plain_one(text: str) -> None:
    plain = re.compile(r"(?<![\w-])[A-ZÅÄÖ]{2,}(?:-[A-ZÅÄÖ]{2,})?(?=s?(?![\w]))")
    assert pv304_glossary._ABBREVIATION.findall(text) == plain.findall(text)


def test_thousands_of_broken_references_are_reported_quickly_with_bounded_hints(
    tmp_path: Path,
) -> None:
    generate = _bench_module("generate")
    generate.generate("render", tmp_path / "set", 2000, 7)
    hp = tmp_path / "set" / "plans" / "handlingsplaner" / "2025" / "ledningsgruppen.yaml"
    text = hp.read_text(encoding="utf-8")
    broken = text.replace("    aktivitet: ", "    aktivitet: x")
    hp.write_text(broken, encoding="utf-8")
    findings = [
        f for f in validate(plan_dir=tmp_path / "set" / "plans").findings if f.code == "PV102"
    ]
    assert len(findings) == 2000
    guessed = [f for f in findings if f.hint and f.hint.startswith("Menade du")]
    assert 0 < len(guessed) < 2000
    assert all(f.hint for f in findings)


# --- Shared field sets: smaller, and a copy with changes still gets its own --------------


def test_models_with_the_same_keys_share_one_field_set_and_copies_do_not() -> None:
    planset = load_plan_dir(ROOT / "plans")
    ap = planset.ap(2025)
    assert ap is not None
    activities = [a.activity for a in walk.activities(ap.plan)]
    same = [a for a in activities if a.model_fields_set == activities[0].model_fields_set]
    assert len(same) > 1
    assert all(a.__pydantic_fields_set__ is same[0].__pydantic_fields_set__ for a in same)
    before = set(same[0].model_fields_set)
    changed = same[0].model_copy(update={"comment": "Ny kommentar."})
    assert "comment" in changed.model_fields_set
    assert same[1].model_fields_set == before


# --- The top-level help lists every command without importing them ----------------------


def test_top_level_help_lists_every_command_with_its_summary() -> None:
    run = cli("--help")
    assert run.exit_code == 0
    for module in COMMANDS:
        entry = scan(module)
        first_words = " ".join(entry.summary().split()[:3])
        assert entry.name in run.stdout
        assert first_words in " ".join(run.stdout.replace("│", " ").split()), module
    for word in ("Användning:", "Flaggor", "Kommandon", "--version"):
        assert word in run.stdout


def test_planverk_alone_prints_the_help_not_an_error() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "planverk"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 2
    assert "Användning: planverk" in run.stdout and "Kommandon" in run.stdout
    assert run.stderr == ""


def test_output_is_complete_when_the_process_ends_without_teardown(shipped: Path) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8").replace("titel: ", "titel: TODO "), encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-m", "planverk", "validate", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "PV305" in {finding["code"] for finding in json.loads(run.stdout)["findings"]}


def test_a_command_runs_and_shows_its_own_help() -> None:
    run = cli("validate", "--help")
    assert run.exit_code == 0
    assert "--fail-level" in run.stdout


# --- The benchmark corpora are deterministic and valid -----------------------------------


def _bench_module(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


@pytest.mark.parametrize(("mode", "activities"), [("scale", 300), ("diff", 200), ("render", 100)])
def test_generated_plan_sets_are_deterministic_and_validate_clean(
    tmp_path: Path, mode: str, activities: int
) -> None:
    generate = _bench_module("generate")
    generate.generate(mode, tmp_path / "a", activities, 11)
    generate.generate(mode, tmp_path / "b", activities, 11)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    generate.generate(mode, tmp_path / "c", activities, 12)
    assert _tree(tmp_path / "a") != _tree(tmp_path / "c")
    result = validate(plan_dir=tmp_path / "a" / "plans", overrides={"PV204": "varning"})
    assert result.findings == [], result.findings[:3]
    text = (tmp_path / "a" / "plans" / "aktivitetsplan-2025.yaml").read_text(encoding="utf-8")
    assert any(ch in text for ch in "åäö")


def test_generator_command_line_writes_a_plan_set(tmp_path: Path) -> None:
    out = tmp_path / "set"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate.py"),
            "--activities",
            "50",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert (out / "plans" / "planverk.yaml").is_file()
    assert "50 aktiviteter" in run.stdout
