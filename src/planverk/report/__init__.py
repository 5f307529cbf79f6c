"""Findings as text for people, JSON for programs, annotations for GitHub and GitLab.

Each format's module is imported when that format is asked for (``FORMATS["json"]``), so
the text report on every commit does not pay for the JSON and hashing the others use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence

from planverk.core.findings import Finding

Formatter = Callable[[Sequence[Finding], dict[str, str], int], str]

_MODULES = {"text": "text", "json": "jsonout", "github": "github", "gitlab": "gitlab"}


class _Formats(Mapping[str, Formatter]):
    """Format name to its ``render`` function, importing the module on first use."""

    def __getitem__(self, name: str) -> Formatter:
        module = importlib.import_module(f"planverk.report.{_MODULES[name]}")
        render: Formatter = module.render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATS: Mapping[str, Formatter] = _Formats()
