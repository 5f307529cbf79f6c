"""`planverk import`: read the owners' filled-in report workbooks into the plans."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import EXIT_FINDINGS, EXIT_OK, echo, fail
from planverk.core.findings import Level
from planverk.core.oserrors import write_error
from planverk.loading.planset import PlanSetNotFound, find_plan_dir, load_plan_dir
from planverk.report import FORMATS

NAME = "import"


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


def command(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILER", help="Ifyllda arbetsböcker (.xlsx).", show_default=False),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="Perioden som importeras (standard: den första arbetsbokens).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--år", help="Året som importeras (standard: arbetsbokens).", show_default=False
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--ersätt", help="Ersätt en rapport som redan finns för perioden."),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--torrkörning", help="Skriv inget; visa vad som skulle skrivas.")
    ] = False,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Fynden som text, json, github eller gitlab.")
    ] = Format.text,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="Projektfilen (plans/planverk.yaml) att utgå från."),
    ] = None,
) -> None:
    """Läs in ifyllda rapportarbetsböcker i handlingsplanerna.

    Varje cell kontrolleras först; finns något fel skrivs ingenting.

    Sedan skrivs varje rapport in i rätt handlingsplan, med kommentarer och layout kvar.

    Alla filer skrivs, eller ingen.

    Slutstatus: 0 klart, 1 fel i arbetsböckerna, 2 fel i anrop eller filer.
    """
    from planverk.intake import apply
    from planverk.intake.checks import check_files
    from planverk.intake.commit import write_all
    from planverk.intake.selection import IntakeError

    for path in files:
        if not path.exists():
            fail(f"{path} finns inte")
    try:
        plan_dir = find_plan_dir(config or Path.cwd())
    except PlanSetNotFound as err:
        fail(str(err), "Kör kommandot i planförrådet, eller ange --config plans/planverk.yaml.")
    if year is not None and period is None:
        fail("--år behöver --period", "Ange t.ex. --år 2025 --period t2.")
    planset = load_plan_dir(plan_dir)
    broken = [f for f in planset.findings if f.level >= Level.ERROR]
    if broken:
        fail(
            f"{len(broken)} fel när planerna lästes, så rapporterna kan inte skrivas in",
            "Kör `planverk validate` och rätta planerna först.",
        )
    try:
        checked = check_files(planset, files, year=year, period=period, replace=replace)
        errors = [f for f in checked.findings if f.level >= Level.ERROR]
        result = apply.plan(planset, checked) if not errors and checked.intake else None
    except IntakeError as err:
        fail(str(err), err.hint)
    except apply.ApplyError as err:
        fail(str(err), err.hint)
    findings = checked.findings
    if result is not None and result.findings:
        findings = result.findings
    text = FORMATS[output_format.value](findings, {}, checked.files)
    plain = output_format is Format.text
    if findings or not plain:
        echo(text) if plain else typer.echo(text)
    if result is None or result.findings:
        if result is not None and any(f.cell is None for f in result.findings):
            typer.echo(
                "planverk: fel: med rapporterna skulle planerna få nya fynd (ovan); "
                "ingenting skrevs.",
                err=True,
            )
        raise typer.Exit(EXIT_FINDINGS if findings else EXIT_OK)
    assert checked.intake is not None
    span = checked.intake.selection.span
    if not dry_run and result.files:
        try:
            write_all(list(result.files.values()))
        except OSError as err:
            reason = write_error(err.filename or "planfilerna", err)
            fail(f"ingenting skrevs: {reason}", reason.hint)
    summary = apply.describe(result, span.name, checked.intake.year, dry_run)
    typer.echo(summary, err=not plain)
    raise typer.Exit(EXIT_OK)
