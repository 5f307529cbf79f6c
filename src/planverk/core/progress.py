"""What a long-running library call is doing right now, for whoever shows progress.

The library says what it does (``with phase("Läser planerna"):``, ``step(done, total)``) and
never prints; the command line installs a reporter (:func:`reporting`) that shows it on a
terminal (``planverk.cli.progress``). Without one, phases cost next to nothing. The reporter
is held in a context variable, so threads and nested calls need no parameter for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Protocol


class Reporter(Protocol):
    def begin(self, text: str) -> None:
        """A phase starts (phases nest: the innermost is shown)."""

    def end(self) -> None:
        """The innermost phase ended."""

    def step(self, done: int, total: int | None) -> None:
        """Progress inside the innermost phase."""


_REPORTER: ContextVar[Reporter | None] = ContextVar("planverk_progress", default=None)


@contextlib.contextmanager
def reporting(reporter: Reporter) -> Iterator[Reporter]:
    """Report the phases of everything run inside this block to ``reporter``."""
    token = _REPORTER.set(reporter)
    try:
        yield reporter
    finally:
        _REPORTER.reset(token)


@contextlib.contextmanager
def phase(text: str) -> Iterator[None]:
    """A phase of the work, in Swedish for the user ("Gör PDF med LibreOffice")."""
    reporter = _REPORTER.get()
    if reporter is None:
        yield
        return
    reporter.begin(text)
    try:
        yield
    finally:
        reporter.end()


def step(done: int, total: int | None = None) -> None:
    """``done`` of ``total`` units of the innermost phase are done."""
    reporter = _REPORTER.get()
    if reporter is not None:
        reporter.step(done, total)
