"""The `planverk` console script: start-up runs with the cyclic garbage collector paused.

Importing Typer, Pydantic and a command's modules, and building the plan models' validators,
allocates a few hundred thousand objects that live until the process ends. With the
collector on, it walks them over and over: about a tenth of `planverk validate`'s time on
the shipped plans (bench/README.md). The collector is turned back on by `resume()`, which
the app calls as soon as a command starts running.
"""

from __future__ import annotations

import gc
import os

_paused = False


def main() -> None:
    """Run `planverk` from the command line."""
    global _paused
    # Pydantic looks for plugins in every installed package's metadata when the first model
    # is built; the plan models want none (Typer turns them off for its own adapters too).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if gc.isenabled():
        gc.disable()
        _paused = True
    from planverk.cli.app import main as run

    run()


def resume() -> None:
    """Turn the collector back on if start-up turned it off."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
