"""The `seed` application: its commands, registered explicitly, and the console-script entry
point that turns every error into one line on stderr."""

import sys

import typer
from sqlalchemy.exc import SQLAlchemyError

from seed.cli import migrate, purge, report, runs, seed_command, verify
from seed.cli.console import (
    print_error,
    print_traceback,
    reader_may_leave,
    route_library_logs,
)
from seed.cli.interrupt import NOTHING_CHANGED, interrupted_message, interrupting_means
from seed.errors import SeedError

app = typer.Typer(
    name="seed",
    add_completion=False,
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.callback(invoke_without_command=True)(seed_command.seed)
app.command()(migrate.migrate)
app.command()(purge.purge)
app.command()(report.report)
app.command()(runs.runs)
app.command()(verify.verify)


#: The exit code of a run stopped by Ctrl-C (SIGINT), as shells report it.
INTERRUPTED = 130


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: user errors are one line on stderr, never a traceback."""
    args = sys.argv[1:] if argv is None else argv
    verbose = "--verbose" in args or "-v" in args
    route_library_logs(verbose)
    interrupting_means(NOTHING_CHANGED)
    command = typer.main.get_command(app)
    try:
        with reader_may_leave():
            code = command.main(args=args, prog_name="seed", standalone_mode=False)
        if code == INTERRUPTED:  # Typer turns Ctrl-C into this exit code without a word
            raise KeyboardInterrupt
    except typer.TyperException as exc:  # usage errors: bad option values, unknown options
        print_error(exc.format_message())
        code = exc.exit_code
    except typer.Abort:
        print_error("aborted")
        code = 130
    except KeyboardInterrupt:
        print_error(interrupted_message())
        code = INTERRUPTED
    except SeedError as exc:
        if verbose:
            print_traceback()
        print_error(str(exc))
        code = exc.exit_code
    except SQLAlchemyError as exc:
        if verbose:
            print_traceback()
        details = "" if verbose else " (run with --verbose for details)"
        print_error(f"database error: {str(exc).splitlines()[0]}{details}")
        code = 1
    except Exception as exc:
        if verbose:
            print_traceback()
        hint = "" if verbose else " (run with --verbose for a traceback)"
        print_error(f"unexpected {type(exc).__name__}: {exc}{hint}")
        code = 1
    sys.exit(code if isinstance(code, int) else 0)
