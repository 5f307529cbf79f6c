"""`planverk new`: next year's aktivitetsplan and handlingsplaner, made from this year's."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from planverk.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    ConfigOption,
    echo,
    handled,
    plan_dir,
)
from planverk.core.findings import Level
from planverk.planning import rollover
from planverk.report import text as text_report

NAME = "new"
LIST_LIMIT = 30  # ids listed per plan before "… och N till"


def command(
    year: Annotated[
        int, typer.Argument(metavar="ÅR", help="Det nya året, t.ex. 2026.", show_default=False)
    ],
    from_year: Annotated[
        int | None,
        typer.Option(
            "--from",
            help="Året att utgå från (standard: året före).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Skriv inget; visa vad som skulle föras över.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Skapa nästa års aktivitetsplan och handlingsplaner ur årets.

    Aktiviteter och åtgärder som inte är avslutade följer med med sina id.

    Åtgärdernas status blir "ej rapporterad"; rapporter och beslut tas bort.

    Kommentarer står kvar. Levande handlingsplaner kopieras inte.

    En befintlig fil skrivs aldrig över, och alla nya planer skrivs eller ingen: en plan som
    inte går att läsa stoppar kommandot innan något skrivs.

    Slutstatus: 0 klart, 1 de nya planerna har fel, 2 inget skrevs.
    """
    source_year = from_year if from_year is not None else year - 1
    with handled():
        try:
            outcome = rollover.roll(
                plan_dir(config), year, source_year, dt.date.today(), dry_run=dry_run
            )
        except rollover.SourcesHaveErrors as err:  # the findings, then the refusal
            sources = {doc.display: doc.text for doc in err.planset.documents}
            echo(text_report.styled(err.findings, sources, len(err.planset.documents)))
            raise
    typer.echo(describe(outcome.rollover, dry_run))
    if outcome.checked is None:
        return
    new_files = {copy.target_display for copy in outcome.rollover.copies}
    if not outcome.findings:
        typer.echo(
            "De nya planerna validerar utan anmärkningar "
            f"({len(new_files)} {'fil' if len(new_files) == 1 else 'filer'})."
        )
        raise typer.Exit(EXIT_OK)
    sources = {doc.display: doc.text for doc in outcome.checked.planset.documents}
    echo(text_report.styled(outcome.findings, sources, len(new_files)))
    errors = any(f.level >= Level.ERROR for f in outcome.findings)
    raise typer.Exit(EXIT_FINDINGS if errors else EXIT_OK)


def describe(result: rollover.Rollover, dry_run: bool) -> str:
    """What was (or would be) carried over and what was left, plan by plan."""
    verb = "skulle skriva" if dry_run else "skrev"
    lines: list[str] = []
    for copy in result.copies:
        unit = "aktiviteter" if copy.kind == "aktivitetsplan" else "åtgärder"
        lines.append(f"{copy.title}: {verb} {copy.target_display} ur {copy.source_display}")
        lines.append(f"  förs över ({len(copy.carried)} {unit}): {_listing(copy.carried)}")
        if copy.kind == "handlingsplan" and copy.carried:
            lines.append('  status "ej rapporterad", rapporterna borttagna')
        lines.append(f"  lämnas ({len(copy.left)}): {_listing(copy.left)}")
        lines += [f"  {note}" for note in copy.notes]
    lines += [f"Följer inte med: {note}" for note in result.not_copied]
    return "\n".join(lines)


def _listing(items: list[str], limit: int = LIST_LIMIT) -> str:
    if not items:
        return "–"
    shown = ", ".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} … och {len(items) - limit} till"
