"""`planverk diff`: what changed between two years, two periods or two versions."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planverk.cli.common import EXIT_FINDINGS, EXIT_OK, fail, use_color

if TYPE_CHECKING:
    from planverk.diff.model import DiffResult
    from planverk.loading.planset import PlanSet

NAME = "diff"


class PlanKindOption(StrEnum):
    aktivitetsplan = "aktivitetsplan"
    verksamhetsplan = "verksamhetsplan"
    handlingsplan = "handlingsplan"


class Format(StrEnum):
    text = "text"
    md = "md"
    json = "json"
    docx = "docx"


def command(
    old: Annotated[
        str,
        typer.Argument(
            metavar="ÄLDRE",
            help="Den äldre planen: ett år (2024), en period (2021-2024) eller "
            "'levande' för de levande handlingsplanerna.",
            show_default=False,
        ),
    ],
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="NYARE",
            help="Den nyare planen (standard med --since: samma som den äldre).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        PlanKindOption,
        typer.Option("--kind", "-k", help="Vilka planer som jämförs."),
    ] = PlanKindOption.aktivitetsplan,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Jämför med planerna som de var vid en git-revision (tagg, gren, "
            "incheckning), t.ex. --since v2025-beslut. Arbetskopian checkas inte ut.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help='text (terminalen), md (avsnittet "Nytt för ..."), json, eller docx '
            "(Word med spårade ändringar).",
        ),
    ] = Format.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Skriv till en fil i stället för terminalen.", show_default=False
        ),
    ] = None,
    brief: Annotated[bool, typer.Option("--brief", help="Bara antalen, inte ändringarna.")] = False,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Slutstatus 1 om planerna skiljer sig (som git diff --exit-code)."
        ),
    ] = False,
    order: Annotated[
        bool,
        typer.Option("--ordning", help="Räkna också en ny plats i ordningen som en ändring."),
    ] = False,
    author: Annotated[
        str,
        typer.Option("--författare", help="Namnet på ändringarna i Word-dokumentet."),
    ] = "planverk",
    date: Annotated[
        str | None,
        typer.Option(
            "--datum",
            help="Datum på ändringarna i Word-dokumentet, ÅÅÅÅ-MM-DD (standard: den nyare "
            "planens beslutsdatum, annars 1 januari det året).",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="Projektfilen (plans/planverk.yaml) att utgå från."),
    ] = None,
) -> None:
    """Visa vad som ändrats mellan två år, två perioder eller två versioner av planerna.

    Exempel: `planverk diff 2024 2025` (aktivitetsplanerna), `planverk diff 2021-2024
    2025-2028 --kind verksamhetsplan`, `planverk diff 2025 --since v2025-beslut`.

    Slutstatus: 0, eller med --exit-code 1 om planerna skiljer sig; 2 fel i anrop eller filer.
    """
    from planverk.core.gcpause import paused_gc
    from planverk.diff.gitrev import RevisionError, load_at_revision
    from planverk.diff.model import PlanKind
    from planverk.diff.select import DiffError, diff
    from planverk.diff.sources import Needs, load_worktree, needs
    from planverk.loading.planset import PlanSetNotFound, find_plan_dir

    if new is None and since is None:
        fail(
            "ange två planer att jämföra, eller --since",
            "T.ex. `planverk diff 2024 2025` eller `planverk diff 2025 --since HEAD`.",
        )
    when = _parse_date(date)
    plan_kind = PlanKind(kind.value)
    newer = new if new is not None else old
    try:
        plan_dir = find_plan_dir(config or Path.cwd())
    except PlanSetNotFound as err:
        fail(str(err), "Kör kommandot i planförrådet, eller ange --config plans/planverk.yaml.")
    everything = Needs(frozenset({"projekt", "verksamhetsplan", "aktivitetsplan", "handlingsplan"}))
    # Only the files the comparison needs are parsed (they are also all a render needs).
    keep = needs(plan_kind, (old, newer))
    for attempt in (keep, everything):
        try:
            new_set = load_worktree(plan_dir, attempt)
            old_set = load_at_revision(since, plan_dir, attempt) if since else new_set
            result = diff(old_set, new_set, plan_kind, old, newer, since=since, order=order)
            break
        except DiffError as err:
            if attempt is not everything:
                continue  # again with every file, so the message can list what there is
            fail(str(err), err.hint)
        except RevisionError as err:
            fail(str(err), err.hint)

    with paused_gc():
        if output_format is Format.docx:
            _write_docx(result, old_set, new_set, output, author, when)
        elif output_format is Format.text and output is None and use_color():
            from planverk.diff.textout import print_rich

            print_rich(result, brief=brief)
        else:
            _emit(_render(result, output_format, brief), output)
    raise typer.Exit(EXIT_FINDINGS if exit_code and result.has_changes else EXIT_OK)


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(
            f"--datum {text!r} är inte ett datum", "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-12-12."
        )


def _render(result: DiffResult, output_format: Format, brief: bool) -> str:
    if output_format is Format.md:
        from planverk.diff.mdout import render as render_md

        return render_md(result, brief=brief)
    if output_format is Format.json:
        from planverk.diff.jsonout import render as render_json

        return render_json(result)
    from planverk.diff.textout import render as render_text

    return render_text(result, brief=brief)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text)
        return
    from planverk.core.atomic import write_atomic

    try:
        write_atomic(output, (text.rstrip("\n") + "\n").encode("utf-8"))
    except OSError as err:
        fail(f"{output} kan inte skrivas: {err.strerror or err}")
    typer.echo(f"Skrev {output}", err=True)


def _write_docx(
    result: DiffResult,
    old_set: PlanSet,
    new_set: PlanSet,
    output: Path | None,
    author: str,
    when: dt.date | None,
) -> None:
    from planverk.core.atomic import write_atomic
    from planverk.diff.tracked import TrackedError, tracked_document

    try:
        document = tracked_document(result, old_set, new_set, author=author, date=when)
    except TrackedError as err:
        fail(str(err), err.hint)
    for warning in document.warnings:
        typer.echo(f"planverk: varning: {warning}", err=True)
    from planverk.loading.planset import display_path
    from planverk.render import RenderError, dokumentmall_path, template_dir_for
    from planverk.render.outputs import BUILD_DIR, check_output

    target = output or new_set.root / BUILD_DIR / document.file_name
    try:
        folder = template_dir_for(new_set, None)
        check_output(
            target,
            "docx",
            new_set,
            template_dir=folder,
            dokumentmall=dokumentmall_path(new_set, folder, None),
            explicit=output is not None,
        )
    except RenderError as err:
        fail(err.message, err.hint)
    try:
        write_atomic(target, document.data)
    except OSError as err:
        fail(f"{target} kan inte skrivas: {err.strerror or err}")
    shown = display_path(target.resolve())
    typer.echo(f"Skrev {shown} ({result.title}, ändringar markerade som spårade ändringar)")
