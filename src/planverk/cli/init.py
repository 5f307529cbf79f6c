"""`planverk init`: a new plan repository for a sjukvårdsregion."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import EXIT_FINDINGS, EXIT_OK, echo, fail
from planverk.core.atomic import write_atomic
from planverk.lint.validate import validate
from planverk.planning import scaffold
from planverk.report import text as text_report

NAME = "init"


def command(
    folder: Annotated[
        Path,
        typer.Argument(metavar="MAPP", help="Mappen att skapa (ny eller tom).", show_default=False),
    ],
    name: Annotated[
        str, typer.Option("--namn", help="Sjukvårdsregionens namn.")
    ] = scaffold.DEFAULT_NAME,
    region_id: Annotated[
        str, typer.Option("--id", help="Projektets id: gemener, siffror och bindestreck.")
    ] = scaffold.DEFAULT_ID,
    year: Annotated[
        int | None,
        typer.Option(
            "--år",
            help="Första året för verksamhetsplan och aktivitetsplan (standard: i år).",
            show_default=False,
        ),
    ] = None,
    repository: Annotated[
        str | None,
        typer.Option(
            "--planverk-repo",
            help="planverks git-förråd för pre-commit-kroken (standard: en lokal krok som kör "
            "det installerade planverk).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Skapa ett nytt planförråd med projektfil, verksamhetsplan och aktivitetsplan.

    Dessutom JSON-scheman, GitLab CI, GitHub Actions, pre-commit och README.

    Mappen måste vara ny eller tom.

    Slutstatus: 0 klart, 1 de nya planerna har fel, 2 mappen är inte tom eller fel i anrop.
    """
    if not scaffold.valid_id(region_id):
        fail(f"--id {region_id!r} är inget giltigt id", "Använd gemener, siffror och bindestreck.")
    if not name.strip():
        fail("--namn är tomt", "Ange sjukvårdsregionens namn, t.ex. --namn 'Sjukvårdsregion Norr'.")
    if folder.exists() and not folder.is_dir():
        fail(f"{folder} finns redan och är ingen mapp")
    if folder.is_dir() and any(folder.iterdir()):
        fail(
            f"{folder} är inte tom",
            "planverk init skriver bara i en ny eller tom mapp, så att inget skrivs över.",
        )
    options = scaffold.Options(name, region_id, year or dt.date.today().year, repository)
    written: list[Path] = []
    try:
        for relative, text in scaffold.files(options).items():
            path = folder / relative
            write_atomic(path, text.encode("utf-8"))
            written.append(path)
    except OSError as err:
        for path in written:
            with contextlib.suppress(OSError):
                os.unlink(path)
        fail(f"kan inte skriva i {folder}: {err.strerror or err}")
    for path in written:
        typer.echo(f"skrev {path}")
    result = validate(plan_dir=(folder / "plans").resolve())
    if result.findings:
        sources = {doc.display: doc.text for doc in result.planset.documents}
        echo(text_report.styled(result.findings, sources, result.files))
        raise typer.Exit(EXIT_FINDINGS if result.fails() else EXIT_OK)
    typer.echo(
        f"Klart: {result.files} planfiler validerar. Byt exemplen i {folder / 'plans'} "
        "mot er sjukvårdsregions egna och kör `planverk validate`."
    )
