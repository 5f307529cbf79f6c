"""`planverk webb`: the plans as a static, accessible website."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import ConfigOption, handled, parse_date, plan_dir, warn_findings

NAME = "webb"


def command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--ut",
            "-o",
            help="Mappen att skriva webbplatsen i (standard: build/webb). En befintlig mapp "
            "ersätts bara om den är tom eller en webbplats från planverk.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--år",
            help="Året som är aktuellt (standard: året för den senaste aktivitetsplanen).",
            show_default=False,
        ),
    ] = None,
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum",
            help="Dagen läget gäller, ÅÅÅÅ-MM-DD (standard: den senaste rapportens datum).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--sedan",
            help="Git-revisionen för senaste beslutade version, t.ex. v2025-beslut "
            "(standard: den senaste taggen, om planerna ligger i git).",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--mallar",
            help="Mappen med mallarna (standard: templates/); webbplatsens ligger i webb/.",
            show_default=False,
        ),
    ] = None,
    no_pdf: Annotated[
        bool,
        typer.Option("--utan-pdf", help="Gör dokumenten bara som Word, inte som PDF."),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Skriv planerna som en webbplats: statiska sidor som fungerar från en filresurs, från
    file:// och från vilken webbserver som helst (GitLab Pages, GitHub Pages).

    Planerna valideras först; med fel skrivs inget (slutstatus 1). Webbplatsen byggs i en
    mapp bredvid och byts in när allt är skrivet, så ett fel lämnar den gamla orörd.
    """
    from planverk.loading.planset import display_path
    from planverk.web import SiteRequest, build_site

    request = SiteRequest(
        output=output,
        year=year,
        on=parse_date(datum),
        since=since,
        templates=templates,
        pdf=False if no_pdf else None,
    )
    with handled():
        built = build_site(plan_dir(config), request)
    warn_findings(built.warnings, built.checked)
    megabytes = f"{built.bytes / 1e6:.1f}".replace(".", ",")
    pdf = "" if built.pdf else " (utan PDF)"
    typer.echo(
        f"Skrev {built.pages} sidor, {built.files} filer, {megabytes} MB{pdf} i "
        f"{display_path(built.folder.resolve())}",
        err=True,
    )
    typer.echo(display_path((built.folder / "index.html").resolve()))
