"""`planverk init`: a new plan repository for a sjukvårdsregion."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import EXIT_FINDINGS, EXIT_OK, echo, fail, handled
from planverk.planning import scaffold
from planverk.publish.repository import create_repository
from planverk.report import text as text_report

NAME = "init"
FIRST_YEAR, LAST_YEAR = 1900, 2200  # the years a plan may have (planverk.model)


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
    regions: Annotated[
        list[str] | None,
        typer.Option(
            "--region",
            metavar="ID=NAMN",
            help="En region i sjukvårdsregionen, t.ex. --region kalmar='Region Kalmar län' "
            "(en gång per region; standard: platshållare).",
            show_default=False,
        ),
    ] = None,
    repository: Annotated[
        str | None,
        typer.Option(
            "--planverk-repo",
            help="Regionens kopia av planverks git-förråd, som CI installerar planverk från "
            "och pre-commit-kroken använder (standard: en platshållare i CI och en lokal krok).",
            show_default=False,
        ),
    ] = None,
    revision: Annotated[
        str | None,
        typer.Option(
            "--planverk-rev",
            help="Incheckningen (eller taggen) i det förrådet som CI och pre-commit använder "
            "(standard: en platshållare).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Skapa ett nytt planförråd med projektfil, verksamhetsplan och aktivitetsplan.

    Dessutom JSON-scheman, GitLab CI, GitHub Actions, pre-commit och README; mappen blir
    ett git-förråd (git init) när git finns. Det bara regionen vet (namn, regioner, var
    regionens kopia av planverk finns) ges som flaggor eller blir platshållare.

    Mappen måste vara ny eller tom, och inte ligga i en planmapp.

    Slutstatus: 0 klart, 1 de nya planerna har fel, 2 mappen är inte tom eller fel i anrop.
    """
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        fail(
            f"--år {year}: året ska vara mellan {FIRST_YEAR} och {LAST_YEAR}",
            "Ange det första året för planerna, t.ex. --år 2026, eller utelämna flaggan för i år.",
        )
    options = scaffold.Options(
        name,
        region_id,
        year if year is not None else dt.date.today().year,
        repository,
        revision,
        tuple(_region(item) for item in regions or []),
    )
    with handled():
        created = create_repository(folder, options)
    for path in created.paths:
        typer.echo(f"skrev {path}")
    if created.git:
        typer.echo(f"{folder} är ett nytt git-förråd (git init); checka in filerna med git commit.")
    else:
        typer.echo(
            f"git finns inte: kör `git init` i {folder} när git är installerat "
            "(pre-commit och `planverk diff --since` behöver ett git-förråd).",
            err=True,
        )
    result = created.checked
    if result.findings:
        sources = {doc.display: doc.text for doc in result.planset.documents}
        echo(text_report.styled(result.findings, sources, result.files))
        if result.fails():
            raise typer.Exit(EXIT_FINDINGS)
        typer.echo(
            f"Byt platshållarna (TODO:) i {folder / 'plans'} mot er sjukvårdsregions egna "
            "texter och kör `planverk validate`."
        )
        raise typer.Exit(EXIT_OK)
    typer.echo(
        f"Klart: {result.files} planfiler validerar. Byt exemplen i {folder / 'plans'} "
        "mot er sjukvårdsregions egna och kör `planverk validate`."
    )


def _region(item: str) -> tuple[str, str]:
    region_id, equals, region_name = item.partition("=")
    if not equals:
        fail(f"--region {item!r}: ange id=namn", "T.ex. --region kalmar='Region Kalmar län'.")
    return region_id.strip(), region_name.strip()
