"""`planverk lsp` driven over stdio by a real LSP client (pytest-lsp) on a copy of the
shipped plans: the acceptance list of issue 17, one test per point."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import client_capabilities

from planverk.edit.canonical import comments
from tests.lsp.client import Editor, apply, path_of, position, server_process, started

pytestmark = pytest.mark.asyncio

AP = "plans/aktivitetsplan-2025.yaml"
VP = "plans/verksamhetsplan-2025-2028.yaml"
AP_2024 = "plans/aktivitetsplan-2024.yaml"
LIVING = "plans/handlingsplaner/levande/rpo-hjärta-kärl.yaml"
HP = "plans/handlingsplaner/2025/ledningsgruppen.yaml"


def at(editor: Editor, uri: str, needle: str, *, into: int = 0, nth: int = 0) -> types.Position:
    """The position ``into`` characters into the ``nth`` occurrence of ``needle``."""
    text = editor.texts[uri]
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    return position(text, offset + into)


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return [str(d.code) for d in diagnostics]


def validate(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planverk", "validate", "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_broken_goal_reference_is_marked_at_its_range_and_cleared_when_fixed(
    shipped: Path,
) -> None:
    async with started(shipped) as editor:
        uri = editor.open(AP)
        await editor.until(lambda: uri in editor.client.diagnostics)
        assert editor.diagnostics(uri) == []
        editor.edit(uri, "mål: krisberedskap", "mål: krisberedskapen")
        found = await editor.until(lambda: editor.diagnostics(uri))
        assert codes(found) == ["PV101"]
        diagnostic = found[0]
        start = at(editor, uri, "mål: krisberedskapen", into=5)
        assert diagnostic.range.start == start
        assert diagnostic.range.end == types.Position(start.line, start.character + 15)
        assert diagnostic.severity == types.DiagnosticSeverity.Error
        assert diagnostic.source == "planverk"
        assert (
            "målet 'krisberedskapen' finns inte i Verksamhetsplan 2025–2028" in diagnostic.message
        )
        assert "tips: Menade du 'krisberedskap'" in diagnostic.message
        editor.edit(uri, "mål: krisberedskapen", "mål: krisberedskap")
        await editor.until(lambda: editor.diagnostics(uri) == [])


async def test_goal_renamed_in_the_vp_lights_up_the_ap_and_goes_out_when_renamed_back(
    shipped: Path,
) -> None:
    async with started(shipped) as editor:
        vp = editor.open(VP)
        ap = editor.uri(AP)  # not open: its findings are published all the same
        living = editor.uri(LIVING)
        await editor.until(lambda: vp in editor.client.diagnostics)
        editor.edit(vp, "- id: kunskapsstyrning\n        rubrik", "- id: kunskap\n        rubrik")
        in_ap = await editor.until(lambda: editor.diagnostics(ap))
        assert codes(in_ap) == ["PV101"]
        ap_text = (shipped / AP).read_text(encoding="utf-8")
        line = ap_text[: ap_text.index("mål: kunskapsstyrning")].count("\n")
        assert in_ap[0].range.start.line == line
        in_living = await editor.until(lambda: editor.diagnostics(living))
        assert codes(in_living) == ["PV102", "PV102"]
        # the VP's own goal without activity (PV203 is a warning there) comes and goes too
        editor.edit(vp, "- id: kunskap\n        rubrik", "- id: kunskapsstyrning\n        rubrik")
        await editor.until(lambda: not editor.diagnostics(ap) and not editor.diagnostics(living))


async def test_completion_after_goal_key_lists_the_vps_goals_with_their_texts(
    shipped: Path,
) -> None:
    async with started(shipped) as editor:
        uri = editor.open(AP)
        await editor.until(lambda: uri in editor.client.diagnostics)
        editor.edit(uri, "mål: krisberedskap", "mål: ")
        where = at(editor, uri, "mål: \n", into=5)
        result = await editor.client.text_document_completion_async(
            types.CompletionParams(types.TextDocumentIdentifier(uri), where)
        )
        assert isinstance(result, types.CompletionList)
        items = {item.label: item for item in result.items}
        vp_text = (shipped / VP).read_text(encoding="utf-8")
        goal_ids = [
            line.split("id: ", 1)[1]
            for line in vp_text.splitlines()
            if line.startswith("      - id: ")  # the goals' indentation in this VP
        ]
        assert goal_ids and list(items) == goal_ids
        crisis = items["krisberedskap"]
        assert crisis.detail == "Krisberedskap och civilt försvar"
        assert isinstance(crisis.documentation, types.MarkupContent)
        assert "Verksamhetsplan 2025–2028" in crisis.documentation.value
        assert isinstance(crisis.text_edit, types.TextEdit)
        assert crisis.text_edit.range.start == where


async def test_completion_of_organs_statuses_periods_and_keys(shipped: Path) -> None:
    async with started(shipped) as editor:
        uri = editor.open(LIVING)
        await editor.until(lambda: uri in editor.client.diagnostics)

        async def labels(needle: str, into: int) -> dict[str, types.CompletionItem]:
            where = at(editor, uri, needle, into=into)
            result = await editor.client.text_document_completion_async(
                types.CompletionParams(types.TextDocumentIdentifier(uri), where)
            )
            assert isinstance(result, types.CompletionList)
            return {item.label: item for item in result.items}

        owner = await labels("ägare: ", 7)
        assert {"svn", "ledningsgruppen", "hr-direktörsgruppen", "rpo-hjärta-kärl"} <= set(owner)
        assert owner["svn"].detail == "Samverkansnämnden"
        responsible = await labels("ansvar:\n      - rpo", 17)
        assert "rpo-hjärta-kärl" in responsible
        statuses = await labels("    status: grön", 16)
        assert set(statuses) == {"grön", "gul", "röd", "avslutad", "ej rapporterad"}
        doc = statuses["röd"].documentation
        assert isinstance(doc, types.MarkupContent) and "Allvarliga problem" in doc.value
        periods = await labels("- period: t1", 12)
        assert list(periods) == ["t1", "t2", "helår"]
        assert periods["t1"].detail == "Tertial 1"
        editor.edit(uri, "    status: grön\n    kommentar", "    st\n    kommentar")
        keys = await labels("    st\n", 6)
        assert "status" in keys
        assert "id" not in keys and "kommentar" not in keys  # the action's keys not yet written
        status_doc = keys["status"].documentation
        assert isinstance(status_doc, types.MarkupContent)
        assert "grön = enligt plan" in status_doc.value
        assert keys["beslut"].detail == "Beslut"


async def test_hover_definition_and_references_across_files(shipped: Path) -> None:
    async with started(shipped) as editor:
        living = editor.open(LIVING)
        await editor.until(lambda: living in editor.client.diagnostics)
        on_ref = at(editor, living, "mål: kunskapsstyrning", into=8)
        ident = types.TextDocumentIdentifier(living)
        hover = await editor.client.text_document_hover_async(types.HoverParams(ident, on_ref))
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert (
            "Etablering och utveckling av arbetssätt för kunskapsstyrning" in hover.contents.value
        )
        assert VP in hover.contents.value
        vp_text = (shipped / VP).read_text(encoding="utf-8")
        goal_at = vp_text.index("- id: kunskapsstyrning\n        rubrik") + 6
        goal_line = vp_text[:goal_at].count("\n")
        definition = await editor.client.text_document_definition_async(
            types.DefinitionParams(ident, on_ref)
        )
        assert isinstance(definition, list) and len(definition) == 1
        assert definition[0].uri == editor.uri(VP)
        assert definition[0].range.start == position(vp_text, goal_at)
        assert definition[0].range.start.line == goal_line
        references = await editor.client.text_document_references_async(
            types.ReferenceParams(
                context=types.ReferenceContext(include_declaration=True),
                text_document=ident,
                position=on_ref,
            )
        )
        assert references is not None
        places = sorted((path_of(r.uri).name, r.range.start.line) for r in references)
        ap_text = (shipped / AP).read_text(encoding="utf-8")
        living_text = editor.texts[living]
        expected = sorted(
            [
                (Path(VP).name, goal_line),
                (Path(AP).name, ap_text[: ap_text.index("mål: kunskapsstyrning")].count("\n")),
            ]
            + [
                (Path(LIVING).name, n)
                for n, line in enumerate(living_text.splitlines())
                if line.strip() == "mål: kunskapsstyrning"
            ]
        )
        assert places == expected  # AP 2024 serves the other VP: not a reference
        on_key = at(editor, living, "    patientlöften:", into=6)
        key_hover = await editor.client.text_document_hover_async(types.HoverParams(ident, on_key))
        assert key_hover is not None and isinstance(key_hover.contents, types.MarkupContent)
        assert key_hover.contents.value.startswith("**Patientlöften** (`patientlöften`)")
        assert "patientlöften som åtgärden ska infria" in key_hover.contents.value


async def test_rename_goal_edits_every_reference_then_validate_is_clean(shipped: Path) -> None:
    files = sorted(shipped.glob("plans/**/*.yaml"))
    before = {p: p.read_text(encoding="utf-8") for p in files}
    async with started(shipped) as editor:
        vp = editor.open(VP)
        await editor.until(lambda: vp in editor.client.diagnostics)
        where = at(editor, vp, "- id: kunskapsstyrning\n        rubrik", into=8)
        ident = types.TextDocumentIdentifier(vp)
        prepared = await editor.client.text_document_prepare_rename_async(
            types.PrepareRenameParams(ident, where)
        )
        assert isinstance(prepared, types.PrepareRenamePlaceholder)
        assert prepared.placeholder == "kunskapsstyrning"
        edit = await editor.client.text_document_rename_async(
            types.RenameParams(ident, where, "kunskapsstyrning-och-uppföljning")
        )
        assert edit is not None and edit.document_changes
    edited: dict[Path, int] = {}
    for change in edit.document_changes:
        assert isinstance(change, types.TextDocumentEdit)
        path = shipped / path_of(change.text_document.uri).relative_to(shipped.resolve())
        path.write_text(apply(before[path], list(change.edits)), encoding="utf-8")
        edited[path] = len(change.edits)
    assert {p.relative_to(shipped).as_posix(): n for p, n in edited.items()} == {
        VP: 1,
        AP: 1,
        LIVING: 2,
    }
    result = validate(shipped)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["findings"] == []
    for path in files:
        after = path.read_text(encoding="utf-8")
        assert comments(after) == comments(before[path]), path
        if path not in edited:
            assert after == before[path]
        else:  # only the id changed, nothing else on any line
            changed = [
                (a, b)
                for a, b in zip(before[path].splitlines(), after.splitlines(), strict=True)
                if a != b
            ]
            assert all(
                a.replace("kunskapsstyrning", "kunskapsstyrning-och-uppföljning") == b
                for a, b in changed
            )
    assert "mål: kunskapsstyrning\n" in (shipped / AP_2024).read_text(encoding="utf-8")


async def test_rename_refused_when_the_new_id_is_taken_or_invalid(shipped: Path) -> None:
    async with started(shipped) as editor:
        vp = editor.open(VP)
        await editor.until(lambda: vp in editor.client.diagnostics)
        where = at(editor, vp, "- id: kunskapsstyrning\n        rubrik", into=8)
        ident = types.TextDocumentIdentifier(vp)
        for new_id, expected in (
            ("krisberedskap", "används redan av målet 'Krisberedskap och civilt försvar'"),
            ("Kunskap Styrning", "är inget giltigt id"),
            ("", "är inget giltigt id"),
        ):
            with pytest.raises(Exception) as refused:
                await editor.client.text_document_rename_async(
                    types.RenameParams(ident, where, new_id)
                )
            assert expected in str(refused.value)
        text_at = at(editor, vp, "rubrik: Etablering", into=9)
        with pytest.raises(Exception) as nothing:
            await editor.client.text_document_prepare_rename_async(
                types.PrepareRenameParams(ident, text_at)
            )
        assert "Här finns inget id att byta namn på" in str(nothing.value)


async def test_diagnostics_are_the_findings_of_validate(shipped: Path) -> None:
    ap_path = shipped / AP
    text = ap_path.read_text(encoding="utf-8")
    broken = text.replace("mål: krisberedskap", "mål: krisberedskapen").replace(
        "rubrik: Forskningssamverkan", "rubrik: TODO"
    )
    ap_path.write_text(broken + "kommentar: NSPL och XYZ\n", encoding="utf-8")
    result = validate(shipped)
    expected = json.loads(result.stdout)["findings"]
    assert len({f["code"] for f in expected}) >= 3
    levels = {
        types.DiagnosticSeverity.Error: "fel",
        types.DiagnosticSeverity.Warning: "varning",
        types.DiagnosticSeverity.Information: "info",
    }
    async with started(shipped) as editor:
        await editor.until(
            lambda: sum(len(d) for d in editor.client.diagnostics.values()) >= len(expected)
        )
        got = []
        for uri, diagnostics in editor.client.diagnostics.items():
            relative = path_of(uri).relative_to(shipped.resolve())
            for d in diagnostics:
                message, _, hint = d.message.partition("\ntips: ")
                assert isinstance(d.data, dict) and d.data["hint"] == (hint or None)
                start, end = d.range.start, d.range.end
                where = (start.line + 1, start.character + 1, end.line + 1, end.character + 1)
                what = (relative.as_posix(), str(d.code), levels[d.severity], message, hint or None)
                got.append((*what, *where))
    wanted = []
    for f in expected:
        end = (f["end_line"], f["end_column"])
        if end == (f["line"], f["column"]):
            end = (f["line"], f["column"] + 1)  # an empty span still marks a character
        what = (f["file"], f["code"], f["level"], f["message"], f["hint"])
        wanted.append((*what, f["line"], f["column"], *end))
    assert Counter(got) == Counter(wanted)


async def test_hostile_text_gives_findings_and_the_server_keeps_answering(shipped: Path) -> None:
    hostile = [
        "typ: aktivitetsplan\når: [2025\n",  # syntax error
        "\t- tabb\n",
        "[" * 5000 + "]" * 5000 + "\n",  # deeper than anything a plan needs
        "typ: aktivitetsplan\r\når: 2025\u2028titel: x\x85\x00\n",  # odd line breaks, NUL
        "typ: aktivitetsplan\nar: &a x\nb: *a\n",
        "- 1\n- 2\n",
        "",
        "typ: handlingsplan\nåtgärder:\n  - id: x\n    ansvar:\n      - 🙂\n",
    ]
    async with started(shipped) as editor:
        uri = editor.open(AP)
        await editor.until(lambda: uri in editor.client.diagnostics)
        ident = types.TextDocumentIdentifier(uri)
        for text in hostile:
            editor.replace_all(uri, text)
            version = editor.versions[uri]
            await editor.until(
                lambda v=version: any(  # type: ignore[misc]
                    p.uri == uri and p.version == v for _, p in editor.client.published
                )
            )
            if text.strip():
                assert editor.diagnostics(uri), text[:40]
                found = [str(d.code) for d in editor.diagnostics(uri)]
                assert all(code.startswith("PV") for code in found), (text[:40], found)
            lines = text.split("\n")
            for line in range(min(len(lines), 3)):
                for character in (0, 1, 5, 10_000):
                    where = types.Position(line, character)
                    await editor.client.text_document_hover_async(types.HoverParams(ident, where))
                    await editor.client.text_document_completion_async(
                        types.CompletionParams(ident, where)
                    )
                    await editor.client.text_document_definition_async(
                        types.DefinitionParams(ident, where)
                    )
                    await editor.client.text_document_code_action_async(
                        types.CodeActionParams(
                            ident,
                            types.Range(where, where),
                            types.CodeActionContext(diagnostics=[]),
                        )
                    )
        editor.replace_all(uri, (shipped / AP).read_text(encoding="utf-8"))
        await editor.until(lambda: editor.diagnostics(uri) == [])
        hover = await editor.client.text_document_hover_async(
            types.HoverParams(ident, at(editor, uri, "mål: krisberedskap", into=7))
        )
        assert hover is not None  # still alive, still right
        assert editor.client.error is None


async def test_quick_fixes_replace_a_misspelt_id_and_add_an_abbreviation(shipped: Path) -> None:
    async with started(shipped) as editor:
        uri = editor.open(AP)
        await editor.until(lambda: uri in editor.client.diagnostics)
        editor.edit(uri, "mål: krisberedskap", "mål: krisberedskapen")
        editor.edit(uri, "titel: Aktivitetsplan 2025", "titel: Aktivitetsplan 2025 enligt ABCD")
        found = await editor.until(
            lambda: len(editor.diagnostics(uri)) == 2 and editor.diagnostics(uri)
        )
        by_code = {str(d.code): d for d in found}
        ident = types.TextDocumentIdentifier(uri)
        fixes = await editor.client.text_document_code_action_async(
            types.CodeActionParams(
                ident, by_code["PV101"].range, types.CodeActionContext([by_code["PV101"]])
            )
        )
        assert fixes is not None
        fix = next(a for a in fixes if isinstance(a, types.CodeAction) and "Menade du" in a.title)
        assert (
            fix.title == "Menade du 'krisberedskap'? Ersätt 'krisberedskapen' med 'krisberedskap'"
        )
        assert fix.edit is not None and fix.edit.document_changes
        change = fix.edit.document_changes[0]
        assert isinstance(change, types.TextDocumentEdit)
        fixed = apply(editor.texts[uri], list(change.edits))
        assert "mål: krisberedskap\n" in fixed
        editor.replace_all(uri, fixed)
        await editor.until(lambda: codes(editor.diagnostics(uri)) == ["PV304"])
        glossary = editor.diagnostics(uri)[0]
        fixes = await editor.client.text_document_code_action_async(
            types.CodeActionParams(ident, glossary.range, types.CodeActionContext([glossary]))
        )
        assert fixes is not None
        add = next(a for a in fixes if isinstance(a, types.CodeAction))
        assert add.title == "Lägg till ABCD i ordlistan i plans/planverk.yaml"
        assert add.edit is not None and add.edit.document_changes
        change = add.edit.document_changes[0]
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.uri == editor.uri("plans/planverk.yaml")
        project = shipped / "plans" / "planverk.yaml"
        old = project.read_text(encoding="utf-8")
        new = apply(old, list(change.edits))
        assert comments(new) == comments(old)
        assert new.replace("  ABCD: TODO skriv vad förkortningen står för\n", "", 1) == old
        project.write_text(new, encoding="utf-8")
        (shipped / AP).write_text(editor.texts[uri], encoding="utf-8")
        result = validate(shipped)
        found_codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
        assert "PV304" not in found_codes  # the abbreviation is known now
        assert "PV305" in found_codes  # and its meaning is still to be written


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8"])
async def test_columns_in_the_code_units_agreed_on(shipped: Path, encoding: str) -> None:
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(position_encodings=[encoding])
    async with started(shipped, capabilities=capabilities) as editor:
        uri = editor.open(AP)
        await editor.until(lambda: uri in editor.client.diagnostics)
        editor.replace_all(
            uri,
            editor.texts[uri].replace(
                "titel: Aktivitetsplan 2025", "titel: 🙂 Åtgärd 2025 ABCD", 1
            ),
        )
        (diagnostic,) = await editor.until(lambda: editor.diagnostics(uri))
        line = editor.texts[uri].split("\n")[diagnostic.range.start.line]
        start = line.index("ABCD")
        units = {
            "utf-16": lambda t: len(t.encode("utf-16-le")) // 2,
            "utf-32": len,
            "utf-8": lambda t: len(t.encode("utf-8")),
        }[encoding]
        assert diagnostic.range.start.character == units(line[:start])
        assert diagnostic.range.end.character == units(line[: start + 4])


async def test_typing_is_checked_once_after_the_pause(shipped: Path) -> None:
    async with started(shipped, debounce_ms=400) as editor:
        uri = editor.open(AP)
        await editor.until(lambda: uri in editor.client.diagnostics)
        before = len(editor.client.published)
        typed = ""
        for letter in "enx":  # typed one letter at a time, faster than the pause
            editor.edit(uri, f"mål: krisberedskap{typed}\n", f"mål: krisberedskap{typed}{letter}\n")
            typed += letter
        last = editor.versions[uri]
        await editor.until(lambda: len(editor.client.published) > before)
        await asyncio.sleep(1.0)  # anything more would have come by now
        after = [p for _, p in editor.client.published[before:] if p.uri == uri]
        assert [p.version for p in after] == [last], "one check, of the text as typed last"
        assert codes(list(after[0].diagnostics)) == ["PV101"]


async def test_a_file_changed_on_disk_is_read_again(shipped: Path) -> None:
    async with started(shipped) as editor:
        vp = editor.open(VP)
        await editor.until(lambda: vp in editor.client.diagnostics)
        ap = editor.uri(AP)  # not open in the editor: the file on disk counts
        path = shipped / AP
        path.write_text(
            path.read_text(encoding="utf-8").replace("mål: krisberedskap", "mål: borta"),
            encoding="utf-8",
        )
        editor.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(uri=ap, type=types.FileChangeType.Changed)]
            )
        )
        found = await editor.until(lambda: editor.diagnostics(ap))
        assert codes(found) == ["PV101"]
        assert editor.client.registrations, "the server asked to be told of changed files"


async def test_rename_activity_edits_the_handlingsplaner_of_its_year(shipped: Path) -> None:
    async with started(shipped) as editor:
        ap = editor.open(AP)
        await editor.until(lambda: ap in editor.client.diagnostics)
        where = at(editor, ap, "- id: nära-vård\n            text", into=6)
        edit = await editor.client.text_document_rename_async(
            types.RenameParams(types.TextDocumentIdentifier(ap), where, "nära-vård-omställning")
        )
        assert edit is not None and edit.document_changes
        files = {}
        for change in edit.document_changes:
            assert isinstance(change, types.TextDocumentEdit)
            relative = path_of(change.text_document.uri).relative_to(shipped.resolve())
            files[relative.as_posix()] = change
        assert set(files) == {AP, HP}
        assert files[AP].text_document.version == editor.versions[ap]  # the open buffer's
        assert files[HP].text_document.version is None  # not open: the file on disk
        hp_text = (shipped / HP).read_text(encoding="utf-8")
        renamed = apply(hp_text, list(files[HP].edits))
        assert "aktivitet: nära-vård-omställning\n" in renamed
        assert "- id: nära-vård-samverkan" in renamed  # another id that only starts alike


async def test_rename_refused_while_a_plan_file_does_not_load(shipped: Path) -> None:
    async with started(shipped) as editor:
        ap = editor.open(AP)
        living = editor.open(LIVING)
        await editor.until(lambda: living in editor.client.diagnostics)
        editor.edit(living, "levande: true", "levande: [true")
        await editor.until(lambda: editor.diagnostics(living))
        where = at(editor, ap, "mål: kunskapsstyrning", into=7)
        with pytest.raises(Exception) as refused:
            await editor.client.text_document_rename_async(
                types.RenameParams(types.TextDocumentIdentifier(ap), where, "kunskap")
            )
        message = str(refused.value)
        assert (
            "Id kan inte bytas medan plans/handlingsplaner/levande/rpo-hjärta-kärl.yaml" in message
        )
        assert "PV001" in message


async def test_server_process_is_known(shipped: Path) -> None:
    async with started(shipped) as editor:
        process = server_process(editor.client)
        assert process is not None and process.returncode is None
