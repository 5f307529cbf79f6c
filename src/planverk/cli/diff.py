"""`planverk diff`: what changed between two years, two periods or two versions."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigOption,
    fail,
    handled,
    parse_date,
    plan_dir,
    use_color,
)

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
    config: ConfigOption = None,
) -> None:
    """Visa vad som ändrats mellan två år, två perioder eller två versioner av planerna.

    Exempel: `planverk diff 2024 2025` (aktivitetsplanerna), `planverk diff 2021-2024
    2025-2028 --kind verksamhetsplan`, `planverk diff 2025 --since v2025-beslut`.

    Slutstatus: 0, eller med --exit-code 1 om planerna skiljer sig; 2 fel i anrop eller filer.
    """
    from planverk.core.gcpause import paused_gc
    from planverk.diff.model import PlanKind
    from planverk.diff.sources import compare
    from planverk.publish import changes

    if new is None and since is None:
        fail(
            "ange två planer att jämföra, eller --since",
            "T.ex. `planverk diff 2024 2025` eller `planverk diff 2025 --since HEAD`.",
        )
    when = parse_date(date)
    docx = output_format is Format.docx
    from planverk.cli.progress import shown

    with handled(), shown():
        comparison = compare(
            plan_dir(config),
            PlanKind(kind.value),
            old,
            new if new is not None else old,
            since=since,
            order=order,
            everything=docx,  # a published document is checked against the whole plan set
        )
        result = comparison.result
        with paused_gc():
            if docx:
                written = changes.write_tracked(comparison, output, author=author, date=when)
                _tell_tracked(written.path, result.title)
            elif output is not None:
                changes.write_report(comparison, output_format.value, output, brief=brief)
                typer.echo(f"Skrev {output}", err=True)
            elif output_format is Format.text and use_color():
                from planverk.diff.textout import print_rich

                print_rich(result, brief=brief)
            else:
                typer.echo(changes.report(comparison, output_format.value, brief=brief))
    raise typer.Exit(EXIT_FINDINGS if exit_code and result.has_changes else EXIT_OK)


def _tell_tracked(path: Path, title: str) -> None:
    from planverk.loading.planset import display_path

    shown = display_path(path.resolve())
    typer.echo(f"Skrev {shown} ({title}, ändringar markerade som spårade ändringar)")
