"""Progress on stderr for commands that can take a while (render, diff).

Nothing shows for work done within :data:`DELAY` seconds. After that, on a terminal, a rich
spinner shows the current phase (``planverk.core.progress``) and the seconds so far, and
disappears when the command ends; in a pipe or a CI log exactly one line is written ("arbetar:
<phase> …"), so a long LibreOffice run is not silent and the log is not flooded.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator
from typing import IO, Any

from planverk.core.progress import reporting

DELAY = 1.0


class StderrProgress:
    """A :class:`planverk.core.progress.Reporter` that shows itself after :data:`DELAY`."""

    def __init__(self, stream: IO[str], *, delay: float = DELAY) -> None:
        self.stream = stream
        isatty = getattr(stream, "isatty", None)
        self.tty = bool(isatty and isatty())
        self.started = time.monotonic()
        self.phases: list[str] = []
        self.counts: tuple[int, int | None] | None = None
        self._lock = threading.Lock()
        self._live: Any = None
        self._line_written = False
        self._closed = False
        self._timer = threading.Timer(delay, self._show)
        self._timer.daemon = True
        self._timer.start()

    # -- Reporter ----------------------------------------------------------------------

    def begin(self, text: str) -> None:
        with self._lock:
            self.phases.append(text)
            self.counts = None
        self._refresh()

    def end(self) -> None:
        with self._lock:
            if self.phases:
                self.phases.pop()
            self.counts = None
        self._refresh()

    def step(self, done: int, total: int | None) -> None:
        with self._lock:
            self.counts = (done, total)
        self._refresh()

    # -- showing -----------------------------------------------------------------------

    def text(self) -> str:
        phase = self.phases[-1] if self.phases else "Arbetar"
        if self.counts is not None:
            done, total = self.counts
            phase += f" ({done} av {total})" if total else f" ({done})"
        return phase

    def _show(self) -> None:
        with self._lock:
            if self._closed:
                return
            if not self.tty:
                if not self._line_written:
                    self._line_written = True
                    self.stream.write(f"planverk: arbetar: {self.text()} …\n")
                    self.stream.flush()
                return
            from rich.console import Console
            from rich.live import Live

            console = Console(file=self.stream, highlight=False)
            self._live = Live(
                console=console,
                transient=True,
                refresh_per_second=4,
                get_renderable=self._renderable,
            )
            self._live.start()

    def _renderable(self) -> Any:
        from rich.spinner import Spinner

        seconds = int(time.monotonic() - self.started)
        return Spinner("dots", text=f"{self.text()} … {seconds} s")

    def _refresh(self) -> None:
        live = self._live
        if live is not None:
            live.refresh()

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._closed = True
            live, self._live = self._live, None
        if live is not None:
            live.stop()


@contextlib.contextmanager
def shown(stream: IO[str] | None = None) -> Iterator[StderrProgress]:
    """Show the progress of the library calls inside this block on stderr."""
    progress = StderrProgress(stream or sys.stderr)
    try:
        with reporting(progress):
            yield progress
    finally:
        progress.close()
