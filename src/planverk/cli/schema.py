"""`planverk schema`: write the JSON Schema of each plan kind."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planverk.cli.common import EXIT_FINDINGS, handled
from planverk.model.jsonschema import stale

NAME = "schema"


def command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Mappen att skriva till.")] = Path(
        "schemas"
    ),
    check: Annotated[
        bool, typer.Option("--check", help="Skriv inget; slutstatus 1 om schemana är inaktuella.")
    ] = False,
) -> None:
    """Skriv JSON-schemat för varje plantyp (för editorer och andra verktyg)."""
    if check:
        outdated = stale(out)
        for name in outdated:
            typer.echo(f"{out / name}: inaktuellt – kör `planverk schema`")
        raise typer.Exit(EXIT_FINDINGS if outdated else 0)
    from planverk.publish.schemas import write_schemas

    with handled():
        written = write_schemas(out)
    for path in written:
        typer.echo(f"skrev {path}")
