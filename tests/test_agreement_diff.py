"""diff never hides a change: text, md, json and the Word document with tracked changes are
views of one change list. Checked on the agreement-paragraph example's second version (its
changes are written down in the file) and on generated edits of both VP styles and the AP."""

from __future__ import annotations

import os
import random
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tests.conftest import ROOT, cli
from tests.diffviews import Counts, docx_counts, folded, json_counts, md_counts, text_counts
from tests.test_diff_cli import commit_all, needs_git

EXAMPLE = ROOT / "docs" / "exempel" / "avtalsparagrafer"
VP_FILE = "plans/verksamhetsplan-2022-2023.yaml"


def _views(args: list[str], item: str, out: Path) -> dict[str, Counts]:
    """The changes of one comparison as each view counts them."""
    text = cli("diff", *args)
    md = cli("diff", *args, "--format", "md")
    data = cli("diff", *args, "--format", "json")
    docx = cli("diff", *args, "--format", "docx", "-o", str(out))
    for run in (text, md, data, docx):
        assert run.exit_code == 0, run.stdout + run.stderr
    return {
        "text": text_counts(text.stdout),
        "md": md_counts(md.stdout),
        "json": json_counts(data.stdout),
        "docx": docx_counts(out, item),
        "_headline": Counter({("folded", str(folded(text.stdout))): 1}),
    }


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "exempel"
    shutil.copytree(EXAMPLE, target)
    monkeypatch.chdir(target)
    return target


@needs_git
def test_the_second_version_is_reported_alike_in_every_view(example: Path) -> None:
    commit_all(example)
    shutil.copy(example / "version-2" / "verksamhetsplan-2022-2023.yaml", example / VP_FILE)
    assert cli("validate").exit_code == 0

    views = _views(
        ["2022-2023", "--kind", "verksamhetsplan", "--since", "HEAD"],
        "punkt",
        example / "ändrad.docx",
    )

    # Exactly what the second version's header says changed.
    expected = Counter(
        {
            ("punkt", "omformulerad"): 3,
            ("punkt", "tillagd"): 2,
            ("punkt", "borttagen"): 1,
            ("punkt", "flyttad"): 1,
            ("punkt", "årtal-ändrade"): 1,
            ("avsnitt", "tillagd"): 1,
            ("avsnitt", "omnumrerad"): 1,
        }
    )
    for name in ("text", "md", "json", "docx"):
        assert views[name] == expected, name
    assert views["_headline"] == Counter({("folded", "0"): 1})  # one plan: nothing folded


@needs_git
def test_a_moved_and_a_removed_bullet_are_shown_under_their_headings(example: Path) -> None:
    commit_all(example)
    shutil.copy(example / "version-2" / "verksamhetsplan-2022-2023.yaml", example / VP_FILE)
    text = cli("diff", "2022-2023", "--kind", "verksamhetsplan", "--since", "HEAD").stdout
    section_5 = text.split("§ 5 Ledning och organisation\n", 1)[1].split("\n\n", 1)[0]
    assert "Borttagen punkt: Ge varje grupp en skriftlig uppdragsbeskrivning." in section_5
    assert "Flyttad punkt: Se över arbetsordningen" in section_5
    assert "från: § 3 Samverkansformer" in section_5
    assert "§ 8.6 Digitalisering\n    nummer: [-§ 8.5-] → {+§ 8.6+}" in text
    assert "Punkt med ändrade årtal: Utvärdera arbetsformerna hösten [-2023-]{+2022+}." in text


# -- generated edits -----------------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _text_of(item: Any) -> str:
    return str(item["text"]) if isinstance(item, CommentedMap) else str(item)


def _set_text(seq: CommentedSeq, index: int, text: str) -> None:
    if isinstance(seq[index], CommentedMap):
        seq[index]["text"] = text
    else:
        seq[index] = text


def _reword(text: str) -> str:
    first, _, rest = text.partition(" ")
    return f"{first} gemensamt {rest}" if rest else f"{first} gemensamt"


