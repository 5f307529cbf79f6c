"""Swedish for the parts of the command line that Typer and its bundled Click write.

Typer's help panels are module constants and are set here when help is shown (importing
them pulls in rich, which `planverk validate` should not pay for). Usage errors are caught
in `planverk.cli.app.main` and translated with the table below.
"""

from __future__ import annotations

import errno
import re
from typing import Any

HELP_TEXT = "Visa den här hjälpen och avsluta."

_PANELS = {
    "ARGUMENTS_PANEL_TITLE": "Argument",
    "OPTIONS_PANEL_TITLE": "Flaggor",
    "COMMANDS_PANEL_TITLE": "Kommandon",
    "ERRORS_PANEL_TITLE": "Fel",
    "ABORTED_TEXT": "Avbrutet.",
    "DEFAULT_STRING": "[standard: {}]",
    "REQUIRED_LONG_STRING": "[krävs]",
    "DEPRECATED_STRING": "(utgår) ",
    "RICH_HELP": "Skriv [blue]'{command_path} {help_option}'[/] för hjälp.",
}

_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^No such option: (.+?)(?: Did you mean (.+)\?)?$", "okänd flagga {0}"),
        (r"^No such command '(.+?)'\.(?: Did you mean '(.+)'\?)?$", "okänt kommando '{0}'"),
        (r"^Missing argument '(.+)'\.$", "argumentet {0} saknas"),
        (r"^Missing option '(.+)'\.$", "flaggan {0} saknas"),
        (r"^Option '(.+)' requires an argument\.$", "flaggan {0} behöver ett värde"),
        (r"^Option '(.+)' requires (\d+) arguments\.$", "flaggan {0} behöver {1} värden"),
        (r"^Option '(.+)' does not take a value\.$", "flaggan {0} tar inget värde"),
        (r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$", "oväntat argument: {0}"),
        (r"^Invalid value for (.+?): (.+)$", "ogiltigt värde för {0}: {1}"),
        (r"^Invalid value: (.+)$", "ogiltigt värde: {0}"),
    )
)
_VALUE_DETAILS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:Value error, )?'(.+)' is not one of (.+)\.$"), "'{0}' är inte ett av {1}"),
    (re.compile(r"^'(.+)' is not a valid integer\.$"), "'{0}' är inget heltal"),
    (re.compile(r"^Path '(.+)' does not exist\.$"), "sökvägen '{0}' finns inte"),
    # Typer 0.29 converts values with Pydantic, whose message names no value. (planverk's
    # other values are text, paths and choices; dates are read by the commands themselves.)
    (re.compile(r"^Input should be a valid integer\b.*$"), "det ska vara ett heltal"),
)


def translate_error(message: str) -> str:
    """A Click usage error message in Swedish (unknown messages pass through unchanged)."""
    message = message.strip()
    for pattern, template in _ERRORS:
        match = pattern.match(message)
        if match:
            parts = [_detail(part) if part else "" for part in match.groups()]
            text = template.format(*parts)
            if pattern.pattern.startswith("^No such") and match.lastindex == 2 and match.group(2):
                text += f" (menade du {match.group(2)}?)"
            return text
    return message


def _detail(text: str) -> str:
    for pattern, template in _VALUE_DETAILS:
        match = pattern.match(text)
        if match:
            return template.format(*match.groups())
    return text


def install_help() -> None:
    """Swedish panel titles, help-option text and usage prefix for `--help` output."""
    from typer import core, rich_utils

    for name, value in _PANELS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, value)
    for cls in (core.TyperCommand, core.TyperGroup):
        _patch_help_option(cls)
        _patch_usage(cls)
    for parameter in (core.TyperArgument, core.TyperOption):
        _patch_value_type(parameter)
    _pass_broken_pipe()


def _pass_broken_pipe() -> None:
    """Let a closed pipe under the help (`planverk validate --help | head -1`) reach
    planverk.cli.app, which ends quietly with 141; rich's console would exit with 1, the
    code for findings. rich documents ``on_broken_pipe`` as the method to override."""
    from rich.console import Console

    def closed(self: Console) -> None:
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "utdata stängdes")

    Console.on_broken_pipe = closed  # type: ignore[method-assign]


# Typer shows each value's Python type beside the flag; a planner reads these instead.
_VALUE_TYPES = {"int": "heltal", "str": "text", "path": "sökväg", "Path": "sökväg"}
_LIST = re.compile(r"^<list\[(\w+)\]>$")


def value_type(shown: str) -> str:
    """Typer's ``<int>`` or ``<list[Path]>`` in Swedish: ``<heltal>``, ``<sökväg …>``."""
    many = _LIST.match(shown)
    if many:
        return f"<{_VALUE_TYPES.get(many.group(1), many.group(1))} …>"
    if shown.startswith("<") and shown.endswith(">"):
        return f"<{_VALUE_TYPES.get(shown[1:-1], shown[1:-1])}>"
    return shown


def _patch_value_type(cls: Any) -> None:
    original = cls.display_type_rich
    if getattr(original, "_planverk", False):
        return

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False):
            return None  # a flag such as --brief takes no value
        shown = original(self, ctx)
        return value_type(shown) if isinstance(shown, str) else shown

    display_type_rich._planverk = True  # type: ignore[attr-defined]
    cls.display_type_rich = display_type_rich


def _patch_help_option(cls: Any) -> None:
    original = cls.get_help_option
    if getattr(original, "_planverk", False):
        return

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    get_help_option._planverk = True  # type: ignore[attr-defined]
    cls.get_help_option = get_help_option


def _patch_usage(cls: Any) -> None:
    original = cls.get_usage
    if getattr(original, "_planverk", False):
        return

    def get_usage(self: Any, ctx: Any) -> str:
        usage = str(original(self, ctx)).replace("Usage:", "Användning:", 1)
        return usage.replace("[OPTIONS]", "[FLAGGOR]").replace("COMMAND [ARGS]", "KOMMANDO [ARG]")

    get_usage._planverk = True  # type: ignore[attr-defined]
    cls.get_usage = get_usage
