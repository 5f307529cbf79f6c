"""The one error type of rendering: a Swedish message and a hint, shown without traceback."""

from __future__ import annotations


class RenderError(Exception):
    """Rendering cannot go on: a missing plan, a template mistake, a missing program."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
