"""The `planverk` console script: the process runs with the cyclic garbage collector off.

Reference counting frees everything planverk lets go of; the cyclic collector only finds
reference cycles, and planverk's data (plain dicts and lists, frozen models, findings, the
documents being written) has next to none. Measured on the bench corpora (bench/README.md),
the collector finds fewer than a thousand objects in any command while it walks millions
again and again: with it off, `planverk validate` on 50 000 activities took 4,6 s instead
of 5,0 s, rendering a handlingsplan of 5 000 rows 1,35 s instead of 1,6 s, and peak memory
was the same to within 1 MB in every command measured.

This holds for the command line, a process that ends when the command does. Used as a
library, planverk leaves the collector alone except while it loads and checks a plan set
(planverk.core.gcpause).
"""

from __future__ import annotations

import gc
import os


def main() -> None:
    """Run `planverk` from the command line."""
    gc.disable()
    # Pydantic looks for plugins in every installed package's metadata when the first model
    # is built, and loads them: in a shared environment, logfire's plugin alone adds some
    # 110 ms to every run (pydantic/logfire#2343). The plan models want none; Typer turns
    # them off for its own adapters too.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from planverk.cli.app import main as run

    run()
