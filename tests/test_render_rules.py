"""The accessibility and dokumentmall warnings that rendering reports (PV402, PV403)."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from tests.conftest import cli


def test_pv402_style_missing_in_dokumentmall(shipped: Path) -> None:
    template = shipped / "templates" / "aktivitetsplan.md.j2"
    text = template.read_text(encoding="utf-8")
    assert "<!-- stil: Subtitle -->" in text
    template.write_text(
        text.replace("<!-- stil: Subtitle -->", "<!-- stil: Regionens underrubrik -->", 1),
        encoding="utf-8",
    )
    run = cli("render", "2025")
    assert run.exit_code == 0, run.stderr
    assert "PV402" in run.stderr
    assert "formatmallen 'Regionens underrubrik' finns inte i dokumentmallen" in run.stderr
    document = Document(str(shipped / "build" / "aktivitetsplan-2025.docx"))
    assert any("Mellansverige" in p.text for p in document.paragraphs[:6])


def test_pv403_vague_link_text(shipped: Path) -> None:
    template = shipped / "templates" / "aktivitetsplan.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text + "\nLäs avtalet [här](https://example.org/samverkansavtal).\n", encoding="utf-8"
    )
    run = cli("render", "2025", "-f", "html", "-o", "build/ap.html")
    assert run.exit_code == 0, run.stderr
    assert "PV403" in run.stderr and "länktexten 'här'" in run.stderr
    html = (shipped / "build" / "ap.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/samverkansavtal"' in html


def test_template_cannot_leave_the_sandbox(shipped: Path) -> None:
    template = shipped / "templates" / "aktivitetsplan.md.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines.append('{{ "".__class__.__mro__[1].__subclasses__() }}')
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = cli("render", "2025")
    assert run.exit_code == 2
    assert f"aktivitetsplan.md.j2:{len(lines)}: mallen försöker nå något den inte får" in (
        run.stderr
    )
    assert not (shipped / "build" / "aktivitetsplan-2025.docx").exists()
