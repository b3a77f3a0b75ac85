"""Seeds a run on Spark (local, Spark Connect, Databricks Connect): one run or nothing.

The invoices are generated inside Spark tasks into the run's staging table; only when that job
has succeeded are rows published into the five tables. If anything fails after that, the rows the
run published (every key begins with ``<run id>-``) are removed again: with ``DELETE`` where the
table format has it (Delta), by rewriting the table without them where it has not (Parquet). The
ledger row is written once, at the end, with the outcome: Parquet cannot update a row.
"""

import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import URL, Connection

from models import SeedRun
from seed.db.columns import require_model_columns
from seed.db.engine import make_engine
from seed.db.schema import require_head
from seed.engines.spark.dialect import SparkDialect
from seed.engines.spark.errors import explain_spark_error
from seed.engines.spark.generate import GENERATED
from seed.engines.spark.progress import TaskProgress, job_progress
from seed.engines.spark.publish import publish
from seed.engines.spark.session import spark_session
from seed.engines.spark.stage import partitions_for, stage_invoices, staged_counts, staging_table
from seed.engines.spark.tables import ensure_schema
from seed.engines.spark.target import SparkTarget, target_from_url
from seed.errors import SeedError
from seed.generate.factories import RunContext
from seed.generate.options import SeedOptions
from seed.keys import project_key, run_prefix
from seed.runs.ledger import COMPLETE, FAILED, INCOMPLETE, ledger_row, require_new_run, utcnow
from seed.runs.project import ExistingProject, find_project
from seed.runs.rows import delete_run_rows
from seed.settings import mask_url
from seed.targets.databricks import statement_executor
from seed.targets.plan import RunResult, RunSettings, SeedReport
from seed.targets.stream import plan_project
from seed.write.statements import StatementWriter


def seed_spark(url: URL, options: SeedOptions, settings: RunSettings) -> SeedReport:
    """Generate and write one run with Spark; on any failure remove what it wrote, then raise."""
    target = target_from_url(url)
    where = mask_url(url)
    started = time.perf_counter()
    spark = spark_session(target)
    if target.databricks is None:  # Databricks has its tables from the migrations
        ensure_schema(spark, target.schema, SparkDialect())
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            require_head(connection, where)
            require_model_columns(connection, where)
            require_new_run(connection, settings.run_id)
            job = SparkRun(
                spark,
                target,
                options,
                settings,
                find_project(connection, options.project_number),
                StatementWriter(
                    connection.dialect, statement_executor(connection), settings.statement_bytes
                ),
            )
            result = job.run_or_nothing(connection, where)
    finally:
        engine.dispose()
    statements = job.writer.statements + 1 + len(GENERATED)
    return SeedReport(result, options, where, time.perf_counter() - started, statements)


@dataclass
class SparkRun:
    spark: Any
    target: SparkTarget
    options: SeedOptions
    settings: RunSettings
    existing: ExistingProject | None
    writer: StatementWriter

    @property
    def run_id(self) -> str:
        return self.settings.run_id

    def run_or_nothing(self, connection: Connection, where: str) -> RunResult:
        started_at = utcnow()
        staging = staging_table(self.run_id)
        try:
            result = self._run(staging)
            if self.settings.before_commit is not None:
                self.settings.before_commit(connection)
            # Inside: a run the ledger cannot call complete is removed like any failed one.
            self._record(started_at, COMPLETE, result, None)
        except BaseException as exc:
            replacement = self._clean_up(connection, staging, exc, started_at, where)
            if replacement is exc:
                raise
            raise replacement from exc
        with suppress(Exception):  # the run is complete; a leftover staging table harms nothing
            self.spark.sql(f"DROP TABLE IF EXISTS {staging}")
        return result

    def _run(self, staging: str) -> RunResult:
        options, settings = self.options, self.settings
        plan = plan_project(options, self.run_id, self.existing)
        run = RunContext(self.run_id, options, plan.context(options))
        partitions = partitions_for(options.invoice_count, self.target.partitions)
        progress = (
            TaskProgress(run, partitions, settings.on_progress)
            if settings.on_progress is not None and options.invoice_count
            else None
        )
        self.spark.sql(f"DROP TABLE IF EXISTS {staging}")  # left by a killed attempt
        with job_progress(self.spark, progress):
            stage_invoices(self.spark, staging, run, settings.chunk_size, partitions)
        counts = staged_counts(self.spark, staging)
        raised = plan.sized_budgets(counts.spend)
        publish(self.spark, self.writer, staging, plan, raised)
        result = RunResult(self.run_id, plan.project_id, self.existing is not None)
        result.rows["projects"] = 0 if plan.project_row is None else 1
        result.rows["budget_lines"] = len(plan.budget_rows)
        result.add_invoices(counts)
        return result

    def _record(
        self, started_at: datetime, outcome: str, result: RunResult | None, message: str | None
    ) -> None:
        project_id = self.existing.project_id if self.existing else project_key(self.run_id)
        row = ledger_row(
            self.run_id,
            self.options,
            project_id,
            started_at,
            utcnow(),
            outcome,
            dict(result.rows) if result else None,
            message,
        )
        self.writer.insert_now(SeedRun.__table__, [row])  # type: ignore[arg-type]

    def _clean_up(
        self,
        connection: Connection,
        staging: str,
        error: BaseException,
        started_at: datetime,
        where: str,
    ) -> BaseException:
        """Remove the run's rows after ``error`` and put back the budgets it raised; the
        exception to raise in its place."""
        reason = self._reason(error)
        with suppress(Exception):
            self.spark.sql(f"DROP TABLE IF EXISTS {staging}")
        try:
            delete_run_rows(connection, self.run_id)
            if self.existing is not None:  # the reused project's budgets as they were
                self.writer.set_budget_amounts(self.existing.budget_amounts())
        except Exception as cleanup_error:
            cleanup_reason = self._reason(cleanup_error)
            with suppress(Exception):
                self._record(
                    started_at, INCOMPLETE, None, f"{reason}; cleanup failed: {cleanup_reason}"
                )
            return SeedError(
                f"run {self.run_id} failed ({reason}) and removing its rows failed too "
                f"({cleanup_reason}): remove them with `seed purge {self.run_id} --database-url "
                f"'{where}'` (every key of the run begins with '{run_prefix(self.run_id)}')"
            )
        with suppress(Exception):
            self._record(started_at, FAILED, None, reason)
        if not isinstance(error, Exception):
            return error
        return SeedError(f"run {self.run_id} failed and wrote no rows: {reason}")

    def _reason(self, error: BaseException) -> str:
        if isinstance(error, SeedError):
            return str(error)
        if not isinstance(error, Exception):
            return type(error).__name__
        return str(explain_spark_error(error, self.target))
