"""`planverk status`: where the year's plans stand, per fokusområde and owner."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import ConfigOption, fail, handled, parse_date, plan_dir, printable
from planverk.loading.planset import PlanSet

NAME = "status"


class Format(StrEnum):
    text = "text"
    md = "md"
    json = "json"
    xlsx = "xlsx"
    csv = "csv"


def command(
    year: Annotated[
        int | None,
        typer.Argument(
            metavar="ÅR",
            help="Året att följa upp (standard: året för --datum).",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--datum",
            help="Dagen uppföljningen gäller, ÅÅÅÅ-MM-DD (standard: i dag). Rapporter daterade "
            "senare räknas inte; rapportperioden är den senaste som har gått ut.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Format,
        typer.Option("--format", "-f", help="Utdata: text, md, json, xlsx (csv med --saknas)."),
    ] = Format.text,
    missing: Annotated[
        bool,
        typer.Option(
            "--saknas", help="Bara vilka som inte har rapporterat för perioden (text, csv, json)."
        ),
    ] = False,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="Perioden för --saknas (standard: den senaste som har gått ut).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Skriv till filen i stället för till terminalen."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Visa var årets planer står: status per fokusområde och ägare.

    Dessutom försenade åtgärder och åtgärder utan rapport för den senaste perioden.

    En levande handlingsplans åtgärder räknas alla år de pågår.

    Slutstatus: 0 klart, 2 fel i anrop eller filer.
    """
    on = parse_date(date) or dt.date.today()
    if missing and output_format not in (Format.text, Format.csv, Format.json):
        fail("--saknas skrivs som text, csv eller json", "Ange -f text, -f csv eller -f json.")
    if output_format is Format.csv and not missing:
        fail("--format csv hör till --saknas", "Ange --saknas, eller ett annat format.")
    if period is not None and not missing:
        fail("--period hör till --saknas", "Ange --saknas --period t2.")
    if output_format is Format.xlsx and out is None:
        fail("--format xlsx behöver en fil att skriva till", "Ange -o status.xlsx.")
    from planverk.publish.status import status_report, write_status

    with handled():
        report = status_report(plan_dir(config), year, on)
    if report.unreadable:
        typer.echo(
            f"planverk: varning: {report.unreadable} fel när planerna lästes; de planer som inte "
            "gick att läsa saknas i uppföljningen. Kör `planverk validate`.",
            err=True,
        )
    if missing:
        planset = report.planset
        _missing(planset, year if year is not None else on.year, period, on, output_format, out)
        return
    if out is None:
        shown = report.rendered(output_format.value).decode("utf-8")
        # A plan's text never drives the terminal (JSON escapes control characters itself).
        typer.echo(shown if output_format is Format.json else printable(shown), nl=False)
        return
    with handled():
        write_status(report, output_format.value, out)
    typer.echo(f"skrev {out} ({len(report.view.actions)} åtgärder)")


def _missing(
    planset: PlanSet, year: int, period: str | None, on: dt.date, fmt: Format, out: Path | None
) -> None:
    from planverk.intake.missing import RENDERERS, missing
    from planverk.intake.selection import IntakeError
    from planverk.model.periods import Calendar

    if period is None:
        due = Calendar.of(planset.project.plan if planset.project else None).due(year, on)
        if due is None:
            fail(
                f"ingen uppföljningsperiod för {year} har gått ut per {on.isoformat()}",
                "Ange perioden med --period, t.ex. --period t1.",
            )
        period = due.id
    try:
        view = missing(planset, year, period)
    except IntakeError as err:
        fail(str(err), err.hint)
    rendered = RENDERERS[fmt.value](view)
    if out is None:
        typer.echo(printable(rendered.rstrip("\n")))
        return
    from planverk.publish.write import write_project_outputs

    with handled():  # through the output guard, like every file a user names
        data = (rendered.rstrip("\n") + "\n").encode("utf-8")
        write_project_outputs(planset, [(out, data)], explicit=True)
    typer.echo(f"skrev {out} ({view.actions} åtgärder utan rapport)")
