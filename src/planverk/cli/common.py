"""What every command shares: exit codes, the shared options, the plan-folder lookup, errors
to stderr, and coloured output."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from planverk.core.findings import Finding
    from planverk.lint.validate import Result

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def fail(message: str, hint: str | None = None, code: int = EXIT_USAGE) -> NoReturn:
    """Print a user-facing error (no traceback) and exit."""
    text = f"planverk: fel: {message}"
    if hint:
        text += f"\n  tips: {hint}"
    typer.echo(text, err=True)
    raise typer.Exit(code)


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="Projektfilen (plans/planverk.yaml) att utgå från.",
        show_default=False,
    ),
]


def plan_dir(config: Path | None) -> Path:
    """The plan folder: the one ``--config`` names, else found from the working folder."""
    from planverk.loading.planset import find_plan_dir

    return find_plan_dir(config or Path.cwd())


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Run a library call the way every command does: a UserError becomes its Swedish
    message and exit code 2; plans with errors print their findings and exit 1."""
    from planverk.core.errors import UserError
    from planverk.publish.gate import PlansHaveErrors

    try:
        yield
    except UserError as err:
        fail(err.message, err.hint)
    except PlansHaveErrors as err:
        print_findings(err.result)
        typer.echo("planverk: fel: planerna har fel; inget dokument skrevs.", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None


def print_findings(result: Result) -> None:
    """The findings of ``result`` as text, with their source lines, on stdout."""
    from planverk.report.text import styled

    sources = {doc.display: doc.text for doc in result.planset.documents}
    echo(styled(result.findings, sources, result.files))


def warn_findings(findings: Sequence[Finding], result: Result) -> None:
    """Warnings on the way (from the document rules) as text on stderr."""
    if findings:
        typer.echo(printable(_text(findings, result)), err=True)


def _text(findings: Sequence[Finding], result: Result) -> str:
    from planverk.report import FORMATS

    sources = {doc.display: doc.text for doc in result.planset.documents}
    return FORMATS["text"](findings, sources, result.files)


def parse_date(text: str | None, option: str = "--datum") -> dt.date | None:
    """A ÅÅÅÅ-MM-DD option value (None when not given); a usage error otherwise."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(
            f"{option} {text!r} är inte ett datum",
            "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2025-09-15.",
        )


def use_color(stream: object = None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


# The text report's segment styles (planverk.report.text) as terminal colours.
_STYLES = {
    "fel": "bold red",
    "varning": "bold yellow",
    "info": "bold blue",
    "markering": "bold red",
    "tips": "bold cyan",
}


def printable(text: str) -> str:
    """``text`` with control characters made visible, so a plan can never drive the terminal."""
    from planverk.core.chars import visible

    return visible(text)


def echo(text: str | Sequence[tuple[str, str | None]]) -> None:
    """Print text, or the styled segments of a report; on a terminal the segments get their
    colours (rich, imported lazily). Control characters are always made visible."""
    segments = [(text, None)] if isinstance(text, str) else text
    if not use_color():
        typer.echo(printable("".join(part for part, _ in segments)))
        return
    from rich.console import Console
    from rich.text import Text

    styled = Text()
    for part, style in segments:
        styled.append(printable(part), style=_STYLES.get(style or "", ""))
    Console(highlight=False, soft_wrap=True).print(styled)
