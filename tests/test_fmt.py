"""`planverk fmt`: one canonical layout, nothing the planner wrote lost, writes atomic."""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from planverk.core import atomic
from planverk.core.atomic import write_atomic
from planverk.edit import canonical as fmt
from planverk.edit.canonical import FormatRefused, format_bytes, format_text, split_header
from planverk.loading.yamlfile import parse
from tests.conftest import ROOT, cli
from tests.test_badinput import CORPUS

SHIPPED = sorted((ROOT / "plans").rglob("*.yaml"))
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=\S+$", re.MULTILINE)


def comment_lines(text: str) -> Counter[str]:
    """Every whole-line comment and every comment after a value, as written."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            found[stripped] += 1
        elif " #" in line:
            found[line[line.index(" #") + 1 :].rstrip()] += 1
    return found


def messy(text: str) -> str:
    """The same plan laid out differently: four spaces per level, dashes at the key's column,
    two spaces after each colon of a key on its own line."""
    header, body = split_header(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 30
    yaml.indent(mapping=4, sequence=4, offset=0)
    out = io.StringIO()
    yaml.dump(yaml.load(body), out)
    return header + out.getvalue()


def test_shipped_plans_are_already_canonical(shipped: Path) -> None:
    before = {p: p.read_bytes() for p in (shipped / "plans").rglob("*.yaml")}
    run = cli("fmt", "--check")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "7 av 7 filer i kanonisk form." in run.stdout
    run = cli("fmt")
    assert run.exit_code == 0
    assert "0 formaterade, 7 redan i kanonisk form." in run.stdout
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_formatting_a_shipped_plan_keeps_data_and_every_comment(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    scrambled = messy(original)
    assert scrambled != original  # the test really reformats something
    formatted = format_text(scrambled, path.name)
    assert formatted is not None
    before, after = parse(original, "före"), parse(formatted, "efter")
    assert before.findings == after.findings == []
    assert fmt.same_data(before.data, after.data)
    assert comment_lines(formatted) == comment_lines(original)
    assert SCHEMA_LINE.search(formatted), "the yaml-language-server line is kept"
    # The canonical layout is the shipped one, and formatting it again changes nothing.
    assert formatted == original
    assert format_text(formatted, path.name) is None


def test_fmt_rewrites_a_file_and_says_so(shipped: Path) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    original = ap.read_text(encoding="utf-8")
    ap.write_text(messy(original), encoding="utf-8")
    ap.chmod(0o644)

    check = cli("fmt", "--check")
    assert check.exit_code == 1
    assert "plans/aktivitetsplan-2025.yaml: behöver formateras (kör `planverk fmt`)" in check.stdout
    assert ap.read_text(encoding="utf-8") != original, "--check writes nothing"

    run = cli("fmt")
    assert run.exit_code == 0
    assert "formaterade plans/aktivitetsplan-2025.yaml" in run.stdout
    assert "1 formaterade, 6 redan i kanonisk form." in run.stdout
    assert ap.read_text(encoding="utf-8") == original
    assert ap.stat().st_mode & 0o777 == 0o644, "the file keeps its permissions"
    assert cli("fmt", "--check").exit_code == 0
    assert cli("validate").exit_code == 0


def test_fmt_takes_files_and_folders(shipped: Path) -> None:
    hp = shipped / "plans" / "handlingsplaner" / "2025" / "ledningsgruppen.yaml"
    hp.write_text(messy(hp.read_text(encoding="utf-8")), encoding="utf-8")
    run = cli("fmt", "--check", "plans/aktivitetsplan-2025.yaml")
    assert run.exit_code == 0 and "1 av 1 fil i kanonisk form." in run.stdout
    run = cli("fmt", "--check", "plans/handlingsplaner")
    assert run.exit_code == 1 and "ledningsgruppen.yaml: behöver formateras" in run.stdout
    assert cli("fmt", "plans/handlingsplaner/2025/ledningsgruppen.yaml").exit_code == 0
    assert cli("fmt", "--check").exit_code == 0


def test_fmt_usage_errors(shipped: Path) -> None:
    run = cli("fmt", "finns-inte.yaml")
    assert run.exit_code == 2 and "finns-inte.yaml finns inte" in run.stderr
    (shipped / "anteckning.txt").write_text("x", encoding="utf-8")
    run = cli("fmt", "anteckning.txt")
    assert run.exit_code == 2 and "ingen planfil" in run.stderr
    ci = shipped / ".gitlab-ci.yml"
    ci.write_text("test:\n    script: make test\n", encoding="utf-8")
    run = cli("fmt", ".")  # the repository root holds other YAML than plans
    assert run.exit_code == 2 and ". är ingen planmapp" in run.stderr
    assert ci.read_text(encoding="utf-8") == "test:\n    script: make test\n"


def test_fmt_without_plan_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli("fmt")
    assert run.exit_code == 2
    assert "hittar ingen planmapp" in run.stderr


BROKEN = [
    "unclosed-quote",
    "bad-indentation",
    "tab-indentation",
    "duplicate-key",
    "latin1",
    "anchor-alias",
    "alias-bomb",
    "control-character-raw",
    "nul-byte",
    "two-documents",
]


@pytest.mark.parametrize("case", BROKEN)
def test_fmt_never_rewrites_a_file_that_does_not_load(case: str, minimal: Path) -> None:
    source = CORPUS / case / "plans" / "handlingsplaner" / "trasig.yaml"
    target = minimal / "plans" / "handlingsplaner" / "trasig.yaml"
    target.write_bytes(source.read_bytes())
    for args in (["fmt"], ["fmt", "--check"]):
        run = cli(*args)
        assert run.exit_code == 1
        assert target.read_bytes() == source.read_bytes()
        assert re.search(r"trasig\.yaml:\d+:\d+: PV00[1-4] fel: ", run.stdout), run.stdout
        assert "plans/handlingsplaner/trasig.yaml: lämnas orörd" in run.stderr
        assert "Traceback" not in run.stdout + run.stderr


def test_empty_and_comment_only_files_are_left_alone() -> None:
    assert format_bytes(b"", "tom.yaml") is None
    assert format_bytes(b"# bara en kommentar\n", "tom.yaml") is None


def test_header_explicit_start_bom_and_crlf_are_kept() -> None:
    header = (
        "# yaml-language-server: $schema=../schemas/aktivitetsplan.schema.json\n# Om planen.\n---\n"
    )
    body = "typ: aktivitetsplan\når: 2025\nfokusområden:\n-   id: a\n    rubrik: b\n"
    canonical = "typ: aktivitetsplan\når: 2025\nfokusområden:\n  - id: a\n    rubrik: b\n"
    assert format_text(header + body) == header + canonical
    assert format_text(header + canonical) is None
    raw = b"\xef\xbb\xbf" + (header + body).replace("\n", "\r\n").encode("utf-8")
    new = format_bytes(raw)
    assert new == b"\xef\xbb\xbf" + (header + canonical).replace("\n", "\r\n").encode("utf-8")
    assert format_bytes(new) is None


def test_quoting_block_texts_and_long_lines_are_kept() -> None:
    long = "Lång text " * 800  # 8,000 characters on one line, never re-wrapped
    text = (
        "typ: projekt\n"
        "id: 'test'\n"
        'namn: "Sjukvårdsregion Test"\n'
        "beskrivning: |\n"
        "  Första stycket.\n"
        "\n"
        "  Andra stycket.\n"
        "kort: >-\n"
        "  Vikt text\n"
        "  på två rader.\n"
        f"lång: {long.strip()}\n"
        'slutar: "04-30"  # en sträng, inte ett tal\n'
    )
    assert format_text(text) is None


def test_a_comment_the_round_trip_would_drop_leaves_the_file_alone(tmp_path: Path) -> None:
    text = "typ: projekt\nid: test\norgan: [svn, # Samverkansnämnden\n  au]\n"
    with pytest.raises(FormatRefused) as refused:
        format_text(text)
    assert "kommentaren '# Samverkansnämnden' skulle gå förlorad" in refused.value.problem
    path = tmp_path / "planverk.yaml"
    path.write_text(text, encoding="utf-8")
    outcome = fmt.format_file(path, write=True)
    assert outcome.refused
    assert path.read_text(encoding="utf-8") == text


def test_fmt_does_not_overwrite_an_edit_saved_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("typ: projekt\nid: test\norgan:\n- svn\n", encoding="utf-8")
    reads = iter([path.read_bytes(), b"typ: projekt\nid: redigerad\n"])
    monkeypatch.setattr(fmt, "read_plan_file", lambda _path, **_kwargs: next(reads))
    outcome = fmt.format_file(path, write=True)
    assert outcome.refused
    assert outcome.problem is not None and "ändrades medan den formaterades" in outcome.problem
    assert path.read_text(encoding="utf-8") == "typ: projekt\nid: test\norgan:\n- svn\n"


def test_a_link_stays_a_link_and_its_target_is_formatted(tmp_path: Path) -> None:
    target = tmp_path / "riktig.yaml"
    target.write_text("typ: projekt\norgan:\n- svn\n", encoding="utf-8")
    link = tmp_path / "länk.yaml"
    link.symlink_to(target.name)
    assert fmt.format_file(link, write=True).status is fmt.Status.CHANGED
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "typ: projekt\norgan:\n  - svn\n"


# --- Atomic writes ---------------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_interrupted_at_the_rename_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes("gammalt innehåll".encode())

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(path, "nytt innehåll".encode() * 1000)
    assert path.read_bytes() == "gammalt innehåll".encode()
    assert _leftovers(tmp_path) == []


def test_write_atomic_interrupted_midway_through_the_data_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"typ: projekt\n")
    real_fdopen = os.fdopen

    class HalfWriter(io.RawIOBase):
        """A file handle that writes half the data, then is interrupted (Ctrl+C)."""

        def __init__(self, fd: int) -> None:
            self.inner = real_fdopen(fd, "wb")

        def writable(self) -> bool:
            return True

        def write(self, data: object) -> int:
            assert isinstance(data, bytes)
            self.inner.write(data[: len(data) // 2])
            self.inner.flush()
            raise KeyboardInterrupt

        def fileno(self) -> int:
            return self.inner.fileno()

        def close(self) -> None:
            self.inner.close()
            super().close()

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: HalfWriter(fd))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"typ: projekt\nid: ny\n" * 100)
    assert path.read_bytes() == b"typ: projekt\n"
    assert _leftovers(tmp_path) == []


def test_write_atomic_replaces_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "ny" / "plan.yaml"
    write_atomic(path, b"typ: projekt\nid: lang-version\n")
    write_atomic(path, b"typ: projekt\n")
    assert path.read_bytes() == b"typ: projekt\n"
    assert _leftovers(path.parent) == []


def test_fmt_interrupted_while_writing_leaves_the_plan_intact(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    scrambled = messy(ap.read_text(encoding="utf-8"))
    ap.write_text(scrambled, encoding="utf-8")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    run = cli("fmt")
    assert run.exit_code == 1
    assert "aktivitetsplan-2025.yaml: lämnas orörd: kan inte skriva filen" in run.stderr
    assert ap.read_text(encoding="utf-8") == scrambled
    assert _leftovers(ap.parent) == []


def test_fmt_skips_a_named_pipe_without_waiting(minimal: Path) -> None:
    os.mkfifo(minimal / "plans" / "pipe.yaml")
    run = cli("fmt", "--check")
    assert run.exit_code == 1
    assert "plans/pipe.yaml:1:1: PV007 fel: filen kan inte läsas: det är ingen vanlig fil" in (
        run.stdout
    )
    assert "plans/pipe.yaml: lämnas orörd" in run.stderr
