"""`planverk regler`: list every rule with its code, default level and summary."""

from __future__ import annotations

from typing import Annotated

import typer

from planverk.rules import RULES

NAME = "regler"


def command(
    markdown: Annotated[
        bool,
        typer.Option(
            "--markdown",
            help="Skriv hela regeldokumentationen som Markdown (det som står i docs/regler.md).",
        ),
    ] = False,
) -> None:
    """Lista reglerna: kod, namn, standardnivå och vad de kontrollerar."""
    if markdown:
        from planverk.rules.docs import markdown as page

        typer.echo(page(), nl=False)
        return
    for rule in RULES:
        level = rule.level.label if rule.level else "av"
        typer.echo(f"{rule.code}  {level:<8} {rule.name:<32} {rule.summary}")
