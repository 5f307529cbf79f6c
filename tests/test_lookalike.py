"""Characters that look like others: the table, the Swedish names, and what the planner sees
(one finding that names the character, never a document with text that reads backwards)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from planverk.core import lookalike
from planverk.loading.planset import load_plan_dir
from tests.conftest import cli


def test_every_look_alike_stands_for_an_id_character_and_is_not_one() -> None:
    for char, meant in lookalike.LOOKALIKES.items():
        assert char not in lookalike.ID_CHARS, f"U+{ord(char):04X}"
        assert all(c in lookalike.ID_CHARS for c in meant), f"U+{ord(char):04X} -> {meant!r}"
        assert unicodedata.name(char, ""), f"U+{ord(char):04X} has no Unicode name"


@pytest.mark.parametrize(
    ("text", "folded", "found"),
    [
        ("n\u00e4r\u0430-v\u00e5rd", "nära-vård", [(3, "\u0430", "a")]),  # Cyrillic а
        ("n\u03bfrd", "nord", [(1, "\u03bf", "o")]),  # Greek omicron
        (unicodedata.normalize("NFD", "nära"), "nära", [(2, "\u0308", "ä")]),  # a + ¨
        ("ledning\u200bsgruppen", "ledningsgruppen", [(7, "\u200b", "")]),  # zero width
        ("n\u00e4ra\u2011v\u00e5rd", "nära-vård", [(4, "\u2011", "-")]),  # hyphen
        ("\uff4e\u00e4ra", "nära", [(0, "\uff4e", "n")]),  # full width
        ("Nivåstrukturering", "nivåstrukturering", []),  # a capital is a plain mistake
        ("nära vård", "nära vård", []),  # and so is a space
    ],
)
def test_hidden_characters_and_what_they_fold_to(
    text: str, folded: str, found: list[tuple[int, str, str]]
) -> None:
    assert lookalike.fold(text) == folded
    assert [(h.index, h.char, h.looks_like) for h in lookalike.hidden(text)] == found


def test_characters_are_described_in_swedish_with_their_unicode_name() -> None:
    assert lookalike.describe("\u0430") == (
        "U+0430 kyrillisk liten bokstav 'а' (Unicode-namn CYRILLIC SMALL LETTER A)"
    )
    assert lookalike.describe("\u03bf").startswith("U+03BF grekisk liten bokstav")
    assert lookalike.describe("\u200b") == (
        "U+200B nollbreddsmellanslag (Unicode-namn ZERO WIDTH SPACE)"
    )
    assert lookalike.describe("\u202e").startswith("U+202E riktningsstyrning")


def test_a_reference_with_a_look_alike_is_one_finding_and_resolves_to_what_it_looks_like(
    minimal: Path,
) -> None:
    """The HP's reference to the AP activity has a Cyrillic 'а': PV022 says so, and the
    reference is checked as the id it looks like, so PV102 does not report it again."""
    hp = minimal / "plans" / "handlingsplaner" / "ledningsgruppen-2025.yaml"
    hp.write_text(
        hp.read_text(encoding="utf-8").replace("stödja-nära-vård", "stödja-n\u00e4r\u0430-vård"),
        encoding="utf-8",
    )
    run = cli("validate", "--format", "json")
    import json

    findings = json.loads(run.stdout)["findings"]
    assert [(f["code"], f["rule"]) for f in findings] == [("PV022", "förväxlingsbart-tecken")]
    assert "aktiviteten 'stödja-nära-vård'" in findings[0]["hint"]
    # Nothing else sees the lenient plan: the HP did not load.
    assert load_plan_dir(minimal / "plans").hps == []


def test_a_direction_override_stops_the_board_document(minimal: Path) -> None:
    """U+202E reverses the text after it in Word and in a browser; render refuses."""
    ap = minimal / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8").replace(
            "text: Stödja omställningen", "text: Stödja \u202eomställningen"
        ),
        encoding="utf-8",
    )
    for fmt in ("docx", "html"):
        run = cli("render", "2025", "-f", fmt)
        assert run.exit_code == 1, run.stdout + run.stderr
        assert "PV321 fel: texten innehåller U+202E" in run.stdout
        assert "\u202e" not in run.stdout  # shown as a visible mark, never obeyed
        assert not (minimal / "build").exists() or not any((minimal / "build").iterdir())
