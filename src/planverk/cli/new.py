"""`planverk new`: the next plans made from the current ones (next year's aktivitetsplan and
handlingsplaner, or the next period's verksamhetsplan)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

import typer

from planverk.cli.common import EXIT_FINDINGS, EXIT_OK, ConfigOption, echo, handled, plan_dir
from planverk.planning import rollover
from planverk.report import text as text_report

NAME = "new"
LIST_LIMIT = 30  # ids listed per plan before "… och N till"


class KindOption(StrEnum):
    aktivitetsplan = "aktivitetsplan"
    handlingsplan = "handlingsplan"
    verksamhetsplan = "verksamhetsplan"


def command(
    target: Annotated[
        str,
        typer.Argument(
            metavar="ÅR_ELLER_PERIOD",
            help="Det nya året (2026) eller, för en verksamhetsplan, den nya perioden (2024-2025).",
            show_default=False,
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Året eller perioden att utgå från (standard: året före, eller "
            "verksamhetsplanen som slutar året före).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        KindOption | None,
        typer.Option(
            "--kind",
            "-k",
            help="Vilka planer som görs (standard: aktivitetsplanen och handlingsplanerna för "
            "ett år, verksamhetsplanen för en period).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Skriv inget; visa vad som skulle föras över.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Skapa nästa års planer, eller nästa periods verksamhetsplan, ur de nuvarande.

    Exempel: `planverk new 2026` (aktivitetsplanen och handlingsplanerna för 2026 ur 2025),
    `planverk new 2024-2025 --from 2022-2023 --kind verksamhetsplan`.

    Aktiviteter och åtgärder som inte är avslutade följer med med sina id. Åtgärdernas status
    blir "ej rapporterad"; rapporter och beslut tas bort. En verksamhetsplan följer med hel,
    utan beslut. Kommentarer står kvar. Levande handlingsplaner kopieras inte.

    Varje text som fortfarande nämner ett år i den förra perioden visas som en varning
    (PV331). En befintlig fil skrivs aldrig över.

    Slutstatus: 0 klart, 1 de nya planerna har fel, 2 inget skrevs.
    """
    request = rollover.NewRequest(target, source, kind.value if kind is not None else None)
    with handled():
        try:
            result = rollover.run(plan_dir(config), request, dt.date.today(), dry_run=dry_run)
        except rollover.SourcesHaveErrors as err:  # the findings, then the refusal
            sources = {doc.display: doc.text for doc in err.planset.documents}
            echo(text_report.styled(err.findings, sources, len(err.planset.documents)))
            raise
    typer.echo(describe(result.rollover, dry_run))
    if dry_run:
        return
    files = len(result.new_files)
    if not result.findings:
        noun = "fil" if files == 1 else "filer"
        typer.echo(f"De nya planerna validerar utan anmärkningar ({files} {noun}).")
        raise typer.Exit(EXIT_OK)
    years = len(result.year_warnings)
    if years:
        texts = "text nämner" if years == 1 else "texter nämner"
        typer.echo(f"{years} {texts} ett år i den förra perioden; skriv om dem för den nya:")
    echo(text_report.styled(result.findings, result.sources, files))
    raise typer.Exit(EXIT_FINDINGS if result.has_errors else EXIT_OK)


_UNITS = {"aktivitetsplan": "aktiviteter", "handlingsplan": "åtgärder"}


def describe(result: rollover.Rollover, dry_run: bool) -> str:
    """What was (or would be) carried over and what was left, plan by plan."""
    verb = "skulle skriva" if dry_run else "skrev"
    lines: list[str] = []
    for copy in result.copies:
        unit = _UNITS.get(copy.kind, "paragrafer och mål")
        lines.append(f"{copy.title}: {verb} {copy.target_display} ur {copy.source_display}")
        lines.append(f"  förs över ({len(copy.carried)} {unit}): {_listing(copy.carried)}")
        if copy.kind == "handlingsplan" and copy.carried:
            lines.append('  status "ej rapporterad", rapporterna borttagna')
        if copy.kind != "verksamhetsplan" or copy.left:
            lines.append(f"  lämnas ({len(copy.left)}): {_listing(copy.left)}")
        lines += [f"  {note}" for note in copy.notes]
    lines += [f"Följer inte med: {note}" for note in result.not_copied]
    return "\n".join(lines)


def _listing(items: list[str], limit: int = LIST_LIMIT) -> str:
    if not items:
        return "–"
    shown = ", ".join(items[:limit])
    return shown if len(items) <= limit else f"{shown} … och {len(items) - limit} till"
