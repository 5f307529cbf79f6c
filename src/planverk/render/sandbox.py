"""Jinja's sandbox, bounded: a template is text a planner edits, and it may be hostile.

Jinja's :class:`~jinja2.sandbox.SandboxedEnvironment` keeps a template away from Python's
internals, but not from the machine's memory and time: ``{{ 'x'*10**10 }}`` asks for 10 GB,
``{{ 10**(10**8) }}`` computes for minutes, a loop in a loop runs for ever. Here:

- the arithmetic operators are checked before they run: a power, product or repeated text
  whose result would be larger than :data:`MAX_INT_BITS` bits or :data:`MAX_LENGTH` items
  is refused (:class:`TemplateLimit`), so nothing huge is ever computed;
- ``range()`` is the sandbox's own (at most ``jinja2.sandbox.MAX_RANGE`` items);
- while a template runs, the process may not grow by more than :data:`MEMORY_BYTES`
  (``RLIMIT_AS``, where the platform has it), and the run is stopped after
  :data:`SECONDS` (a timer in the main thread); the output is cut at :data:`MAX_OUTPUT`
  characters;
- only files really inside the template folders are templates: a link in ``templates/``
  that leads out of the folder cannot be rendered or included (:class:`OutsideTemplate`).

Each limit ends the render as a template error with the template's name and line.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import FileSystemLoader, TemplateError, TemplateNotFound
from jinja2.environment import Environment
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

MAX_INT_BITS = 4096  # about 1,200 decimal digits: more than any plan's arithmetic needs
MAX_LENGTH = 10_000_000  # items of a text or list made by * or +
MAX_OUTPUT = 50_000_000  # characters of one template's output
MEMORY_BYTES = 2 * 1024**3  # what a template may add to the process
SECONDS = 30.0  # the largest plan sets render in a few seconds (bench/README.md)


class TemplateLimit(TemplateError):
    """A template went past one of the sandbox's limits."""


class OutsideTemplate(TemplateError):
    """A template file that is a link to a file outside the template folders."""

    def __init__(self, name: str, target: str, folder: str) -> None:
        super().__init__(f"mallen {name} är en länk till {target}, utanför mallmappen {folder}")
        self.name = name


class UnreadableTemplate(TemplateError):
    """A template file that cannot be read (no permission, not UTF-8 text)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


class ContainedLoader(FileSystemLoader):
    """A FileSystemLoader that serves only files whose real path (links resolved) is inside
    the folder they were found in."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            filename = posixpath.join(searchpath, *pieces)
            if os.path.isfile(filename):
                break
            if os.path.lexists(filename):  # a folder, a broken link, a link in a loop
                raise UnreadableTemplate(
                    f"{os.path.normpath(filename)} kan inte läsas: det är ingen vanlig fil "
                    "(en mapp, en länk som inte leder till en fil, eller en länk i en slinga)",
                    "Lägg mallen som en vanlig fil i mallmappen, eller ta bort den så att "
                    "planverks egen mall används.",
                )
        else:
            raise TemplateNotFound(template)
        folder = os.path.realpath(searchpath)
        real = os.path.realpath(filename)
        if os.path.commonpath([folder, real]) != folder:
            raise OutsideTemplate(template, real, searchpath)
        shown = os.path.normpath(filename)
        try:
            with open(real, encoding=self.encoding) as handle:
                contents = handle.read()
            mtime = os.path.getmtime(real)
        except UnicodeDecodeError as err:
            raise UnreadableTemplate(
                f"{shown} kan inte läsas: mallen är inte UTF-8-text "
                f"(byte 0x{err.object[err.start]:02X} vid position {err.start})",
                "Spara mallen som UTF-8 i en texteditor.",
            ) from None
        except OSError as err:
            from planverk.core.oserrors import read_reason

            reason, hint = read_reason(err)
            raise UnreadableTemplate(f"{shown} kan inte läsas: {reason}", hint) from None

        def uptodate() -> bool:
            try:
                return os.path.getmtime(real) == mtime
            except OSError:
                return False

        return contents, shown, uptodate


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _bits(value: Any) -> int:
    return abs(value).bit_length() if isinstance(value, int) else 0


def _refuse(what: str) -> TemplateLimit:
    return TemplateLimit(what)


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox with its arithmetic checked before it runs (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "//", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and _bits(left) > 1 and _bits(left) * right > MAX_INT_BITS:
                raise _refuse(f"talet {left}**{right} blir för stort för en mall")
        elif operator == "*":
            for sequence, count in ((left, right), (right, left)):
                size = _size(sequence)
                if size is not None and isinstance(count, int) and size * count > MAX_LENGTH:
                    raise _refuse(
                        f"en text eller lista upprepad {count} gånger blir för lång för en mall"
                    )
            both = isinstance(left, int) and isinstance(right, int)
            if both and _bits(left) + _bits(right) > MAX_INT_BITS:
                raise _refuse("produkten blir för stor för en mall")
        elif operator == "+":
            a, b = _size(left), _size(right)
            if a is not None and b is not None and a + b > MAX_LENGTH:
                raise _refuse("texten blir för lång för en mall")
        elif operator == "%" and isinstance(left, str) and _wide_format(left, right):
            raise _refuse("formatet ger en för bred text för en mall")
        return super().call_binop(context, operator, left, right)


_FORMAT_FIELD = re.compile(r"%[-#0 +]*(\d*|\*)(?:\.(\d+|\*))?")


def _wide_format(text: str, args: Any) -> bool:
    """Whether a %-format asks for a field wider (or more precise) than MAX_LENGTH, given in
    the format or, with ``*``, in the arguments."""
    for width, precision in _FORMAT_FIELD.findall(text):
        for number in (width, precision):
            if number == "*":
                values = args if isinstance(args, tuple) else (args,)
                if any(isinstance(v, int) and abs(v) > MAX_LENGTH for v in values):
                    return True
            elif number and int(number) > MAX_LENGTH:
                return True
    return False


def render_bounded(template: Any, data: dict[str, Any]) -> str:
    """Render ``template`` with ``data`` within the output, memory and time limits."""
    chunks: list[str] = []
    length = 0
    with _memory_limit(), _time_limit():
        for chunk in template.generate(**data):
            length += len(chunk)
            if length > MAX_OUTPUT:
                raise _refuse(f"mallen ger mer än {MAX_OUTPUT // 1_000_000} miljoner tecken")
            chunks.append(chunk)
    return "".join(chunks)


@contextlib.contextmanager
def _memory_limit() -> Iterator[None]:
    """At most MEMORY_BYTES more address space while the block runs (Linux, macOS)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm", encoding="ascii") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, AttributeError):
        yield
        return
    wanted = used + MEMORY_BYTES
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield  # already stricter than ours
        return
    if hard != resource.RLIM_INFINITY and hard < wanted:
        wanted = hard
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def _time_limit() -> Iterator[None]:
    """Stop the block after SECONDS (a timer signal; only in the main thread)."""
    import signal

    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        # Raised where the template is running, so its traceback names the template line.
        raise _refuse(f"mallen blev inte klar på {SECONDS:.0f} sekunder")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
