"""The `seed` command line: `seed --per-status 2` seeds; subcommands do the other jobs."""

import secrets
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.exc import SQLAlchemyError

from seed.cli.options import DatabaseUrlOption, LockTimeoutOption, TargetOption, app
from seed.cli.console import (
    print_error,
    print_traceback,
    register_secrets,
    route_library_logs,
    stderr_console,
    stdout_console,
)
from seed.db.engine import DEFAULT_LOCK_TIMEOUT
from seed.targets.databricks import seed_databricks
from seed.errors import SeedError, UsageError
from seed.generate.factories.holds import parse_hold_reasons
from seed.generate.options import (
    DEFAULT_APPROVAL_LIMIT,
    DEFAULT_COMPANY,
    DEFAULT_PROJECT_NAME,
    DEFAULT_PROJECT_NUMBER,
    SeedOptions,
)
from seed.cli.progress import invoice_progress
from seed.targets.stream import (
    AUTO_WORKERS_FROM,
    DEFAULT_CHUNK_SIZE,
    auto_workers,
    check_run_id,
    new_run_id,
)
from seed.targets.local import seed_database
from seed.settings import resolve_database_url, secrets_of
from seed.targets.sql_script import write_sql_script
from seed.domain.statuses import parse_statuses
from seed.cli.summary import render_summary


def parse_as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of {value!r} is not a date: use YYYY-MM-DD") from None


def parse_amount(value: str, option: str) -> Decimal:
    try:
        amount = Decimal(value.replace(",", "").lstrip("$"))
    except InvalidOperation:
        raise UsageError(f"{option} {value!r} is not an amount: use a number like 50000") from None
    if not amount.is_finite():
        raise UsageError(f"{option} {value!r} is not an amount: use a number like 50000")
    try:
        return amount.quantize(Decimal("0.01"))
    except InvalidOperation:  # more digits than Decimal holds: far out of range, and said so later
        return amount


