"""The diff core: word diff, matching, and the comparison of plan trees."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from planverk.diff.match import RENAMED, THRESHOLD, match, pair_similar
from planverk.diff.model import Kind, Op, PlanKind
from planverk.diff.select import diff
from planverk.diff.tree import Element
from planverk.diff.wordiff import inline, whitespace_only, word_diff
from planverk.loading.planset import PlanSet, Source, load_plan_dir, load_sources
from tests.test_speed import _bench_module

ROOT = Path(__file__).resolve().parent.parent

# -- word diff -----------------------------------------------------------------------------


def _sides(old: str, new: str) -> tuple[str, str]:
    segments = word_diff(old, new)
    before = "".join(s.text for s in segments if s.op is not Op.INSERT)
    after = "".join(s.text for s in segments if s.op is not Op.DELETE)
    return before, after


@given(st.text(alphabet="abc åäö.,-\n", max_size=60), st.text(alphabet="abc åäö.,-\n", max_size=60))
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    assert _sides(old, new) == (old, new)


def test_word_diff_marks_whole_words_and_moves_the_space_after_them() -> None:
    old = "Stödja utvecklingen av gemensamma riktlinjer."
    new = "Stödja utvecklingen och implementeringen av gemensamma riktlinjer."
    assert inline(word_diff(old, new)) == (
        "Stödja utvecklingen {+och implementeringen +}av gemensamma riktlinjer."
    )


def test_word_diff_replacement_reads_as_one_change() -> None:
    segments = word_diff("Främja samverkan mellan regionerna.", "Stärka arbetet mellan regionerna.")
    assert inline(segments) == "[-Främja samverkan-]{+Stärka arbetet+} mellan regionerna."


def test_whitespace_only_is_told_apart() -> None:
    assert whitespace_only("Stödja  omställningen.\n", "Stödja omställningen.")
    assert not whitespace_only("Stödja omställningen.", "Stödja omställningen!")
    assert not whitespace_only("lika", "lika")


# -- matching ------------------------------------------------------------------------------


def test_match_pairs_by_id_before_text() -> None:
    pairing = match(["a", "b"], ["Första texten.", "Andra texten."], ["b", "a"], ["x", "y"])
    assert sorted((i, j) for i, j, _ in pairing.pairs) == [(0, 1), (1, 0)]


def test_match_pairs_a_renamed_and_reworded_item_by_text() -> None:
    old = ["Främja donationsverksamhet inom regionerna.", "Stödja omställningen till Nära vård."]
    new = ["Stödja omställningen till God och nära vård.", "Bidra till helt andra saker i år."]
    pairing = match(["donation", "nära"], old, ["nära-vård", "annat"], new)
    assert [(i, j) for i, j, _ in pairing.pairs] == [(1, 0)]


def test_items_with_other_ids_pair_only_when_the_text_barely_changed() -> None:
    stock = " Aktiviteten är ett led i omställningen till en god och nära vård."
    old = [f"Säkerställa samverkan kring vården för barn och unga.{stock}"]
    new = [f"Sprida kunskap om samverkan kring vården för äldre.{stock}"]
    score = pair_similar(old, new, threshold=0.0).pairs[0][2]
    assert THRESHOLD <= score < RENAMED  # like enough for two items without ids ...
    assert match([None], old, [None], new).pairs
    assert not match(["barn"], old, ["äldre"], new).pairs  # ... not for a new id
    one_word = ["Främja omställningen till Nära vård."]
    assert match(["a1"], ["Stödja omställningen till Nära vård."], ["a1-ny"], one_word).pairs


def test_diff_of_the_generated_years_finds_what_the_generator_changed(tmp_path: Path) -> None:
    generate = _bench_module("generate")
    _, made = generate.diff(tmp_path, 1000, 11)
    planset = load_plan_dir(tmp_path / "plans")
    counts = diff(planset, planset, PlanKind.AP, "2024", "2025").counts(Element.ACTIVITY)
    assert counts.get(Kind.ADDED, 0) == made["added"]
    assert counts.get(Kind.REMOVED, 0) == made["removed"]
    assert counts.get(Kind.MOVED, 0) == made["moved"]
    # A new id with a reworded text counts as reworded (the id change is shown with it).
    assert counts.get(Kind.REWORDED, 0) + counts.get(Kind.ID, 0) == (
        made["reworded"] + made["renamed"]
    )


def test_pairing_is_best_first() -> None:
    old = ["Stödja samverkan kring krisberedskap och civilt försvar i regionerna."]
    new = [
        "Stödja samverkan kring krisberedskap i regionerna.",
        "Stödja samverkan kring krisberedskap och civilt försvar i alla regionerna.",
    ]
    pairing = pair_similar(old, new)
    assert [(i, j) for i, j, _ in pairing.pairs] == [(0, 1)]


def test_unrelated_texts_sharing_stock_phrases_stay_apart() -> None:
    stock = " Aktiviteten är ett led i omställningen till en god och nära vård för invånarna."
    old = [f"Säkerställa samverkan kring ADHD inom sjukvårdsregionen.{stock}"]
    new = [f"Sprida kunskap om habilitering och återkoppla till nämnden.{stock}"]
    filler_old = [f"Text nummer {n} om ämne {n}.{stock}" for n in range(30)]
    filler_new = [f"Helt annan text {n} om sak {n}.{stock}" for n in range(30)]
    pairs = pair_similar(old + filler_old, new + filler_new).pairs
    assert all(i != 0 and j != 0 for i, j, _ in pairs)


def test_similarity_pairing_is_bounded_on_10000_x_10000() -> None:
    rng = random.Random(7)
    vocabulary = [f"ord{n}" for n in range(5000)]
    old = [" ".join(rng.choices(vocabulary, k=14)) for _ in range(10_000)]
    new = [" ".join(rng.choices(vocabulary, k=14)) for _ in range(10_000)]
    pairing = pair_similar(old, new, budget=50_000)
    assert pairing.comparisons <= 50_000  # not 10^8: the work is bounded, whatever the input


# -- plan trees ----------------------------------------------------------------------------

PROJECT = "typ: projekt\nid: test\nnamn: Sjukvårdsregion Test\n"
VP = """typ: verksamhetsplan
id: vp-2025-2028
titel: Verksamhetsplan 2025–2028
period: {från: 2025, till: 2028}
fokusområden:
  - id: vou
    rubrik: Verksamhet och utveckling
    mål:
      - id: nära-vård
        rubrik: God och nära vård
      - id: kris
        rubrik: Krisberedskap
