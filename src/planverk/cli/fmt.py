"""`planverk fmt`: rewrite plan files in the canonical layout, or check that they are."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import EXIT_FINDINGS, EXIT_OK, echo, fail
from planverk.loading.planset import PlanSetNotFound, find_plan_dir

NAME = "fmt"


def command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="SÖKVÄG",
            help="Planfiler eller mappar att formatera (standard: hela planmappen).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Skriv inget; lista filerna som skulle formateras om och avsluta med 1 om "
            "det finns några (för CI).",
        ),
    ] = False,
) -> None:
    """Formatera planfilerna i en enhetlig layout; kommentarer, ordning och citattecken behålls.

    Filerna skrivs om på plats (atomiskt), och kommandot säger vilka.

    En fil som inte går att läsa som YAML lämnas orörd, och felet visas.

    Slutstatus: 0 klart, 1 filer lämnade orörda (med --check: filer att formatera), 2 fel i anrop.
    """
    from planverk.edit.canonical import Status, format_files
    from planverk.report.text import styled

    for path in paths or []:
        if not path.exists() and not path.is_symlink():
            fail(f"{path} finns inte")
        if path.is_dir():
            _inside_plan_folder(path)
        elif path.suffix not in (".yaml", ".yml"):
            fail(f"{path} är ingen planfil (.yaml)", "planverk fmt formaterar bara YAML-filer.")
        else:
            _inside_plan_folder(path.parent, named=path)
    try:
        targets = paths or [find_plan_dir(Path.cwd())]
    except PlanSetNotFound as err:
        fail(str(err), "Kör kommandot i planförrådet, eller ange filerna att formatera.")

    report = format_files(targets, write=not check)
    for outcome in report.outcomes:
        if outcome.status is Status.CHANGED:
            if check:
                typer.echo(f"{outcome.display}: behöver formateras (kör `planverk fmt`)")
            else:
                typer.echo(f"formaterade {outcome.display}")
        elif outcome.refused:
            if outcome.findings:
                sources = {outcome.display: outcome.text} if outcome.text is not None else {}
                echo(styled(outcome.findings, sources, 1)[:-2])  # no summary
            reason = outcome.problem or "filen går inte att läsa"
            typer.echo(f"{outcome.display}: lämnas orörd: {reason}", err=True)
    changed = report.with_status(Status.CHANGED)
    refused = report.with_status(Status.REFUSED)
    total = len(report.outcomes)
    typer.echo(_summary(total, len(changed), len(refused), check))
    raise typer.Exit(EXIT_FINDINGS if refused or (check and changed) else EXIT_OK)


def _inside_plan_folder(folder: Path, named: Path | None = None) -> None:
    """A folder is searched for YAML, and a file named is rewritten, only inside the plan
    folder: other YAML in the repository or elsewhere (CI settings, tool configuration, a
    copy in the downloads folder) is not planverk's to rewrite."""
    try:
        plan_dir = find_plan_dir(folder)
    except PlanSetNotFound:
        plan_dir = None
    if plan_dir is None or not folder.resolve().is_relative_to(plan_dir.resolve()):
        if named is not None:
            fail(
                f"vägrar formatera {named}: filen ligger inte i en planmapp (plans/)",
                "planverk fmt skriver bara om planfiler i planmappen; flytta filen dit, eller "
                "kör planverk fmt i planförrådet.",
            )
        fail(
            f"{folder} är ingen planmapp",
            "Ange planmappen (plans/), en mapp i den, eller planfilerna att formatera.",
        )


def _summary(total: int, changed: int, refused: int, check: bool) -> str:
    noun = "fil" if total == 1 else "filer"
    parts: list[str] = []
    if check:
        parts.append(f"{total - changed - refused} av {total} {noun} i kanonisk form")
    else:
        parts.append(f"{changed} formaterade, {total - changed - refused} redan i kanonisk form")
    if refused:
        parts.append(f"{refused} lämnade orörda")
    return ", ".join(parts) + "."
