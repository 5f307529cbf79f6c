"""`planverk rapportmall`: one report workbook per owner for a follow-up period."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import ConfigOption, handled, plan_dir
from planverk.loading.planset import display_path

NAME = "rapportmall"


def command(
    year: Annotated[
        int, typer.Argument(metavar="ÅR", help="Året att rapportera för.", show_default=False)
    ],
    period: Annotated[
        str,
        typer.Option(
            "--period", "-p", help="Uppföljningsperioden, t.ex. t2 eller helår.", show_default=False
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Mappen arbetsböckerna skrivs i (standard: build/rapporter).",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option("--ägare", help="Bara för det här organet (id); kan anges flera gånger."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Gör en rapportarbetsbok per ägare för en uppföljningsperiod.

    En rad per åtgärd som ägaren rapporterar på, med status, kommentar, resultat och datum.

    Läs in de ifyllda arbetsböckerna med `planverk import`.

    Slutstatus: 0 klart, 2 fel i anrop eller filer.
    """
    from planverk.intake.run import make_workbooks

    with handled():
        result = make_workbooks(plan_dir(config), year, period, owners=owner or (), out=out)
    if result.unreadable:
        typer.echo(
            f"planverk: varning: {result.unreadable} fel när planerna lästes; de planer som "
            "inte gick att läsa saknas i arbetsböckerna. Kör `planverk validate`.",
            err=True,
        )
    span = result.selection.span
    for path, book in zip(result.paths, result.made, strict=True):
        rows = book.rows
        typer.echo(
            f"skrev {display_path(path)} ({book.book.owner.name}, {rows} "
            f"{'åtgärd' if rows == 1 else 'åtgärder'})"
        )
    if not result.made:
        typer.echo(f"Inga åtgärder att rapportera för {span.name} {year}.")
    else:
        typer.echo(
            f"{len(result.made)} {'arbetsbok' if len(result.made) == 1 else 'arbetsböcker'} för "
            f"{span.name} {year}; rapporter dateras "
            f"{span.start.isoformat()}–{span.report_deadline.isoformat()}."
        )