"""


def _ap(year: int, headings: str) -> str:
    return (
        f"typ: aktivitetsplan\når: {year}\ntitel: Aktivitetsplan {year}\n"
        f"fokusområden:\n  - id: vou\n    rubrik: Verksamhet och utveckling\n    rubriker:\n"
        f"{headings}"
    )


def _heading(hid: str, title: str, goal: str, activities: list[tuple[str, str]]) -> str:
    lines = [f"      - id: {hid}", f"        rubrik: {title}", f"        mål: {goal}"]
    lines.append("        aktiviteter:")
    for aid, text in activities:
        lines += [f"          - id: {aid}", f"            text: {text}"]
    return "\n".join(lines) + "\n"


def _planset(*files: tuple[str, str]) -> PlanSet:
    sources = [Source(name, text.encode("utf-8")) for name, text in files]
    return load_sources(sources, root=Path("."), plan_dir=Path("plans"))


def _pair(old_headings: str, new_headings: str, *, order: bool = False) -> tuple[PlanSet, PlanSet]:
    old = _planset(("p.yaml", PROJECT), ("vp.yaml", VP), ("ap.yaml", _ap(2025, old_headings)))
    new = _planset(("p.yaml", PROJECT), ("vp.yaml", VP), ("ap.yaml", _ap(2025, new_headings)))
    assert not old.findings and not new.findings, (old.findings, new.findings)
    return old, new


BASE = _heading(
    "nära",
    "Omställning till Nära vård",
    "nära-vård",
    [("a1", "Stödja omställningen till Nära vård."), ("a2", "Följa upp arbetet med nära vård.")],
) + _heading(
    "kris", "Krisberedskap", "kris", [("k1", "Stödja ökad samverkan kring krisberedskap.")]
)


def test_identical_plans_have_no_changes() -> None:
    old, new = _pair(BASE, BASE)
    result = diff(old, new, PlanKind.AP, "2025", "2025", since="HEAD")
    assert result.changes == []
    assert not result.has_changes


def test_one_word_and_a_new_id_is_one_rewording() -> None:
    changed = BASE.replace("- id: a1", "- id: a1-ny").replace(
        "Stödja omställningen till Nära vård.", "Främja omställningen till Nära vård."
    )
    result = diff(*_pair(BASE, changed), PlanKind.AP, "2025", "2025", since="HEAD")
    assert [(c.kind, c.element.value) for c in result.changes] == [(Kind.REWORDED, "aktivitet")]
    change = result.changes[0]
    assert change.old_item is not None and change.old_item.key == "a1"
    assert change.item.key == "a1-ny"
    assert inline(change.words) == "[-Stödja-]{+Främja+} omställningen till Nära vård."


def test_a_move_to_another_rubrik_is_a_move() -> None:
    moved = _heading(
        "nära",
        "Omställning till Nära vård",
        "nära-vård",
        [("a1", "Stödja omställningen till Nära vård.")],
    ) + _heading(
        "kris",
        "Krisberedskap",
        "kris",
        [
            ("a2", "Följa upp arbetet med nära vård."),
            ("k1", "Stödja ökad samverkan kring krisberedskap."),
        ],
    )
    result = diff(*_pair(BASE, moved), PlanKind.AP, "2025", "2025", since="HEAD")
    assert [(c.kind, c.item.key, c.old, c.new) for c in result.changes] == [
        (Kind.MOVED, "a2", "Omställning till Nära vård", "Krisberedskap")
    ]


def test_reordering_alone_is_no_change_unless_asked_for() -> None:
    swapped = _heading(
        "nära",
        "Omställning till Nära vård",
        "nära-vård",
        [
            ("a2", "Följa upp arbetet med nära vård."),
            ("a1", "Stödja omställningen till Nära vård."),
        ],
    ) + _heading(
        "kris", "Krisberedskap", "kris", [("k1", "Stödja ökad samverkan kring krisberedskap.")]
    )
    pair = _pair(BASE, swapped)
    assert diff(*pair, PlanKind.AP, "2025", "2025", since="HEAD").changes == []
    ordered = diff(*pair, PlanKind.AP, "2025", "2025", since="HEAD", order=True)
    assert {c.kind for c in ordered.changes} == {Kind.ORDER}


def test_whitespace_only_change_is_named_as_such() -> None:
    spaced = BASE.replace(
        "Stödja omställningen till Nära vård.", "Stödja  omställningen till Nära vård."
    )
    result = diff(*_pair(BASE, spaced), PlanKind.AP, "2025", "2025", since="HEAD")
    assert [(c.kind, c.field) for c in result.changes] == [(Kind.WHITESPACE, "text")]


def test_new_rubrik_with_only_new_activities_is_context_not_a_change() -> None:
    added = BASE + _heading("don", "Donationsverksamhet", "kris", [("d1", "Främja donation.")])
    result = diff(*_pair(BASE, added), PlanKind.AP, "2025", "2025", since="HEAD")
    assert [(c.kind, c.element.value, c.item.key) for c in result.changes] == [
        (Kind.ADDED, "aktivitet", "d1")
    ]
    assert result.counts() == {Kind.ADDED: 1}


def test_empty_new_rubrik_is_a_change() -> None:
    added = BASE + (
        "      - id: don\n        rubrik: Donationsverksamhet\n        mål: kris\n"
        "        aktiviteter: []\n"
    )
    result = diff(*_pair(BASE, added), PlanKind.AP, "2025", "2025", since="HEAD")
    assert [(c.kind, c.element.value) for c in result.changes] == [(Kind.ADDED, "rubrik")]


def test_goal_reference_followed_through_the_vp_rename_map() -> None:
    old, new = _pair(BASE, BASE)
    renamed_vp = VP.replace("- id: kris\n", "- id: krisberedskap\n")
    new_headings = BASE.replace("mål: kris\n", "mål: krisberedskap\n")
    new = _planset(
        ("p.yaml", PROJECT), ("vp.yaml", renamed_vp), ("ap.yaml", _ap(2025, new_headings))
    )
    assert diff(old, new, PlanKind.AP, "2025", "2025", since="HEAD").changes == []
    # Pointing the rubrik at another goal is a change.
    other = BASE.replace("mål: kris\n", "mål: nära-vård\n")
    new = _planset(("p.yaml", PROJECT), ("vp.yaml", VP), ("ap.yaml", _ap(2025, other)))
    result = diff(old, new, PlanKind.AP, "2025", "2025", since="HEAD")
    assert [(c.kind, c.element.value, c.old, c.new) for c in result.changes] == [
        (Kind.GOAL, "rubrik", "kris", "nära-vård")
    ]


HP = """typ: handlingsplan
id: lg-2025
titel: Ledningsgruppens handlingsplan 2025
ägare: svn
år: 2025
åtgärder:
  - id: å1
    text: Stärk samverkan mellan nätverken.
    aktivitet: a1
    status: grön
    uppdrag:
      - till: [svn]
        text: Tema på mötet.
  - id: å2
    text: Genomför övningar inom krisberedskap.
    aktivitet: k1
    status: grön