@app.callback(invoke_without_command=True)
def seed(
    ctx: typer.Context,
    per_status: Annotated[
        int, typer.Option("--per-status", "-n", help="Invoices per status (0: only the project).")
    ] = 2,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status", "-s", help="Seed only this status (repeatable).", show_default=False
        ),
    ] = None,
    hold_reason: Annotated[
        list[str] | None,
        typer.Option(
            "--hold-reason",
            help="Hold invoices only of this reason, e.g. po-mismatch (repeatable).",
            show_default=False,
        ),
    ] = None,
    seed_value: Annotated[
        int | None,
        typer.Option(
            "--seed",
            help="Random seed; the same seed and options give the same data.",
            show_default="random",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date the data is as of, YYYY-MM-DD.", show_default="today"),
    ] = None,
    vendor: Annotated[
        str | None,
        typer.Option("--vendor", help="One vendor for every invoice.", show_default="a mix"),
    ] = None,
    po: Annotated[
        str | None,
        typer.Option("--po", help="One PO number for every invoice.", show_default="per vendor"),
    ] = None,
    project_name: Annotated[str, typer.Option("--project-name")] = DEFAULT_PROJECT_NAME,
    project_number: Annotated[
        str,
        typer.Option("--project-number", help="An existing project number adds to that project."),
    ] = DEFAULT_PROJECT_NUMBER,
    company: Annotated[str, typer.Option("--company")] = DEFAULT_COMPANY,
    approval_limit: Annotated[
        str,
        typer.Option("--approval-limit", help="Amount above which an invoice needs a director."),
    ] = str(DEFAULT_APPROVAL_LIMIT),
    database_url: DatabaseUrlOption = None,
    target: TargetOption = None,
    csv_dir: Annotated[
        Path | None,
        typer.Option(
            "--csv",
            help="Also write this run's rows as CSV files into this folder.",
            show_default=False,
        ),
    ] = None,
    run_id: Annotated[
        str | None,
        typer.Option(
            "--run-id",
            help="Use this run id (letters, digits, _) instead of a new one.",
            show_default="new",
        ),
    ] = None,
    sql_file: Annotated[
        Path | None,
        typer.Option(
            "--sql-file",
            help="Write the run's SQL statements to this file instead of executing them.",
            show_default=False,
        ),
    ] = None,
    dialect: Annotated[
        str | None,
        typer.Option(
            "--dialect",
            help="SQL dialect of --sql-file: databricks, postgresql or sqlite.",
            show_default="the database URL's",
        ),
    ] = None,
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", min=1, help="Invoices generated and written at a time.")
    ] = DEFAULT_CHUNK_SIZE,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=0,
            help="Processes generating invoices while the main one writes (0: none).",
            show_default=f"1 from {AUTO_WORKERS_FROM:,} invoices on 2+ cores, else 0",
        ),
    ] = None,
    lock_timeout: LockTimeoutOption = DEFAULT_LOCK_TIMEOUT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show tracebacks of unexpected errors.")
    ] = False,
) -> None:
    """Seed one run of realistic Hold Busters data: a project, its budget lines, invoices in
    every status, their lines and integration responses, in one transaction. Create the schema
    once with `alembic upgrade head`.

    Example: seed --per-status 2 --seed 42 --as-of 2026-11-24

    Example: seed --per-status 2 --dialect databricks --sql-file seed.sql
    """
    if ctx.invoked_subcommand is not None:
        return
    options = SeedOptions(
        seed=seed_value if seed_value is not None else secrets.randbelow(2**31),
        as_of=parse_as_of(as_of),
        per_status=per_status,
        statuses=parse_statuses(status),
        hold_reasons=parse_hold_reasons(hold_reason),
        vendor=vendor,
        po_number=po,
        project_number=project_number,
        project_name=project_name,
        company=company,
        approval_limit=parse_amount(approval_limit, "--approval-limit"),
    )
    run = check_run_id(run_id) if run_id else new_run_id()
    if dialect is not None and sql_file is None:
        raise UsageError("--dialect names the dialect of --sql-file: give --sql-file too")
    if sql_file is not None and csv_dir is not None:
        raise UsageError("give either --sql-file or --csv, not both")
    if sql_file is not None and dialect is not None:
        backend = dialect
    else:
        url = resolve_database_url(database_url, target)
        register_secrets(secrets_of(url))
        backend = url.get_backend_name()
    if backend == "databricks" and sql_file is None and csv_dir is not None:
        raise UsageError(
            "--csv is for local databases; on Databricks use --sql-file or seed directly"
        )
    with invoice_progress(stderr_console(), options.invoice_count, quiet) as progress:
        if sql_file is not None:
            report = write_sql_script(sql_file, backend, options, run, chunk_size, progress)
        elif backend == "databricks":
            report = seed_databricks(url, options, run, chunk_size=chunk_size, on_progress=progress)
        else:
            report = seed_database(
                url,
                options,
                run,
                csv_dir=csv_dir,
                chunk_size=chunk_size,
                lock_timeout=lock_timeout,
                on_progress=progress,
                workers=auto_workers(options.invoice_count) if workers is None else workers,
            )
    render_summary(stdout_console(), report)


#: The exit code of a run stopped by Ctrl-C (SIGINT), as shells report it.
INTERRUPTED = 130


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: user errors are one line on stderr, never a traceback."""
    args = sys.argv[1:] if argv is None else argv
    verbose = "--verbose" in args or "-v" in args
    route_library_logs(verbose)
    command = typer.main.get_command(app)
    try:
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
        print_error("interrupted: the run was rolled back; the database is as it was")
        code = INTERRUPTED
    except SeedError as exc:
        if verbose:
            print_traceback()
        print_error(str(exc))
        code = exc.exit_code
    except SQLAlchemyError as exc:
        if verbose:
            print_traceback()
        print_error(f"database error: {str(exc).splitlines()[0]} (run with --verbose for details)")
        code = 1
    except Exception as exc:
        if verbose:
            print_traceback()
        print_error(f"unexpected {type(exc).__name__}: {exc} (run with --verbose for a traceback)")
        code = 1
    sys.exit(code if isinstance(code, int) else 0)


# Subcommands register themselves on `app` when imported (one module per job in seed/commands/).
from seed.commands import purge as _purge  # noqa: E402, F401
from seed.commands import report as _report  # noqa: E402, F401
from seed.commands import runs as _runs  # noqa: E402, F401
from seed.commands import verify as _verify  # noqa: E402, F401
