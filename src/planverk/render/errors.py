"""The one error type of rendering: a Swedish message and a hint, shown without traceback."""

from __future__ import annotations

from planverk.core.errors import UserError


class RenderError(UserError):
    """Rendering cannot go on: a missing plan, a template mistake, a missing program."""
