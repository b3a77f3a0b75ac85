"""`seed [OPTIONS]`: seeds one run (the command that runs when no subcommand is named)."""

import os
import secrets
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer
from sqlalchemy.engine import URL

from seed.cli import seed_options as opt
from seed.cli import spark_options as spark
from seed.cli.console import register_secrets, stderr_console, stdout_console
from seed.cli.interrupt import ROLLED_BACK, interrupting_means
from seed.cli.options import (
    DatabaseUrlOption,
    LockTimeoutOption,
    Quiet,
    TargetOption,
    database_url,
)
from seed.cli.progress import invoice_progress
from seed.cli.summary import render_summary
from seed.databricks.volume import volume_setting
from seed.db.engine import DEFAULT_LOCK_TIMEOUT
from seed.domain.holds import parse_hold_reasons
from seed.domain.statuses import parse_statuses
from seed.errors import UsageError
from seed.generate.options import (
    DEFAULT_APPROVAL_LIMIT,
    DEFAULT_PROJECT_NUMBER,
    SeedOptions,
)
from seed.generate.plan import parse_mix
from seed.keys import check_run_id, new_run_id
from seed.run import RunSettings, SeedReport, SqlScript, seed_run
from seed.settings import secrets_of
from seed.targets.plan import DEFAULT_CHUNK_SIZE


def seed(
    ctx: typer.Context,
    per_status: opt.PerStatus = None,
    invoices: opt.Invoices = None,
    mix: opt.Mix = None,
    status: opt.Status = None,
    hold_reason: opt.HoldReason = None,
    seed_value: opt.Seed = None,
    as_of: opt.AsOf = None,
    vendor: opt.Vendor = None,
    po: opt.Po = None,
    project_name: opt.ProjectName = None,
    project_number: opt.ProjectNumber = DEFAULT_PROJECT_NUMBER,
    company: opt.Company = None,
    approval_limit: opt.ApprovalLimit = str(DEFAULT_APPROVAL_LIMIT),
    database_url_text: DatabaseUrlOption = None,
    target: TargetOption = None,
    csv_dir: opt.CsvDir = None,
    parquet_dir: opt.ParquetDir = None,
    load: opt.Load = None,
    volume: opt.Volume = None,
    stage_dir: opt.StageDir = None,
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
    quiet: Quiet = False,
    verbose: opt.Verbose = False,
    version: opt.Version = False,
) -> None:
    """Seed one run of realistic Hold Busters data: a project, its budget lines, invoices in
    every status, their lines and integration responses, in one transaction. Create the schema
    once with `seed migrate`.

    Example: seed --per-status 2 --seed 42 --as-of 2026-11-24

    Example: seed --invoices 10000 --mix realistic --seed 1

    Example: seed --per-status 2 --dialect postgresql --sql-file seed.sql
    """
    if ctx.invoked_subcommand is not None:
        return
    options = _options(
        seed_value, as_of, _shape(per_status, invoices, mix, status), hold_reason, vendor, po,
        project_number, project_name, company, approval_limit,
    )  # fmt: skip
    on_spark = spark.spark_url(engine, target, master, warehouse, schema, remote)
    destination = _destination(database_url_text, target, sql_file, dialect, on_spark)
    settings = _settings(
        destination, run_id, chunk_size, workers, lock_timeout,
        csv_dir, parquet_dir, load, volume, stage_dir,
    )  # fmt: skip
    render_summary(stdout_console(), _seed_with_progress(destination, options, settings, quiet))


def _options(
    seed_value: int | None,
    as_of: str | None,
    shape: dict[str, Any],
    hold_reason: list[str] | None,
    vendor: str | None,
    po: str | None,
    project_number: str,
    project_name: str | None,
    company: str | None,
    approval_limit: str,
) -> SeedOptions:
    """What the run contains, from the options as typed (a random seed unless one is given)."""
    return SeedOptions(
        seed=seed_value if seed_value is not None else secrets.randbelow(2**31),
        as_of=opt.parse_as_of(as_of),
        **shape,
        hold_reasons=parse_hold_reasons(hold_reason),
        vendor=vendor,
        po_number=po,
        project_number=project_number,
        project_name=project_name,
        company=company,
        approval_limit=opt.parse_amount(approval_limit, "--approval-limit"),
    )


def _seed_with_progress(
    destination: URL | SqlScript, options: SeedOptions, settings: RunSettings, quiet: bool
) -> SeedReport:
    interrupting_means(_left_by_interruption(destination))
    with invoice_progress(stderr_console(), options.invoice_count, quiet) as progress:
        return seed_run(destination, options, replace(settings, on_progress=progress))


def _shape(
    per_status: int | None, invoices: int | None, mix: str | None, status: list[str] | None
) -> dict[str, Any]:
    """SeedOptions' shape fields: --per-status (and --status), or --invoices with --mix."""
    if invoices is None:
        if mix is not None:
            raise UsageError("--mix sets the shares of --invoices: give --invoices too")
        return {
            "per_status": 2 if per_status is None else per_status,
            "statuses": parse_statuses(status),
        }
    if per_status is not None:
        raise UsageError("choose --per-status or --invoices, not both")
    if status:
        raise UsageError("--status chooses statuses for --per-status; with --invoices use --mix")
    return {"invoices": invoices, "mix": tuple(parse_mix(mix or "realistic").items())}


def _left_by_interruption(destination: URL | SqlScript) -> str:
    if isinstance(destination, SqlScript):
        return f"{destination.path} was not written"
    if destination.get_backend_name() in ("databricks", "spark"):
        return "the rows the run had written were removed (`seed runs` lists any left)"
    return ROLLED_BACK


def _destination(
    url: str | None,
    target: str | None,
    sql_file: Path | None,
    dialect: str | None,
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
    if sql_file is not None and dialect is not None:
        return SqlScript(sql_file, dialect)
    resolved = database_url(url, target)
    if sql_file is not None:
        return SqlScript(sql_file, resolved.get_backend_name())
    return resolved


def _settings(
    destination: URL | SqlScript,
    run_id: str | None,
    chunk_size: int,
    workers: int | None,
    lock_timeout: float,
    csv_dir: Path | None,
    parquet_dir: Path | None,
    load: str | None,
    volume: str | None,
    stage_dir: Path | None,
) -> RunSettings:
    """How the run is carried out; DATABRICKS_VOLUME counts for Databricks destinations only."""
    if isinstance(destination, SqlScript):
        databricks = destination.dialect == "databricks"
    else:
        databricks = destination.get_backend_name() == "databricks"
    return RunSettings(
        check_run_id(run_id) if run_id else new_run_id(),
        chunk_size, workers, lock_timeout, csv_dir, parquet_dir, load,
        volume_setting(volume, databricks, os.environ), stage_dir,
    )  # fmt: skip
