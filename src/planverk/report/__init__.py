"""Findings as text for people, JSON for programs, annotations for GitHub and GitLab."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from planverk.findings import Finding
from planverk.report import github, gitlab, jsonout, text

Formatter = Callable[[Sequence[Finding], dict[str, str], int], str]

FORMATS: dict[str, Formatter] = {
    "text": text.render,
    "json": jsonout.render,
    "github": github.render,
    "gitlab": gitlab.render,
}
