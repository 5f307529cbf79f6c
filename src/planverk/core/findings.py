"""Findings: the one result type that validate, render and diff report through."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Level(IntEnum):
    """Severity of a finding; the Swedish names are what users write and read."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Level:
        for level, label in _LABELS.items():
            if label == text:
                return level
        raise ValueError(text)


_LABELS = {Level.INFO: "info", Level.WARNING: "varning", Level.ERROR: "fel"}


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file; lines and columns are 1-based, as editors show them."""

    line: int
    column: int
    end_line: int
    end_column: int


NO_SPAN = Span(1, 1, 1, 1)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a plan file, ready for any output format.

    ``subject`` is what the finding is about, by the ids of the items around it
    (``fokusområden[verksamhet].rubriker[nära-vård].mål``), so that it stays the same when
    lines are added or removed elsewhere (GitLab's fingerprints are made from it).
    ``related`` are the other files the finding is about: where a broken reference points,
    so that checking only those files still reports what a change to them broke.
    """

    code: str
    level: Level
    message: str
    file: str
    span: Span = NO_SPAN
    hint: str | None = None
    rule: str = ""
    # A cell of a workbook (``Åtgärder!F7``) when the finding is in one; then ``span`` holds
    # the cell's row as its line and its column number as its column.
    cell: str | None = None
    subject: str = ""
    # Not part of what a finding *is* (two findings alike but for it are the same finding):
    # a check run on a slice of the plan set knows fewer of the files it may be about.
    related: tuple[str, ...] = field(default=(), compare=False)

    @property
    def location(self) -> str:
        """Where, as people read it: ``file:line:column``, or ``file:Sheet!A1`` for a cell."""
        if self.cell is not None:
            return f"{self.file}:{self.cell}"
        return f"{self.file}:{self.span.line}:{self.span.column}"

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.span.line, self.span.column, self.code)
