"""The language server's findings are `planverk validate`'s, after every kind of edit, while
only the parts of the plan set that an edit touches are checked again."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bench.generate import scale

from planverk.lint.validate import check
from planverk.loading.planset import load_plan_dir
from planverk.lsp.checker import PARTS, Checker
from planverk.lsp.store import PlanStore
from planverk.rules import RULES
from tests.conftest import MINIMAL, ROOT

# Every rule on (some are off by default), so every scope is exercised.
EVERY_RULE = {rule.code: "varning" for rule in RULES if rule.configurable and rule.level is None}


def test_every_rule_with_a_check_has_a_scope() -> None:
    missing = [rule.code for rule in RULES if rule.check is not None and rule.scope is None]
    assert missing == [], "ange regelns omfång med scope= i regelmodulens RULE"
    assert {rule.scope for rule in RULES if rule.scope} <= set(PARTS)


def _same_as_validate(store: PlanStore, checker: Checker) -> None:
    """The checker's findings on the store's plan set are those of a fresh load of the
    same texts checked by `planverk validate`'s check."""
    ours = checker.run(store.planset)
    theirs = check(store.planset, overrides=EVERY_RULE).findings
    assert ours == theirs


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    scale(tmp_path / "gen", 400, 7)
    return tmp_path / "gen" / "plans"


@pytest.mark.parametrize(
    "plans",
    [ROOT / "plans", MINIMAL / "plans", ROOT / "docs" / "exempel" / "avtalsparagrafer" / "plans"],
    ids=["levererade", "minimal", "avtalsparagrafer"],
)
def test_shipped_plan_sets_give_the_same_findings(plans: Path, tmp_path: Path) -> None:
    copy = tmp_path / "plans"
    shutil.copytree(plans, copy)
    store = PlanStore(copy)
    store.load()
    checker = Checker(EVERY_RULE)
    _same_as_validate(store, checker)
    assert store.planset.documents
    fresh = load_plan_dir(copy)
    assert checker.run(fresh) == check(fresh, overrides=EVERY_RULE).findings


def test_every_rule_example_as_an_edit_of_an_open_file(minimal: Path) -> None:
    """Each FAIL and PASS example of every rule typed into the minimal plan set, one after
    the other with one checker (so its kept results are put to the test), then undone."""
    store = PlanStore(minimal / "plans")
    store.load()
    checker = Checker(EVERY_RULE)
    _same_as_validate(store, checker)
    for rule in RULES:
        for example in rule.examples:
            path = (minimal / example.file).resolve()
            store.set_text(path, example.content)
            store.assemble()
            _same_as_validate(store, checker)
            hits = [f for f in checker.run(store.planset) if f.code == rule.code]
            assert bool(hits) != example.passes, f"{rule.code}: as in docs/regler.md"
            store.reread(path)  # closed without saving: the file on disk again
            store.assemble()
            _same_as_validate(store, checker)


def test_edits_across_a_generated_plan_set(generated: Path) -> None:
    store = PlanStore(generated)
    store.load()
    checker = Checker(EVERY_RULE)
    _same_as_validate(store, checker)
    total = checker.parts_run
    vp = generated / "verksamhetsplan-2025-2028.yaml"
    ap = generated / "aktivitetsplan-2025.yaml"
    hp = sorted((generated / "handlingsplaner" / "2025").glob("*.yaml"))[0]
    living = sorted((generated / "handlingsplaner" / "levande").glob("*.yaml"))[0]
    project = generated / "planverk.yaml"
    goal = re.search(r"mål: (\S+)", ap.read_text(encoding="utf-8"))
    activity = re.search(r"aktivitet: (\S+)", hp.read_text(encoding="utf-8"))
    assert goal and activity

    def edit(path: Path, old: str, new: str, count: int = 1) -> None:
        text = store.files[path].parsed.doc.text  # type: ignore[union-attr]
        assert old in text, old
        store.set_text(path, text.replace(old, new, count))
        store.assemble()
        _same_as_validate(store, checker)

    edit(ap, f"mål: {goal.group(1)}", "mål: trasig")  # PV101 in the AP
    assert checker.parts_run < total / 10, "one AP edited: a small part is checked again"
    edit(vp, f"id: {goal.group(1)}\n", f"id: {goal.group(1)}-nytt\n")  # goals renamed
    edit(hp, f"aktivitet: {activity.group(1)}", "aktivitet: finns-inte")  # PV102, PV204
    edit(hp, "år: 2025", "år: 2024")  # the plan moves to another year
    edit(ap, "år: 2025", "år: 2026")  # two APs for 2026 (PV008), none for 2025
    edit(ap, "typ: aktivitetsplan", "typ: aktivitetsplan\ntyp: igen")  # does not load
    edit(ap, "titel:", "titel: [")  # does not parse
    edit(living, "status:", "status: grönn\n    kommentarer:", 1)
    edit(project, "ordlista:", "ordlista:\n  XYZ: Exempel")  # every part again
    assert checker.parts_run >= total * 0.9
    edit(project, "typ: projekt", "typ: projektfil")  # no project file any more
    for path in (ap, vp, hp, living, project):
        store.reread(path)
        store.assemble()
        _same_as_validate(store, checker)
    fresh = PlanStore(generated)  # read from disk again: back where it started
    assert checker.run(store.planset) == check(fresh.load(), overrides=EVERY_RULE).findings


def test_only_the_changed_file_is_parsed_again(generated: Path) -> None:
    store = PlanStore(generated)
    store.load()
    before = {path: file.parsed for path, file in store.files.items()}
    ap = generated / "aktivitetsplan-2025.yaml"
    text = ap.read_text(encoding="utf-8")
    assert store.set_text(ap, text.replace("titel: ", "titel: Ny ", 1))
    assert not store.set_text(ap, text.replace("titel: ", "titel: Ny ", 1)), "same text"
    planset = store.assemble()
    for path, file in store.files.items():
        if path == ap:
            assert file.parsed is not before[path]
        else:
            assert file.parsed is before[path], path
    assert {id(d) for d in planset.documents} == {
        id(f.parsed.doc) for f in store.files.values() if f.parsed is not None
    }


def test_a_file_that_does_not_parse_gives_the_loaders_findings(minimal: Path) -> None:
    store = PlanStore(minimal / "plans")
    store.load()
    checker = Checker()
    path = (minimal / "plans" / "aktivitetsplan-2025.yaml").resolve()
    store.set_text(path, "typ: aktivitetsplan\når: [2025\n")
    store.assemble()
    findings = checker.run(store.planset)
    assert any(f.code == "PV001" and f.file == "plans/aktivitetsplan-2025.yaml" for f in findings)
    store.set_text(path, "x" * 10)  # not a mapping
    store.assemble()
    assert any(f.code == "PV012" for f in checker.run(store.planset))
