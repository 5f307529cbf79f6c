"""Pause the cyclic garbage collector while a plan set is loaded, checked or compared.

Loading builds millions of small dicts, lists and strings and no reference cycles, and the
diff's trees are many small linked objects. With the collector on, every few hundred
allocations it walks the young objects, and now and then all of them: loading 10 MB took
twice as long. Reference counting still frees everything that is dropped; only cycles wait
until the collector runs again. (The command line keeps it off altogether: see
planverk.cli.entry.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off, then restore it as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
