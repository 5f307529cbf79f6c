"""The rules on plan texts: PV304 for Swedish official text (capital headings, genitives,
hyphenated suffixes, exact columns), PV330 for markup planverk does not support, and the
summary line that counts the files with findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from planverk.core.findings import Finding
from planverk.lint.validate import validate
from planverk.report.text import summary
from tests.conftest import cli

VP_HEAD = (
    "typ: verksamhetsplan\nid: vp-2025-2028\ntitel: Verksamhetsplan 2025–2028\n"
    "period:\n  från: 2025\n  till: 2028\n"
)


def _write_vp(minimal: Path, body: str) -> Path:
    path = minimal / "plans" / "verksamhetsplan-2025-2028.yaml"
    path.write_text(VP_HEAD + body, encoding="utf-8")
    return path


def _findings(minimal: Path, code: str) -> list[Finding]:
    return [f for f in validate(plan_dir=minimal / "plans").findings if f.code == code]


def test_headings_set_in_capitals_are_not_lists_of_abbreviations(minimal: Path) -> None:
    _write_vp(
        minimal,
        "avsnitt:\n"
        "  - nummer: '2'\n"
        "    rubrik: ÖVERGRIPANDE INRIKTNING FÖR VÅRD OCH OMSORG\n"
        "  - nummer: '8'\n"
        "    rubrik: SAMVERKANSOMRÅDEN\n"
        "    avsnitt:\n"
        "      - nummer: '8.1'\n"
        "        rubrik: SJUKVÅRDSREGIONALT SAMARBETE INOM VÅRD\n"
        "        avtalstext: |\n"
        "          DETTA STYCKE ÄR SATT MED VERSALER.\n"
        "          Regionerna följer SKRs rekommendationer i RD-gruppen och NHV-processen.\n",
    )
    found = _findings(minimal, "PV304")
    words = [f.message.split()[1] for f in found]
    assert words == ["SKR", "RD"]  # NHV is in the glossary; no word of the capital lines
    line = "          Regionerna följer SKRs rekommendationer i RD-gruppen och NHV-processen."
    assert [(f.span.line, f.span.column, f.span.end_column) for f in found] == [
        (17, line.index("SKR") + 1, line.index("SKR") + 4),
        (17, line.index("RD-") + 1, line.index("RD-") + 3),
    ]


def test_column_points_at_the_word_not_inside_a_longer_one(minimal: Path) -> None:
    _write_vp(
        minimal,
        "inledning: Sjukvårdsregionalt arbete, SJUKVÅRDSREGIONALT och VÅRD i samma text.\n",
    )
    found = _findings(minimal, "PV304")
    line = "inledning: Sjukvårdsregionalt arbete, SJUKVÅRDSREGIONALT och VÅRD i samma text."
    columns = sorted(f.span.column for f in found if "VÅRD " in f.message + " ")
    assert line.index(" VÅRD ") + 2 in columns
    assert all(f.span.column - 1 != line.index("VÅRDSREG") for f in found)


def test_folded_text_positions_are_exact(minimal: Path) -> None:
    _write_vp(
        minimal,
        "inledning: >-\n  Första raden av texten\n  och andra raden med XYZ i mitten.\n",
    )
    [found] = _findings(minimal, "PV304")
    assert (found.span.line, found.span.column) == (9, len("  och andra raden med ") + 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("inledning: Text med **fet** stil.\n", "fetstil"),
        ("inledning: Text med *kursiv* stil.\n", "kursiv"),
        ("inledning: Se [webben](https://exempel.se).\n", "länkar"),
        ("inledning: Text med <b>HTML</b>.\n", "HTML"),
        ("inledning: Text med fotnot^[som aldrig slutar.\n", "fotnoten slutar aldrig"),
        ("inledning: |\n  1. numrerad\n  2. lista\n", "numrerade listor"),
        ("inledning: |\n  # Rubrik\n  text\n", "rubriker med #"),
        ("inledning: |\n  * punkt\n", "punkter skrivs med '- '"),
        ("titel: Verksamhetsplan^[fotnot]\n", "en fotnot kan inte stå här"),
    ],
)
def test_unsupported_markup_is_an_error_with_its_place(
    minimal: Path, text: str, message: str
) -> None:
    body = text if not text.startswith("titel:") else ""
    path = _write_vp(minimal, body)
    if text.startswith("titel:"):
        path.write_text(
            VP_HEAD.replace("titel: Verksamhetsplan 2025–2028\n", text), encoding="utf-8"
        )
    found = _findings(minimal, "PV330")
    assert found and all(message in f.message for f in found), [f.message for f in found]
    finding = found[0]
    source = path.read_text(encoding="utf-8").splitlines()[finding.span.line - 1]
    marked = source[finding.span.column - 1 : finding.span.end_column - 1]
    assert marked and marked.strip() == marked and marked[0] in "*[<^1#"
    assert finding.hint


def test_a_list_in_a_folded_text_is_reported(minimal: Path) -> None:
    _write_vp(
        minimal,
        "inledning: >-\n  Målen är:\n  - Att stärka samverkan.\n  - Att följa upp.\n",
    )
    [found] = _findings(minimal, "PV330")
    assert "en enda rad" in found.message and "|" in (found.hint or "")
    assert (found.span.line, found.span.column) == (9, 3)


def test_supported_markup_passes(minimal: Path) -> None:
    _write_vp(
        minimal,
        "inledning: |\n"
        "  Första stycket med en fotnot^[Fotnotens text, med [hakparentes].].\n"
        "\n"
        "  Målen är:\n"
        "  - Att stärka samverkan\n"
        "    som fortsätter på nästa rad.\n"
        "    - En underpunkt.\n"
        "  - Att följa upp.\n"
        "\n"
        "  Sista stycket, 5 * 3 = 15 och a_b.\n",
    )
    assert _findings(minimal, "PV330") == []


def test_summary_counts_the_files_with_findings() -> None:
    from planverk.core.findings import Level, Span

    found = [
        Finding("PV304", Level.WARNING, "x", "plans/a.yaml", Span(1, 1, 1, 2)),
        Finding("PV304", Level.WARNING, "y", "plans/a.yaml", Span(2, 1, 2, 2)),
    ]
    assert summary(found, 3) == "2 varningar i 1 fil (3 filer kontrollerade)."
    assert summary(found, 1) == "2 varningar i 1 fil."
    assert summary([], 3) == "Inga fel i 3 filer."


def test_validate_prints_the_summary_of_files_with_findings(minimal: Path) -> None:
    ap = minimal / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(
        ap.read_text(encoding="utf-8") + "inledning: Arbetet med LOV och NSPL.\n",
        encoding="utf-8",
    )
    run = cli("validate")
    assert run.stdout.strip().endswith("2 varningar i 1 fil (4 filer kontrollerade).")
