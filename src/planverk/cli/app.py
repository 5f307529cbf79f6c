"""The `planverk` command: each subcommand lives in its own module and is registered here."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import NoReturn

import typer

from planverk import __version__
from planverk.cli import completion, lazy, swedish
from planverk.cli.common import EXIT_INTERNAL, EXIT_USAGE

app = typer.Typer(
    name="planverk",
    # Command modules are imported when their command runs (see planverk.cli.lazy).
    cls=lazy.group(lambda: COMMANDS),
    help="Planer för en sjukvårdsregion som versionshanterad YAML: validera, jämför och "
    "skriv ut som Word.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planverk {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", help="Visa versionen och avsluta.", callback=_version, is_eager=True
    ),
) -> None:
    """Planer för en sjukvårdsregion som versionshanterad YAML."""


# One line per command: the module planverk.cli.<module> defines NAME and command().
COMMANDS: tuple[str, ...] = (
    "validate",
    "schema",
    "rules",
    "status",
    "new",
    "init",
    "render",
    "diff",
    "webb",
    "fmt",
    "rapportmall",
    "importera",
    "lsp",
)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app with Swedish help and errors, and never a traceback."""
    args = sys.argv[1:] if argv is None else argv
    # A command's help is drawn by Typer with rich; the top-level help (planverk.cli.lazy) is
    # plain and needs neither.
    if args and args[0] not in ("-h", "--help") and any(a in ("-h", "--help") for a in args):
        swedish.install_help()
    completion.enable()
    try:
        code = app(args=args, prog_name="planverk", standalone_mode=False)
    except (lazy.OutputClosed, BrokenPipeError):
        _output_closed()
    except KeyboardInterrupt:
        typer.echo("planverk: avbrutet", err=True)
        sys.exit(130)
    except OSError as err:
        if err.filename is not None or err.errno not in _OUTPUT_ERRNOS:
            _internal(err)
        _output_failed(err)  # writing to stdout failed (a full disk behind `> fil`)
    except Exception as err:
        format_message = getattr(err, "format_message", None)
        if type(err).__name__ == "NoArgsIsHelpError" and callable(format_message):
            typer.echo(str(format_message()))  # `planverk` alone: the help, not an error
            sys.exit(EXIT_USAGE)
        if callable(format_message) and isinstance(getattr(err, "exit_code", None), int):
            _usage_error(err, str(format_message()), args)
        if type(err).__name__ == "Abort":
            typer.echo("planverk: avbrutet", err=True)
            sys.exit(130)
        _internal(err)
    _exit(code if isinstance(code, int) else 0, quick=argv is None)


def _internal(err: Exception) -> NoReturn:
    if os.environ.get("PLANVERK_DEBUG"):
        raise err
    typer.echo(
        f"planverk: internt fel ({type(err).__name__}: {err}). Det är en bugg i planverk; "
        "kör igen med PLANVERK_DEBUG=1 och skicka utskriften till förvaltarna.",
        err=True,
    )
    sys.exit(EXIT_INTERNAL)


def _output_failed(err: OSError) -> NoReturn:
    """Standard output could not be written (a full disk or a broken device behind a
    redirection): say so in Swedish on stderr and end with the environment-error code."""
    from planverk.core.oserrors import write_reason

    reason, hint = write_reason(err)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"planverk: fel: utdata kan inte skrivas: {reason}\n  tips: {hint}\n")
        sys.stderr.flush()
    os._exit(EXIT_USAGE)


# What a write to a redirected stdout can fail with (other OS errors are planverk's bugs).
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EBADF})
EXIT_PIPE = 141  # 128 + SIGPIPE, what a shell shows for a program whose output was closed


def _output_closed() -> NoReturn:
    """The reader stopped reading (`| head`): end quietly with 141, as other programs do.

    What is still buffered for stdout cannot be written, so stdout is pointed at /dev/null
    first; otherwise the interpreter's last flush would print a BrokenPipeError.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    os._exit(EXIT_PIPE)


def _exit(code: int, *, quick: bool) -> NoReturn:
    """End the process; from the command line without the interpreter's teardown.

    Tearing down frees every object one by one and runs a last full garbage collection:
    about 60 ms after `planverk validate` on the shipped plans (a quarter of its time) and
    more the larger the plan set. Output is flushed first; when anything else could still
    be pending (another thread, a failing flush, PLANVERK_DEBUG), the normal exit is used.
    """
    threading = sys.modules.get("threading")
    if (
        not quick
        or os.environ.get("PLANVERK_DEBUG")
        or (threading and threading.active_count() > 1)
    ):
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        _output_closed()
    except OSError as err:
        _output_failed(err)
    except Exception:
        sys.exit(code)
    os._exit(code)


def _usage_error(err: Exception, message: str, args: list[str]) -> NoReturn:
    ctx = getattr(err, "ctx", None)
    command = getattr(ctx, "command_path", None) or _command_named(args)
    typer.echo(f"planverk: fel: {swedish.translate_error(message)}", err=True)
    typer.echo(f"  tips: kör '{command} --help' för att se vad kommandot tar.", err=True)
    sys.exit(EXIT_USAGE)


def _command_named(args: list[str]) -> str:
    """`planverk <command>` when the arguments start with a command's name (Click leaves some
    errors, such as a flag without its value, without a context)."""
    if args and not args[0].startswith("-"):
        try:
            names = typer.main.get_command(app).list_commands(None)  # type: ignore[attr-defined]
        except Exception:
            names = []
        if args[0] in names:
            return f"planverk {args[0]}"
    return "planverk"
