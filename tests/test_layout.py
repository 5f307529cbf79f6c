"""The layout holds: docs/arkitektur.md names every package in the order data flows, no
package imports one further down that order, rules own their codes, render makes no
findings, and no finding leaves its rule unnamed."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, cli

SRC = ROOT / "src" / "planverk"
MAP = ROOT / "docs" / "arkitektur.md"


def _map() -> list[str]:
    text = MAP.read_text(encoding="utf-8")
    table = text.split("<!-- paketkarta: början -->")[1].split("<!-- paketkarta: slut -->")[0]
    return re.findall(r"^\| `planverk\.(\w+)` \|", table, flags=re.M)


def _packages() -> set[str]:
    return {p.parent.name for p in SRC.glob("*/__init__.py")}


def _runtime_imports(path: Path) -> set[str]:
    """planverk modules ``path`` imports when it runs (imports for type checking only, in
    ``if TYPE_CHECKING:``, are left out: annotations may name a later layer's types)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(child) for child in ast.walk(node))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m.startswith("planverk.")}


def test_every_package_has_a_line_in_the_map() -> None:
    listed = _map()
    assert len(listed) == len(set(listed))
    assert set(listed) == _packages(), (
        "docs/arkitektur.md: lägg till (eller ta bort) en rad för "
        f"{sorted(set(listed) ^ _packages())}"
    )


def test_no_package_imports_one_further_down_the_flow() -> None:
    order = {name: index for index, name in enumerate(_map())}
    wrong = []
    for path in sorted(SRC.glob("*/**/*.py")):
        package = path.relative_to(SRC).parts[0]
        for module in _runtime_imports(path):
            other = module.split(".")[1]
            if other in order and order[other] > order[package]:
                wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []


def test_diff_and_planning_use_only_renders_public_api() -> None:
    inside = []
    for package in ("diff", "planning", "publish"):
        for path in (SRC / package).glob("*.py"):
            for module in _runtime_imports(path):
                if module.startswith("planverk.render."):
                    inside.append(f"{path.relative_to(ROOT)}: {module}")
    assert inside == []


def test_render_imports_no_rules_and_makes_no_findings() -> None:
    for path in (SRC / "render").glob("*.py"):
        modules = _runtime_imports(path)
        assert not any(m.startswith(("planverk.rules", "planverk.lint")) for m in modules), path
        assert "Finding(" not in path.read_text(encoding="utf-8"), path


def test_rule_codes_are_written_only_in_their_rule_modules() -> None:
    code = re.compile(r"[\"']PV\d{3}[\"']")
    outside = [
        str(path.relative_to(ROOT))
        for path in SRC.rglob("*.py")
        if not re.match(r"pv\d{3}_", path.name) and code.search(path.read_text(encoding="utf-8"))
    ]
    assert outside == []


def test_every_finding_names_its_rule(minimal: Path) -> None:
    plans = minimal / "plans"
    (plans / "trasig.yaml").write_text("typ: [\n", encoding="utf-8")
    (plans / "dubbel.yaml").write_text("typ: projekt\ntyp: projekt\n", encoding="utf-8")
    (plans / "tom.yaml").write_text("# bara en kommentar\n", encoding="utf-8")
    (plans / "okänd.yaml").write_text("typ: vision\n", encoding="utf-8")
    (minimal / "pyproject.toml").write_text("[tool.planverk\n", encoding="utf-8")
    run = cli("validate", "--format", "json")
    findings = json.loads(run.stdout)["findings"]
    codes = {f["code"] for f in findings}
    assert {"PV001", "PV002", "PV005", "PV006", "PV013"} <= codes, codes
    assert [f for f in findings if not f["rule"]] == []


def test_id_indexes_are_built_once_per_plan_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from planverk.lint.validate import check
    from planverk.loading.planset import load_plan_dir
    from planverk.model import walk
    from planverk.render import Kind, render_target, select

    planset = load_plan_dir(ROOT / "plans")
    walked: list[str] = []
    goals, activities = walk.goals, walk.activities

    def counting_goals(vp: object) -> object:
        walked.append(f"goals {id(vp)}")
        return goals(vp)  # type: ignore[arg-type]

    def counting_activities(ap: object) -> object:
        walked.append(f"activities {id(ap)}")
        return activities(ap)  # type: ignore[arg-type]

    monkeypatch.setattr(walk, "goals", counting_goals)
    monkeypatch.setattr(walk, "activities", counting_activities)
    check(planset)
    target = select(planset, Kind.HANDLINGSPLAN, 2025)[0]
    render_target(planset, target, "md")
    # PV203 walks the goals and PV101, PV203, PV204 the activities for their own purpose
    # (every item, in order); every lookup by id (PV101, PV102, the handlingsplan's chain)
    # comes from the one index: each VP's goals are walked at most twice, each AP's
    # activities at most four times, however many handlingsplaner refer to them.
    counts = {w: walked.count(w) for w in walked}
    assert max(n for w, n in counts.items() if w.startswith("goals")) <= 2, counts
    assert max(n for w, n in counts.items() if w.startswith("activities")) <= 4, counts
