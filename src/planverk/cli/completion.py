"""Tab completion in bash, zsh and fish, through Typer's completion classes.

A shell asks for completions by running ``planverk`` with ``_PLANVERK_COMPLETE`` set
(``source_bash`` prints the script to put in ``~/.bashrc``; ``complete_bash`` answers one
request). The app is built without Typer's ``--install-completion`` options (their help is
English), so the shells are registered here when the variable is set. Click's spelling
(``bash_source``) is accepted too.
"""

from __future__ import annotations

import os

VARIABLE = "_PLANVERK_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


def enable() -> bool:
    """Prepare completion when a shell asks for it; whether it did."""
    instruction = os.environ.get(VARIABLE)
    if not instruction:
        return False
    first, _, second = instruction.partition("_")
    if first in SHELLS:  # Click's order, shell first: bash_source -> source_bash
        os.environ[VARIABLE] = f"{second}_{first}"
    # Typer's own completion classes (bash, zsh, fish, PowerShell), registered the way
    # Typer's --install-completion option registers them. tests/test_completion.py breaks
    # when this changes.
    import typer.completion

    typer.completion.get_completion_inspect_parameters()  # registers the shells
    return True
