"""Real clients the tests read our output with (LibreOffice, pdftotext, git, Chromium, ...).

A test that needs one calls :func:`need` (or uses :func:`needs` as a marker). On a
developer's machine a missing client skips the test with a Swedish reason; in CI (the
environment variable ``CI`` is set, as ``.ci/run`` and every CI service do) it **fails**, so a
green CI run never hides a test that did not run.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Callable
from typing import TypeVar

import pytest

F = TypeVar("F", bound=Callable[..., object])

SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's Python, the one python3-uno is built for


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def _missing(what: str) -> None:
    message = f"{what} saknas; .ci/run installerar det"
    if in_ci():
        pytest.fail(f"I CI måste riktiga klienter finnas: {message}", pytrace=False)
    pytest.skip(message)


def need(*programs: str) -> str:
    """The path of the first program given that exists (e.g. ``need("soffice",
    "libreoffice")``); skips or, in CI, fails the test when none does."""
    for program in programs:
        path = shutil.which(program)
        if path:
            return path
    _missing(" eller ".join(programs))
    raise AssertionError("unreachable")  # pragma: no cover


def need_file(path: os.PathLike[str] | str, what: str) -> str:
    """``path`` when it exists (e.g. a file an npm package installs: ``what`` names it);
    skips or, in CI, fails the test when it does not."""
    if os.path.exists(path):
        return os.fspath(path)
    _missing(what)
    raise AssertionError("unreachable")  # pragma: no cover


def need_module(name: str, what: str) -> None:
    """The Python module ``name`` can be imported (``what`` says how to get it); skips or,
    in CI, fails the test when it cannot."""
    import importlib.util

    if importlib.util.find_spec(name) is None:
        _missing(what)


def need_uno() -> str:
    """Debian's Python with LibreOffice's ``uno`` module (python3-uno)."""
    need("soffice", "libreoffice")
    if os.path.exists(SYSTEM_PYTHON):
        probe = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False
        )
        if probe.returncode == 0:
            return SYSTEM_PYTHON
    _missing(f"LibreOffice-modulen uno för {SYSTEM_PYTHON} (python3-uno)")
    raise AssertionError("unreachable")  # pragma: no cover


def needs(*programs: str) -> Callable[[F], F]:
    """A marker form of :func:`need` for tests that need every program listed."""

    def decorate(test: F) -> F:
        @functools.wraps(test)  # pytest reads the fixtures from the wrapped signature
        def run(*args: object, **kwargs: object) -> object:
            for program in programs:
                need(program)
            return test(*args, **kwargs)

        return run  # type: ignore[return-value]

    return decorate
