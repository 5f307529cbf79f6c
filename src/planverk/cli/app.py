"""The `planverk` command: each subcommand lives in its own module and is registered here."""

from __future__ import annotations

import importlib
import os
import sys

import typer

from planverk import __version__
from planverk.cli.common import EXIT_INTERNAL

app = typer.Typer(
    name="planverk",
    help="Planer för en sjukvårdsregion som versionshanterad YAML: validera, jämför och "
    "skriv ut som Word.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planverk {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", help="Visa versionen och avsluta.", callback=_version, is_eager=True
    ),
) -> None:
    """Planer för en sjukvårdsregion som versionshanterad YAML."""


# One line per command: the module planverk.cli.<module> defines NAME and command().
COMMANDS = (
    "validate",
    "schema",
    "rules",
)

for _module_name in COMMANDS:
    _module = importlib.import_module(f"planverk.cli.{_module_name}")
    app.command(_module.NAME, help=_module.command.__doc__)(_module.command)


def main() -> None:
    """Entry point: run the app; an internal error is reported without a traceback."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("planverk: avbrutet", err=True)
        sys.exit(130)
    except Exception as err:  # a bug in planverk, not in the user's plans
        if os.environ.get("PLANVERK_DEBUG"):
            raise
        typer.echo(
            f"planverk: internt fel ({type(err).__name__}: {err}). Det är en bugg i planverk; "
            "kör igen med PLANVERK_DEBUG=1 och skicka utskriften till förvaltarna.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
