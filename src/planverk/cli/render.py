"""`planverk render`: the plans as Word documents (or Markdown, HTML, PDF, slides)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import ConfigOption, fail, handled, parse_date, plan_dir, warn_findings

NAME = "render"


class KindOption(StrEnum):
    aktivitetsplan = "aktivitetsplan"
    handlingsplan = "handlingsplan"
    verksamhetsplan = "verksamhetsplan"
    uppfoljning = "uppfoljning"
    uppföljning = "uppföljning"  # as it is spelt; the same document


class FormatOption(StrEnum):
    docx = "docx"
    md = "md"
    html = "html"
    pdf = "pdf"
    pptx = "pptx"


def command(
    year: Annotated[
        int | None,
        typer.Argument(
            metavar="ÅR",
            help="Året, t.ex. 2025 (behövs inte för en levande handlingsplan).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        KindOption,
        typer.Option(
            "--kind",
            "--typ",
            "-k",
            help="Dokument: aktivitetsplan, handlingsplan, verksamhetsplan eller uppföljning "
            "(även uppfoljning).",
        ),
    ] = KindOption.aktivitetsplan,
    plan: Annotated[
        str | None,
        typer.Option(
            "--plan",
            "-p",
            help="Planens id (eller filnamn utan .yaml), t.ex. en levande handlingsplan.",
        ),
    ] = None,
    output_format: Annotated[
        FormatOption | None,
        typer.Option(
            "--format",
            "-f",
            help="docx (standard), md, html, pdf (kräver LibreOffice) eller pptx (bildspel, "
            "för handlingsplaner).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Filen att skriva (standard: build/<dokument>.<format>).",
            show_default=False,
        ),
    ] = None,
    dokumentmall: Annotated[
        Path | None,
        typer.Option(
            "--dokumentmall",
            help="Regionens Word-mall (.docx eller .dotx) som ger utseendet.",
            show_default=False,
        ),
    ] = None,
    powerpointmall: Annotated[
        Path | None,
        typer.Option(
            "--powerpointmall",
            help="Regionens PowerPoint-mall (.pptx eller .potx) för -f pptx.",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--mallar", help="Mappen med Jinja-mallarna (standard: templates/).", show_default=False
        ),
    ] = None,
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum",
            help="För uppfoljning: dagen läget gäller, ÅÅÅÅ-MM-DD (standard: dagen för den "
            "senaste rapporten).",
            show_default=False,
        ),
    ] = None,
    timeout: Annotated[
        int | None,
        typer.Option(
            "--tidsgräns",
            help="Sekunder som LibreOffice får för varje körning (pdf, sidnummer). Standard: "
            "växer med dokumentet, eller PLANVERK_TIDSGRANS.",
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Skriv planerna som Word-dokument (eller md, html, pdf, pptx) att fatta beslut om.

    Planerna valideras först; med fel skrivs inget (slutstatus 1). Sökvägen till det
    skrivna dokumentet skrivs ut.
    """
    from planverk.loading.planset import display_path
    from planverk.publish.documents import RenderRequest, render_documents

    request = RenderRequest(
        kind=KindOption.uppfoljning.value if kind is KindOption.uppföljning else kind.value,
        year=year,
        plan=plan,
        fmt=output_format.value if output_format else None,
        output=output,
        dokumentmall=dokumentmall,
        powerpointmall=powerpointmall,
        templates=templates,
        on=parse_date(datum),
        timeout=float(timeout) if timeout is not None else None,
    )
    if timeout is not None and timeout <= 0:
        fail(f"--tidsgräns {timeout} är ingen tid", "Ange antal sekunder, t.ex. --tidsgräns 900.")
    from planverk.cli.progress import shown

    with handled(), shown():
        published = render_documents(plan_dir(config), request)
    warn_findings(published.warnings, published.checked)
    for path in published.paths:
        typer.echo(display_path(path.resolve()))