"""


def test_handlingsplan_status_assignment_and_renamed_activity_reference() -> None:
    old = _planset(
        ("p.yaml", PROJECT), ("vp.yaml", VP), ("ap.yaml", _ap(2025, BASE)), ("hp.yaml", HP)
    )
    renamed = BASE.replace("- id: a1\n", "- id: a1-ny\n")
    hp = (
        HP.replace("aktivitet: a1\n", "aktivitet: a1-ny\n")
        .replace("status: grön\n    uppdrag", "status: gul\n    uppdrag")
        .replace("Tema på mötet.", "Tema på mötet i maj.")
    )
    new = _planset(
        ("p.yaml", PROJECT), ("vp.yaml", VP), ("ap.yaml", _ap(2025, renamed)), ("hp.yaml", hp)
    )
    result = diff(old, new, PlanKind.HP, "2025", "2025", since="HEAD")
    found = {(c.kind, c.item.key, c.field, c.old, c.new) for c in result.changes}
    assert found == {
        (Kind.STATUS, "å1", "status", "grön", "gul"),
        (Kind.ASSIGNMENT, "å1", "uppdrag", "svn: Tema på mötet.", "svn: Tema på mötet i maj."),
    }


def test_year_shift_is_kept_apart_from_the_changes() -> None:
    old = _planset(("p.yaml", PROJECT), ("vp.yaml", VP), ("ap.yaml", _ap(2025, BASE)))
    new_ap = _ap(2026, BASE).replace("Aktivitetsplan 2026", "Aktivitetsplan 2026")
    new = _planset(("p.yaml", PROJECT), ("vp.yaml", VP), ("ap.yaml", new_ap))
    result = diff(old, new, PlanKind.AP, "2025", "2026")
    assert result.changes == []
    assert [(c.field, c.old, c.new) for c in result.year_shifts] == [
        ("titel", "Aktivitetsplan 2025", "Aktivitetsplan 2026")
    ]
