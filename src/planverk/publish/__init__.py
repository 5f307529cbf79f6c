"""Publishing: everything that turns checked plans into files for people.

The layer above render, diff and planning and below the command line: it loads, lets only
plans without errors through (:mod:`.gate`), runs the document rules, decides where output
may go (:mod:`.guard`) and writes all files or none (:mod:`.write`). Everything a command
writes goes through here, so a library user gets the same safety as the command line.
"""

from __future__ import annotations

from planverk.publish.gate import PlansHaveErrors, require_clean
from planverk.publish.guard import OutputRefused, check_output
from planverk.publish.write import write_outputs

__all__ = [
    "OutputRefused",
    "PlansHaveErrors",
    "check_output",
    "require_clean",
    "write_outputs",
]
