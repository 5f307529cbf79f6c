"""The examples in docs/ are real: every YAML block parses and fits the plan model, and the
agreement-paragraph example plan set validates without findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planverk.lint.validate import validate
from planverk.loading.schema import validate_document
from planverk.loading.yamlfile import parse
from tests.conftest import ROOT

DOCS = ROOT / "docs"
_BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)
BLOCKS = [
    pytest.param(block, id=f"modell-{index}")
    for index, block in enumerate(_BLOCK.findall((DOCS / "modell.md").read_text("utf-8")))
]


@pytest.mark.parametrize("block", BLOCKS)
def test_model_doc_example_fits_the_model(block: str) -> None:
    if "typ:" not in block:  # a fragment (e.g. a `beslut:` block) is parsed only
        doc = parse(block, "docs/modell.md")
        assert doc.findings == [] and isinstance(doc.data, dict)
        return
    doc = parse(block, "docs/modell.md")
    plan = validate_document(doc)
    assert doc.findings == [], [f.message for f in doc.findings]
    assert plan is not None


def test_model_doc_shows_every_style() -> None:
    text = (DOCS / "modell.md").read_text("utf-8")
    for kind in ("projekt", "verksamhetsplan", "aktivitetsplan", "handlingsplan"):
        assert f"typ: {kind}" in text
    assert "avtalstext:" in text and 'nummer: "8.1"' in text and "levande: true" in text


def test_agreement_paragraph_example_validates_clean() -> None:
    plans = DOCS / "exempel" / "avtalsparagrafer" / "plans"
    result = validate(plan_dir=plans)
    assert result.findings == [], [f"{f.file}:{f.span.line} {f.message}" for f in result.findings]
    vp = result.planset.vps[0].plan
    numbers = [s.number for s in vp.sections]
    assert numbers == ["2", "3", "4", "5", "6", "7", "8"]
    assert [s.number for s in vp.sections[-1].sections] == ["8.1", "8.2", "8.3", "8.4", "8.5"]
    assert vp.sections[0].plan is None and vp.sections[0].agreement_text


_MARKED = re.compile(r"<!-- test: (\w+) -->\n```\w+\n(.*?)```", re.DOTALL)


def test_the_markup_example_renders_as_shown() -> None:
    from planverk.document.richtext import parse as parse_text
    from planverk.model.common import TextKind
    from planverk.render.richmd import blocks_markdown

    marked = dict(_MARKED.findall((DOCS / "modell.md").read_text("utf-8")))
    source = parse(marked["text"], "docs/modell.md").data
    assert isinstance(source, dict)
    parsed = parse_text(source["avtalstext"], TextKind.BLOCK)
    assert parsed.problems == []
    assert blocks_markdown(parsed.blocks) + "\n" == marked["blir"]


def test_the_paragraph_style_examples_in_modell_md_work_together(tmp_path: Path) -> None:
    """The VP after the agreement's paragraphs and the AP that serves its paragraphs and
    bullets, with the project file's dokumentstil: one plan set, no findings."""
    blocks = [b for b in _BLOCK.findall((DOCS / "modell.md").read_text("utf-8")) if "typ:" in b]
    project = next(b for b in blocks if "dokumentstil:" in b)
    vp = next(b for b in blocks if "id: vp-2022-2023" in b)
    ap = next(b for b in blocks if "verksamhetsplan: vp-2022-2023" in b)
    plans = tmp_path / "plans"
    plans.mkdir()
    organ = "organ:\n  - id: rsl\n    namn: Regionsjukvårdsledningen\n"
    (plans / "planverk.yaml").write_text(project + organ, encoding="utf-8")
    (plans / "verksamhetsplan-2022-2023.yaml").write_text(vp, encoding="utf-8")
    (plans / "aktivitetsplan-2022.yaml").write_text(ap, encoding="utf-8")
    result = validate(plan_dir=plans)
    assert result.findings == [], [f"{f.file}:{f.span.line} {f.message}" for f in result.findings]
    assert result.planset.style.plan_text.value == "kursiv"
