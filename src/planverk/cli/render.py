"""`planverk render`: the plans as Word documents (or Markdown, HTML, PDF) for the board."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import EXIT_FINDINGS, echo, fail
from planverk.core.findings import Level
from planverk.loading.planset import PlanSet, PlanSetNotFound, display_path, find_plan_dir

NAME = "render"


class KindOption(StrEnum):
    aktivitetsplan = "aktivitetsplan"
    handlingsplan = "handlingsplan"
    verksamhetsplan = "verksamhetsplan"
    uppfoljning = "uppfoljning"


class FormatOption(StrEnum):
    docx = "docx"
    md = "md"
    html = "html"
    pdf = "pdf"


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
            help="Dokument: aktivitetsplan, handlingsplan, verksamhetsplan eller uppfoljning.",
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
            help="docx (standard), md, html eller pdf (kräver LibreOffice).",
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
            help="För uppfoljning: dagen läget gäller, ÅÅÅÅ-MM-DD (standard: i dag).",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            help="Projektfilen (plans/planverk.yaml) att utgå från.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Skriv planerna som Word-dokument (eller md, html, pdf) att fatta beslut om.

    Planerna valideras först; med fel skrivs inget (slutstatus 1). Sökvägen till det
    skrivna dokumentet skrivs ut.
    """
    from planverk.core.atomic import write_atomic
    from planverk.lint.validate import check
    from planverk.render import (
        RenderError,
        dokumentmall_path,
        render_target,
        select,
        template_dir_for,
    )
    from planverk.render.outputs import check_output, default_path, format_for
    from planverk.render.targets import Kind
    from planverk.report import FORMATS

    if dokumentmall is not None and not dokumentmall.is_file():
        fail(f"dokumentmallen {dokumentmall} finns inte", "Ange en .docx- eller .dotx-fil.")
    try:
        plan_dir = find_plan_dir(config or Path.cwd())
    except PlanSetNotFound as err:
        fail(str(err), "Kör kommandot i planförrådet, eller ange --config plans/planverk.yaml.")
    from planverk.loading.planset import load_plan_dir

    planset = load_plan_dir(plan_dir)
    result = check(planset)
    sources = {doc.display: doc.text for doc in planset.documents}
    if result.fails(Level.ERROR):
        echo(FORMATS["text"](result.findings, sources, result.files))
        typer.echo("planverk: fel: planerna har fel; inget dokument skrevs.", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    fmt = (output_format.value if output_format else None) or format_for(output) or "docx"
    if kind is KindOption.uppfoljning:
        _follow_up(planset, year, datum, fmt, output, templates, dokumentmall)
        return
    try:
        targets = select(planset, Kind(kind.value), year, plan)
        if output is not None and len(targets) > 1:
            ids = ", ".join(t.plan.plan.id for t in targets)
            fail(
                f"{len(targets)} handlingsplaner gäller {year}, men -o anger en enda fil",
                f"Välj en med --plan ({ids}), eller utelämna -o.",
            )
        folder = template_dir_for(planset, templates)
        mall = dokumentmall_path(planset, folder, dokumentmall)
        for target in targets:
            path = output or default_path(planset, target.stem, fmt)
            check_output(
                path,
                fmt,
                planset,
                template_dir=folder,
                dokumentmall=mall,
                explicit=output is not None,
            )
            rendered = render_target(planset, target, fmt, folder, mall)
            if rendered.warnings:
                typer.echo(FORMATS["text"](rendered.warnings, sources, result.files), err=True)
            try:
                write_atomic(path, rendered.data)
            except OSError as err:
                fail(f"kan inte skriva {path}: {err.strerror or err}")
            typer.echo(display_path(path.resolve()))
    except RenderError as err:
        fail(err.message, err.hint)


def _follow_up(
    planset: PlanSet,
    year: int | None,
    datum: str | None,
    fmt: str,
    output: Path | None,
    templates: Path | None,
    dokumentmall: Path | None,
) -> None:
    """`render ÅR --kind uppfoljning`: the follow-up report (planverk.planning.followup_doc)."""
    from planverk.cli.status import parse_date
    from planverk.core.atomic import write_atomic
    from planverk.planning.followup_doc import render_followup
    from planverk.render import RenderError, dokumentmall_path, template_dir_for
    from planverk.render.outputs import check_output, default_path

    on = parse_date(datum)
    try:
        folder = template_dir_for(planset, templates)
        mall = dokumentmall_path(planset, folder, dokumentmall)
        path = output or default_path(planset, f"uppfoljning-{year or on.year}", fmt)
        check_output(
            path, fmt, planset, template_dir=folder, dokumentmall=mall, explicit=output is not None
        )
        document = render_followup(planset, year or on.year, on, fmt, templates, dokumentmall)
    except RenderError as err:
        fail(err.message, err.hint)
    try:
        write_atomic(path, document.data)
    except OSError as err:
        fail(f"kan inte skriva {path}: {err.strerror or err}")
    typer.echo(display_path(path.resolve()))
