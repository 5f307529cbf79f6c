"""What every command shares: exit codes, errors to stderr, and coloured output."""

from __future__ import annotations

import os
import re
import sys
from typing import NoReturn

import typer

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


def use_color(stream: object = None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_STYLES = (
    (re.compile(r"(?<=: )(PV\d{3} fel)(?=:)"), "bold red"),
    (re.compile(r"(?<=: )(PV\d{3} varning)(?=:)"), "bold yellow"),
    (re.compile(r"(?<=: )(PV\d{3} info)(?=:)"), "bold blue"),
    (re.compile(r"^\s+\| +\^+$", re.MULTILINE), "bold red"),
    (re.compile(r"= tips:"), "bold cyan"),
)


# Control characters a plan file may hold (pasted from Excel, or an escape sequence) shown
# as visible symbols, one character for one so the carets under a source line stay put:
# U+240B for a vertical tab, U+241B for ESC, U+FFFD for C1 controls. Tab and newline stay.
_VISIBLE = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},
    0x7F: 0x2421,
    **{code: 0xFFFD for code in range(0x80, 0xA0)},
}


def printable(text: str) -> str:
    """``text`` with control characters made visible, so a plan can never drive the terminal."""
    return text.translate(_VISIBLE)


def echo(text: str) -> None:
    """Print text; on a terminal, colour the level words and carets (rich, imported lazily)."""
    text = printable(text)
    if not use_color():
        typer.echo(text)
        return
    from rich.console import Console
    from rich.text import Text

    styled = Text(text)
    for pattern, style in _STYLES:
        for match in pattern.finditer(text):
            styled.stylize(style, match.start(), match.end())
    Console(highlight=False, soft_wrap=True).print(styled)
