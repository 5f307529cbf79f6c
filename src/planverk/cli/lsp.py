"""`planverk lsp`: the language server for editors."""

from __future__ import annotations

from typing import Annotated

import typer

NAME = "lsp"


def command(
    stdio: Annotated[
        bool,
        typer.Option(
            "--stdio",
            help="Tala över stdin och stdout (så gör servern alltid; editorer skickar flaggan).",
            show_default=False,
        ),
    ] = True,
) -> None:
    """Starta språkservern för editorer (Language Server Protocol): fynd medan du skriver,
    komplettering, gå till definition, hänvisningar och säkra namnbyten.

    Editorn startar kommandot själv; se README för VS Code, Neovim och Helix.
    """
    from planverk.lsp.server import serve

    serve()
