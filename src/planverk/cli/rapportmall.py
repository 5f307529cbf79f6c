"""`planverk rapportmall`: one report workbook per owner for a follow-up period."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import fail
from planverk.core.errors import UserError
from planverk.core.findings import Level
from planverk.core.oserrors import write_error
from planverk.loading.planset import PlanSetNotFound, display_path, find_plan_dir, load_plan_dir
from planverk.publish.guard import check_output

NAME = "rapportmall"
DEFAULT_OUT = Path("build/rapporter")


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
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="Projektfilen (plans/planverk.yaml) att utgå från."),
    ] = None,
) -> None:
    """Gör en rapportarbetsbok per ägare för en uppföljningsperiod.

    En rad per åtgärd som ägaren rapporterar på, med status, kommentar, resultat och datum.

    Läs in de ifyllda arbetsböckerna med `planverk import`.

    Slutstatus: 0 klart, 2 fel i anrop eller filer.
    """
    from planverk.intake.selection import IntakeError, select
    from planverk.intake.workbook import make_all, write_all

    try:
        plan_dir = find_plan_dir(config or Path.cwd())
    except PlanSetNotFound as err:
        fail(str(err), "Kör kommandot i planförrådet, eller ange --config plans/planverk.yaml.")
    planset = load_plan_dir(plan_dir)
    broken = [f for f in planset.findings if f.level >= Level.ERROR]
    if broken:
        typer.echo(
            f"planverk: varning: {len(broken)} fel när planerna lästes; de planer som inte "
            "gick att läsa saknas i arbetsböckerna. Kör `planverk validate`.",
            err=True,
        )
    try:
        selection = select(planset, year, period)
    except IntakeError as err:
        fail(str(err), err.hint)
    if owner:
        known = {b.owner.id for b in selection.books}
        unknown = [o for o in owner if o not in known]
        if unknown:
            fail(
                f"inga åtgärder att rapportera för {', '.join(unknown)} i {period} {year}",
                f"Ägare med åtgärder: {', '.join(sorted(known)) or 'inga'}.",
            )
        selection.books = [b for b in selection.books if b.owner.id in owner]
    made = make_all(selection)
    folder = out if out is not None else planset.root / DEFAULT_OUT
    try:
        for book in made:
            check_output(folder / book.name, planset, fmt="xlsx", explicit=out is not None)
        paths = write_all(made, folder)
    except UserError as err:
        fail(str(err), err.hint)
    except OSError as err:
        error = write_error(err.filename or folder, err)
        fail(str(error), error.hint)
    for path, book in zip(paths, made, strict=True):
        rows = book.rows
        typer.echo(
            f"skrev {display_path(path)} ({book.book.owner.name}, {rows} "
            f"{'åtgärd' if rows == 1 else 'åtgärder'})"
        )
    if not made:
        typer.echo(f"Inga åtgärder att rapportera för {selection.span.name} {year}.")
    else:
        typer.echo(
            f"{len(made)} {'arbetsbok' if len(made) == 1 else 'arbetsböcker'} för "
            f"{selection.span.name} {year}; rapporter dateras "
            f"{selection.span.start.isoformat()}–{selection.span.report_deadline.isoformat()}."
        )
