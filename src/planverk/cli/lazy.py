"""Commands imported only when they run, so each command pays only for what it uses.

`planverk validate` must not import python-docx or jinja2, and `planverk --help` should not
import the plan model at all. Each command module (``planverk.cli.<module>``, listed in
``app.COMMANDS``) is found by reading its source for ``NAME`` and the docstring of
``command()``; the module itself is imported when its command runs or its help is shown.
The top-level help is written here as plain text in the same layout as the commands' own
help, so it needs neither the command modules nor rich.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import re
import shutil
import textwrap
from collections.abc import Callable, Sequence
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import typer
import typer.main
from typer.core import TyperGroup

from planverk.cli.swedish import HELP_TEXT

_HERE = Path(__file__).resolve().parent
_NAME = re.compile(r"""^NAME\s*(?::\s*str\s*)?=\s*["']([^"'\n]+)["']\s*$""", re.MULTILINE)


class Entry:
    """A command known by name before its module is imported."""

    __slots__ = ("module", "name", "path")

    def __init__(self, module: str, name: str, path: Path | None) -> None:
        self.module = module
        self.name = name
        self.path = path  # the module's source, when it could be read

    def summary(self) -> str:
        """The first paragraph of ``command()``'s docstring, on one line."""
        doc: str | None = None
        if self.path is not None:
            try:
                tree = ast.parse(self.path.read_text(encoding="utf-8"))
            except (OSError, SyntaxError, ValueError):
                tree = None
            for node in tree.body if tree else ():
                if isinstance(node, ast.FunctionDef) and node.name == "command":
                    doc = ast.get_docstring(node)
        if doc is None:
            doc = inspect.getdoc(_module(self.module).command)
        first = (doc or "").strip().split("\n\n", 1)[0]
        return " ".join(first.split())


def _module(module: str) -> Any:
    return importlib.import_module(f"planverk.cli.{module}")


def scan(module: str) -> Entry:
    """The command a module defines, read from its source (imported only as a fallback)."""
    path = _HERE / f"{module}.py"
    try:
        match = _NAME.search(path.read_text(encoding="utf-8"))
    except OSError:
        match = None
    if match is None:
        return Entry(module, str(_module(module).NAME), None)
    return Entry(module, match.group(1), path)


def load(module: str) -> Any:
    """The Click command of one command module, built by Typer as ``app.command`` would."""
    loaded = _module(module)
    single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    single.command(loaded.NAME, help=loaded.command.__doc__)(loaded.command)
    return typer.main.get_command(single)


class LazyGroup(TyperGroup):
    """A Typer group whose commands come from module names, imported on first use."""

    modules: Callable[[], Sequence[str]] = staticmethod(tuple)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._entries: dict[str, Entry] | None = None

    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = {}
            for module in self.modules():
                entry = scan(module)
                self._entries.setdefault(entry.name, entry)
        return self._entries

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.commands, *(name for name in self.entries() if name not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = self.commands.get(cmd_name)
        entry = self.entries().get(cmd_name) if command is None else None
        if entry is not None:
            command = load(entry.module)
            self.commands[cmd_name] = command
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        # Typer suggests close names only among the commands already loaded (none, here):
        # add the suggestions from every command's name.
        try:
            return super().resolve_command(ctx, args)
        except Exception as err:
            message = getattr(err, "message", None)
            if isinstance(message, str) and args and "Did you mean" not in message:
                matches = get_close_matches(args[0], self.list_commands(ctx))
                if matches:
                    guesses = ", ".join(f"{m!r}" for m in matches)
                    err.message = f"{message.rstrip('.')}. Did you mean {guesses}?"  # type: ignore[attr-defined]
            raise

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(root_help(self, ctx))

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:  # the top-level help is written while the context is made
            return super().make_context(*args, **kwargs)
        except BrokenPipeError as err:
            raise OutputClosed from err

    def invoke(self, ctx: Any) -> Any:
        # A reader that stops reading (`planverk regler | head -1`) closes the pipe. Click
        # would turn that into exit code 1, the code for findings; it is handled in
        # planverk.cli.app instead, so it is raised past Click as it is.
        try:
            return super().invoke(ctx)
        except BrokenPipeError as err:
            raise OutputClosed from err


class OutputClosed(Exception):
    """The reader of planverk's output closed it before everything was written."""


def group(modules: Callable[[], Sequence[str]]) -> type[LazyGroup]:
    """A LazyGroup class over the module names ``modules()`` returns when first asked."""
    return type("PlanverkGroup", (LazyGroup,), {"modules": staticmethod(modules)})


# --- The top-level help, plain, in the layout of Typer's help panels -----------------------


def _width() -> int:
    fixed = os.environ.get("TERMINAL_WIDTH", "")
    width = int(fixed) if fixed.isdigit() else shutil.get_terminal_size((80, 24)).columns
    return max(40, width)


def _panel(title: str, rows: list[tuple[str, str]], width: int) -> list[str]:
    inner = width - 4
    name_width = max(len(name) for name, _ in rows) + 2
    text_width = max(10, inner - name_width)
    lines = [f"╭─ {title} " + "─" * max(0, width - len(title) - 5) + "╮"]
    for name, text in rows:
        wrapped = textwrap.wrap(text, text_width) or [""]
        for index, part in enumerate(wrapped):
            left = name if index == 0 else ""
            lines.append(f"│ {left:<{name_width}}{part:<{text_width}} │")
    lines.append("╰" + "─" * (width - 2) + "╯")
    return lines


def root_help(group: LazyGroup, ctx: Any) -> str:
    width = _width()
    lines = ["", f" Användning: {ctx.command_path} [FLAGGOR] KOMMANDO [ARG]...", ""]
    lines += [" " + line for line in textwrap.wrap(group.help or "", width - 2)]
    lines.append("")
    options: list[tuple[str, str]] = []
    for param in group.get_params(ctx):
        names = [*param.opts, *param.secondary_opts]
        long = [n for n in names if n.startswith("--")]
        short = [n for n in names if not n.startswith("--")]
        is_help = "--help" in names
        label = f"{', '.join(long):<10} {', '.join(short)}".rstrip()
        options.append((label, HELP_TEXT if is_help else getattr(param, "help", "") or ""))
    if options:
        lines += _panel("Flaggor", options, width)
    entries = group.entries()
    commands = [
        (name, entries[name].summary() if name in entries else group.commands[name].help or "")
        for name in group.list_commands(ctx)
    ]
    if commands:
        lines += _panel("Kommandon", commands, width)
    return "\n".join(lines) + "\n"