def _edit_lists(
    lists: list[CommentedSeq], make: Callable[[int], Any], rng: random.Random
) -> Counts:
    """One of each kind of edit on the items of ``lists`` (each list under its own parent):
    two rewordings, two new items, one removed, one moved to another parent, one text
    whose years change (not by a plan period's shift)."""
    counts: Counts = Counter()
    candidates = [(seq, i) for seq in lists for i in range(len(seq))]
    rng.shuffle(candidates)
    used: set[tuple[int, int]] = set()  # (list, index): texts are edited in place first

    def take(ok: Callable[[Any], bool] = lambda _: True) -> tuple[CommentedSeq, int]:
        for seq, index in candidates:
            if (id(seq), index) not in used and ok(seq[index]):
                used.add((id(seq), index))
                return seq, index
        raise AssertionError("no item left to edit")

    with_year = take(lambda item: any(str(y) in _text_of(item) for y in range(2019, 2030)))
    seq, index = with_year
    text = _text_of(seq[index])
    year = next(str(y) for y in range(2019, 2030) if str(y) in text)
    _set_text(seq, index, text.replace(year, str(int(year) + 3), 1))
    counts["årtal-ändrade"] += 1
    for _ in range(2):
        seq, index = take()
        _set_text(seq, index, _reword(_text_of(seq[index])))
        counts["omformulerad"] += 1
    removed = take(lambda item: not (isinstance(item, CommentedMap) and item.get("punkter")))
    moved_from = take(lambda item: not (isinstance(item, CommentedMap) and item.get("punkter")))
    target = next(seq for seq in lists if seq is not moved_from[0])
    moved = moved_from[0][moved_from[1]]
    for seq, index in sorted((removed, moved_from), key=lambda pair: -pair[1]):
        del seq[index]
    counts["borttagen"] += 1
    target.append(moved)
    counts["flyttad"] += 1
    for number in range(2):
        rng.choice(lists).append(make(number))
        counts["tillagd"] += 1
    return counts


def _bullet_lists(node: Any) -> list[CommentedSeq]:
    """Every top-level list of bullets (under a goal or a paragraph's plan) in a VP."""
    found: list[CommentedSeq] = []
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if key == "punkter" and isinstance(value, CommentedSeq) and len(value) >= 1:
                found.append(value)
            elif key != "punkter":
                found += _bullet_lists(value)
    elif isinstance(node, CommentedSeq):
        for item in node:
            found += _bullet_lists(item)
    return found


def _activity_lists(data: Any) -> list[CommentedSeq]:
    return [
        heading["aktiviteter"]
        for area in data["fokusområden"]
        for heading in area["rubriker"]
        if heading.get("aktiviteter")
    ]


def _apply(path: Path, edit: Callable[[Any], Counts]) -> Counts:
    yaml = _yaml()
    data = yaml.load(path.read_text(encoding="utf-8"))
    counts = edit(data)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return counts


SEEDS = [int(s) for s in os.environ.get("PLANVERK_TEST_SEEDS", "1 2").split()]

CASES = {
    "avtalsparagrafer": (EXAMPLE / "plans", VP_FILE, "verksamhetsplan", "2022-2023", "punkt"),
    "fokusområden": (
        ROOT / "plans",
        "plans/verksamhetsplan-2025-2028.yaml",
        "verksamhetsplan",
        "2025-2028",
        "punkt",
    ),
    "aktivitetsplan": (
        ROOT / "plans",
        "plans/aktivitetsplan-2025.yaml",
        "aktivitetsplan",
        "2025",
        "aktivitet",
    ),
}


@needs_git
@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("seed", SEEDS)
def test_generated_edits_are_reported_alike_in_every_view(
    case: str, seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans, name, kind, plan, item = CASES[case]
    root = tmp_path / "repo"
    # The plans that point into the edited one (at the bullets and activities an edit may
    # remove) are not part of this test.
    others = ("handlingsplaner", "aktivitetsplan-*") if item == "punkt" else ("handlingsplaner",)
    shutil.copytree(plans, root / "plans", ignore=shutil.ignore_patterns(*others))
    monkeypatch.chdir(root)
    path = root / name
    rng = random.Random(seed)
    if item == "punkt":
        # A text with a year to change; the plan might have none.
        _apply(path, lambda data: _year_in_first_bullet(data))
    commit_all(root)

    def edit(data: Any) -> Counts:
        if item == "punkt":
            return _edit_lists(
                _bullet_lists(data),
                lambda n: f"Genererad punkt nummer {n} om uppföljning av {case}.",
                rng,
            )
        return _edit_lists(
            _activity_lists(data),
            lambda n: CommentedMap(
                [("id", f"genererad-{n}"), ("text", f"Genererad aktivitet nummer {n}.")]
            ),
            rng,
        )

    made = _apply(path, edit)
    assert cli("validate").exit_code == 0, cli("validate").stdout
    views = _views([plan, "--kind", kind, "--since", "HEAD"], item, root / "ändrad.docx")
    expected = Counter({(item, change): count for change, count in made.items()})
    for view in ("text", "md", "json", "docx"):
        assert views[view] == expected, (view, views[view], expected)


def _year_in_first_bullet(data: Any) -> Counts:
    lists = _bullet_lists(data)
    seq = lists[-1]
    text = _text_of(seq[0])
    if not any(str(y) in text for y in range(2019, 2030)):
        _set_text(seq, 0, f"{text.rstrip('.')} under 2025.")
    return Counter()
