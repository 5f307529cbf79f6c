"""`planverk validate`: check the plans like code."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import EXIT_FINDINGS, EXIT_OK, echo, fail, handled, print_findings
from planverk.core.findings import Level
from planverk.lint.config import parse_overrides
from planverk.lint.validate import validate
from planverk.loading.planset import find_plan_dir
from planverk.report import FORMATS


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


class FailLevel(StrEnum):
    fel = "fel"
    varning = "varning"
    info = "info"


NAME = "validate"


def command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="SÖKVÄG",
            help="Filer eller mappar att rapportera om (standard: hela planmappen).",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="Projektfilen (plans/planverk.yaml) att utgå från."),
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Utdata: text, json, github eller gitlab.")
    ] = Format.text,
    fail_level: Annotated[
        FailLevel,
        typer.Option("--fail-level", help="Lägsta nivå som ger slutstatus 1."),
    ] = FailLevel.fel,
    rule: Annotated[
        list[str] | None,
        typer.Option(
            "--regel",
            metavar="KOD=NIVÅ",
            help="Ställ om en regel för körningen, t.ex. PV204=varning.",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Bara fynden: ingen sammanfattning."),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Dessutom vilka filer som lästes och hur lång tid det tog."
        ),
    ] = False,
) -> None:
    """Kontrollera planerna: schema, korsreferenser och innehåll.

    Slutstatus: 0 inga fel, 1 fynd på eller över --fail-level, 2 fel i anrop eller filer.
    """
    for path in paths or []:
        if not path.exists():
            fail(f"{path} finns inte")
    started = time.perf_counter()
    with handled():
        overrides = parse_overrides(rule or [])
        plan_dir = find_plan_dir(config) if config else None
        result = validate(paths or [], plan_dir=plan_dir, overrides=overrides)
    if output_format is Format.text and quiet:
        from planverk.report.text import styled

        sources = {doc.display: doc.text for doc in result.planset.documents}
        segments = styled(result.findings, sources, result.files)[:-2]  # without the summary
        if segments:
            echo(segments)
    elif output_format is Format.text:
        print_findings(result)
    else:
        sources = {doc.display: doc.text for doc in result.planset.documents}
        typer.echo(FORMATS[output_format.value](result.findings, sources, result.files))
    if verbose:
        for doc in result.planset.documents:
            typer.echo(f"planverk: läste {doc.display}", err=True)
        typer.echo(
            f"planverk: {result.files} filer i {result.planset.plan_dir} på "
            f"{time.perf_counter() - started:.2f} s".replace(".", ",", 1),
            err=True,
        )
    raise typer.Exit(EXIT_FINDINGS if result.fails(Level.parse(fail_level.value)) else EXIT_OK)
