"""The accessibility and dokumentmall warnings that rendering reports (PV402, PV403)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
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


def _tmp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_render_interrupted_in_the_writer_keeps_the_old_document(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("render", "2025").exit_code == 0
    output = shipped / "build" / "aktivitetsplan-2025.docx"
    before = output.read_bytes()

    from planverk.render import docx_writer

    def broken_list(self: object, *args: object, **kwargs: object) -> None:
        raise RuntimeError("injected failure halfway through the document")

    monkeypatch.setattr(docx_writer._Writer, "list_block", broken_list)
    with pytest.raises(RuntimeError):
        cli("render", "2025")
    assert output.read_bytes() == before
    assert _tmp_files(output.parent) == []


def test_render_interrupted_while_writing_to_disk_keeps_the_old_document(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("render", "2025").exit_code == 0
    output = shipped / "build" / "aktivitetsplan-2025.docx"
    before = output.read_bytes()

    calls: list[int] = []

    def interrupted(fd: int) -> None:
        calls.append(fd)
        raise KeyboardInterrupt  # Ctrl+C after the bytes went out, before the rename

    monkeypatch.setattr(os, "fsync", interrupted)
    try:
        run = cli("render", "2025")
    except KeyboardInterrupt:
        pass
    else:  # the command line turns Ctrl+C into an aborted run
        assert run.exit_code != 0
    assert calls, "the write reached fsync and was interrupted there"
    assert output.read_bytes() == before
    assert _tmp_files(output.parent) == []
