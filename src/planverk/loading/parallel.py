"""Parse the files of a large plan set in several processes at once.

Parsing YAML is most of the time it takes to load a large plan set, and one file's parse
needs nothing from another's. On Linux with more than one core, the files are dealt out
(largest first, each to the least loaded) between this process and forked workers. A worker
parses its files and sends back what the parse made: the plain data, the source offsets
and the findings, pickled through a pipe. Validation with Pydantic stays in this process,
so the models are built once, where they are used.

Anything unusual (no ``fork``, another thread running, a worker that dies or sends
something unreadable) falls back to parsing here: the result never depends on the workers.
``PLANVERK_JOBS`` sets the number of processes (``1`` turns the workers off).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from array import array
from collections.abc import Sequence
from typing import Any

from planverk.core.findings import Finding
from planverk.loading.sourcemap import SourceMap
from planverk.loading.yamlfile import YamlDocument, parse

JOBS_VARIABLE = "PLANVERK_JOBS"
MIN_CHARACTERS = 1_000_000  # below this, starting a worker costs more than it saves
MAX_JOBS = 8  # processes when PLANVERK_JOBS does not say
MAX_ASKED = 64  # processes at most, whatever it says

# What a worker sends back for one file: data, offsets, root span, findings.
_Parsed = tuple[Any, "array[int]", tuple[int, int], list[Finding]]


def parse_all(files: Sequence[tuple[str, str]]) -> list[YamlDocument]:
    """Parse each ``(text, display)``; the documents come back in the order given."""
    sizes = [len(text) for text, _ in files]
    bins = _deal(sizes, jobs(sum(sizes)))
    if len(bins) < 2:
        return [parse(text, display) for text, display in files]
    docs: list[YamlDocument | None] = [None] * len(files)
    workers: list[_Worker] = []
    try:
        for indices in bins[1:]:
            worker = _Worker.start(files, indices)
            if worker is not None:  # else its files are parsed here, below
                workers.append(worker)
        for index in bins[0]:
            docs[index] = parse(*files[index])
        for worker in workers:
            for index, parsed in worker.results():
                docs[index] = _document(files[index], parsed)
    finally:
        for worker in workers:
            worker.stop()
    # A file whose worker failed is parsed here.
    return [doc if doc is not None else parse(*files[i]) for i, doc in enumerate(docs)]


def jobs(characters: int) -> int:
    """How many processes to parse ``characters`` of YAML with (this one included)."""
    wanted = os.environ.get(JOBS_VARIABLE, "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        count = min(int(wanted), MAX_ASKED)
    elif characters < MIN_CHARACTERS:
        return 1
    else:
        count = min(_cores(), MAX_JOBS)
    if count < 2 or not _can_fork():
        return 1
    return count


def _cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)


def _can_fork() -> bool:
    """Fork only where it is safe: Linux, and no other thread that a fork would cut off."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _deal(sizes: Sequence[int], count: int) -> list[list[int]]:
    """File indices per process: largest first, each to the least loaded; empty bins dropped."""
    loads = [0] * count
    bins: list[list[int]] = [[] for _ in range(count)]
    for index in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        least = loads.index(min(loads))
        bins[least].append(index)
        loads[least] += sizes[index]
    return [sorted(b) for b in bins if b]


def _pack(doc: YamlDocument) -> _Parsed:
    return (doc.data, doc.source_map.offsets, doc.source_map.span, doc.findings)


def _document(file: tuple[str, str], parsed: _Parsed) -> YamlDocument:
    text, display = file
    data, offsets, span, findings = parsed
    source_map = SourceMap(text, data)
    source_map.offsets, source_map.span = offsets, span
    return YamlDocument(display, text, data, source_map, findings)


class _Worker:
    """A forked process parsing some of the files, and the pipe its results come through."""

    def __init__(self, pid: int, pipe: int, indices: list[int]) -> None:
        self.pid, self.pipe, self.indices = pid, pipe, frozenset(indices)

    @classmethod
    def start(cls, files: Sequence[tuple[str, str]], indices: list[int]) -> _Worker | None:
        """A worker parsing ``indices``; None if no process could be started."""
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:  # e.g. the user's process limit
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the worker: parse, send, and leave without any of the parent's cleanup
            code = 1
            try:
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                results = [(i, _pack(parse(*files[i]))) for i in indices]
                with os.fdopen(write_end, "wb") as out:
                    pickle.dump(results, out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        return cls(pid, read_end, indices)

    def results(self) -> list[tuple[int, _Parsed]]:
        """What the worker parsed; nothing if it failed (those files are parsed again)."""
        try:
            with os.fdopen(self.pipe, "rb") as received:
                self.pipe = -1
                blob = received.read()
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
            if status != 0:
                return []
            results: list[tuple[int, _Parsed]] = pickle.loads(blob)
        except Exception:  # a broken pipe or pickle: whatever it is, parse here instead
            return []
        return [(i, parsed) for i, parsed in results if i in self.indices]

    def stop(self) -> None:
        """Close the pipe and reap the process (ended first if it is still running)."""
        if self.pipe >= 0:
            os.close(self.pipe)
            self.pipe = -1
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = 0
