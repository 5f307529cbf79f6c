"""The one error type a user sees: a Swedish message and a hint, never a traceback.

Every library error a planner can cause (no plan folder, an unknown year, a bad template, a
git revision that does not exist, a file that cannot be written) derives from
:class:`UserError`, so the command line turns all of them into one kind of message and exit
code 2, and a program using planverk catches one type.
"""

from __future__ import annotations


class UserError(Exception):
    """The operation cannot be done as asked; ``message`` and ``hint`` are for the user."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message
