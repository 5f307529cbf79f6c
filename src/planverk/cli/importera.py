"""`planverk import`: read the owners' filled-in report workbooks into the plans."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import EXIT_FINDINGS, EXIT_OK, ConfigOption, echo, handled, plan_dir
from planverk.report import FORMATS
from planverk.report.text import styled

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
    config: ConfigOption = None,
) -> None:
    """Läs in ifyllda rapportarbetsböcker i handlingsplanerna.

    Varje cell kontrolleras först; finns något fel skrivs ingenting.

    Sedan skrivs varje rapport in i rätt handlingsplan, med kommentarer och layout kvar.

    Alla filer skrivs, eller ingen.

    Slutstatus: 0 klart, 1 fel i arbetsböckerna, 2 fel i anrop eller filer.
    """
    from planverk.intake.run import import_workbooks

    with handled():
        result = import_workbooks(
            plan_dir(config), files, year=year, period=period, replace=replace, dry_run=dry_run
        )
    plain = output_format is Format.text
    if result.findings or not plain:
        if plain:
            echo(styled(result.findings, {}, result.files))
        else:
            typer.echo(FORMATS[output_format.value](result.findings, {}, result.files))
    if result.plan_findings:
        typer.echo(
            "planverk: fel: med rapporterna skulle planerna få nya fynd (ovan); ingenting skrevs.",
            err=True,
        )
    if result.blocked:
        raise typer.Exit(EXIT_FINDINGS)
    if result.summary:
        typer.echo(result.summary, err=not plain)
    raise typer.Exit(EXIT_OK)
