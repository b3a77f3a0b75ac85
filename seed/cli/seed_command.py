"""`seed [OPTIONS]`: seeds one run (the command that runs when no subcommand is named)."""

import secrets
from dataclasses import replace
from pathlib import Path

import typer
from sqlalchemy.engine import URL

from seed.cli import seed_options as opt
from seed.cli import spark_options as spark
from seed.cli.console import register_secrets, stderr_console, stdout_console
from seed.cli.options import DatabaseUrlOption, LockTimeoutOption, TargetOption, database_url
from seed.cli.progress import invoice_progress
from seed.cli.summary import render_summary
from seed.db.engine import DEFAULT_LOCK_TIMEOUT
from seed.domain.holds import parse_hold_reasons
from seed.domain.statuses import parse_statuses
from seed.errors import UsageError
from seed.generate.options import (
    DEFAULT_APPROVAL_LIMIT,
    DEFAULT_COMPANY,
    DEFAULT_PROJECT_NAME,
    DEFAULT_PROJECT_NUMBER,
    SeedOptions,
)
from seed.keys import check_run_id, new_run_id
from seed.run import RunSettings, SeedReport, SqlScript, seed_run
from seed.settings import secrets_of
from seed.targets.plan import DEFAULT_CHUNK_SIZE
from seed.targets.sql_script import CSV_WITH_SQL_FILE


def seed(
    ctx: typer.Context,
    per_status: opt.PerStatus = 2,
    status: opt.Status = None,
    hold_reason: opt.HoldReason = None,
    seed_value: opt.Seed = None,
    as_of: opt.AsOf = None,
    vendor: opt.Vendor = None,
    po: opt.Po = None,
    project_name: opt.ProjectName = DEFAULT_PROJECT_NAME,
    project_number: opt.ProjectNumber = DEFAULT_PROJECT_NUMBER,
    company: opt.Company = DEFAULT_COMPANY,
    approval_limit: opt.ApprovalLimit = str(DEFAULT_APPROVAL_LIMIT),
    database_url_text: DatabaseUrlOption = None,
    target: TargetOption = None,
    csv_dir: opt.CsvDir = None,
    run_id: opt.RunId = None,
    sql_file: opt.SqlFile = None,
    dialect: opt.Dialect = None,
    chunk_size: opt.ChunkSize = DEFAULT_CHUNK_SIZE,
    workers: opt.Workers = None,
    lock_timeout: LockTimeoutOption = DEFAULT_LOCK_TIMEOUT,
    engine: spark.Engine = "local",
    master: spark.SparkMaster = None,
    warehouse: spark.SparkWarehouse = None,
    schema: spark.SparkSchema = None,
    remote: spark.SparkRemote = None,
    quiet: opt.Quiet = False,
    verbose: opt.Verbose = False,
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
        as_of=opt.parse_as_of(as_of),
        per_status=per_status,
        statuses=parse_statuses(status),
        hold_reasons=parse_hold_reasons(hold_reason),
        vendor=vendor,
        po_number=po,
        project_number=project_number,
        project_name=project_name,
        company=company,
        approval_limit=opt.parse_amount(approval_limit, "--approval-limit"),
    )
    run = check_run_id(run_id) if run_id else new_run_id()
    on_spark = spark.spark_url(engine, target, master, warehouse, schema, remote)
    destination = _destination(database_url_text, target, sql_file, dialect, csv_dir, on_spark)
    settings = RunSettings(run, chunk_size, workers, lock_timeout, csv_dir)
    render_summary(stdout_console(), _seed_with_progress(destination, options, settings, quiet))


def _seed_with_progress(
    destination: URL | SqlScript, options: SeedOptions, settings: RunSettings, quiet: bool
) -> SeedReport:
    with invoice_progress(stderr_console(), options.invoice_count, quiet) as progress:
        return seed_run(destination, options, replace(settings, on_progress=progress))


def _destination(
    url: str | None,
    target: str | None,
    sql_file: Path | None,
    dialect: str | None,
    csv: Path | None,
    on_spark: URL | None,
) -> URL | SqlScript:
    """Where the run goes: Spark tables, a SQL script (of --dialect, else the URL's) or the
    database URL."""
    if on_spark is not None:
        given = [name for name, v in (("--database-url", url), ("--sql-file", sql_file)) if v]
        if given:
            raise UsageError(f"--engine spark writes Spark tables: drop {given[0]}")
        register_secrets(secrets_of(on_spark))
        return on_spark
    if dialect is not None and sql_file is None:
        raise UsageError("--dialect names the dialect of --sql-file: give --sql-file too")
    if sql_file is not None and csv is not None:
        raise UsageError(CSV_WITH_SQL_FILE)
    if sql_file is not None and dialect is not None:
        return SqlScript(sql_file, dialect)
    resolved = database_url(url, target)
    if sql_file is not None:
        return SqlScript(sql_file, resolved.get_backend_name())
    return resolved
