"""Seeds a Databricks SQL warehouse: a few large statements, and cleanup instead of rollback.

Databricks commits every statement on its own, so a run cannot be one transaction there. Instead
the run's ledger row is written first (outcome ``running``); if any later statement fails, the
rows this run wrote (all keys begin with ``<run id>-``) are deleted and the ledger says
``failed``; if even that fails it says ``incomplete`` and the error names the run to purge.
"""

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.engine import URL, Connection

from seed.db.columns import require_model_columns
from seed.db.engine import explain_database_error, explained_errors, make_engine
from seed.db.schema import require_head
from seed.errors import SeedError
from seed.generate.options import SeedOptions
from seed.keys import run_prefix
from seed.runs.ledger import FAILED, INCOMPLETE, require_new_run
from seed.runs.project import ExistingProject, find_project, refuse_ignored_options
from seed.runs.rows import delete_run_rows
from seed.settings import mask_url
from seed.targets.plan import RunSettings, SeedReport
from seed.targets.statement_run import RunLedger, run_statements
from seed.write.statements import StatementWriter


def seed_databricks(url: URL, options: SeedOptions, settings: RunSettings) -> SeedReport:
    """Write one run with multi-row INSERTs; on any failure remove what it wrote, then raise."""
    where = mask_url(url)
    engine = make_engine(url)
    started = time.perf_counter()
    try:
        with explained_errors(url, 0), engine.connect() as connection:
            require_head(connection, where)
            require_model_columns(connection, where)
            require_new_run(connection, settings.run_id)
            existing = find_project(connection, options.project_number)
            refuse_ignored_options(existing, options)
            execute = statement_executor(connection)
            writer = StatementWriter(connection.dialect, execute, settings.statement_bytes)
            ledger = RunLedger(writer, options, settings)
            try:
                result = run_statements(writer, ledger, existing)
            except BaseException as exc:
                replacement = clean_up(connection, ledger, exc, url, existing)
                if replacement is exc:
                    raise
                raise replacement from exc
    finally:
        engine.dispose()
    return SeedReport(result, options, where, time.perf_counter() - started, writer.statements)


def statement_executor(connection: Connection) -> Callable[[str], None]:
    """Statements are complete SQL text: sent as they are, with no parameter processing."""
    quiet = connection.execution_options(no_parameters=True)

    def execute(sql: str) -> None:
        quiet.exec_driver_sql(sql)

    return execute


@dataclass(frozen=True)
class StagedFiles:
    """The folder a run staged files into, and how to remove it."""

    folder: str
    remove: Callable[[], None]


def clean_up(
    connection: Connection,
    ledger: RunLedger,
    error: BaseException,
    url: URL,
    existing: ExistingProject | None,
    staged: StagedFiles | None = None,
) -> BaseException:
    """Remove the run's rows (and staged files) and set back the budgets of a reused project's
    lines after ``error``; the exception to raise instead."""
    reason = _reason(error, url)
    run_id = ledger.run_id
    causes: list[str] = []
    remains: list[str] = []
    try:
        delete_run_rows(connection, run_id)
    except Exception as cleanup_error:
        causes.append(_reason(cleanup_error, url))
        remains.append(
            f"rows of run {run_id} remain in {mask_url(url)}; remove them with "
            f"`seed purge {run_id} --target databricks` (every key of the run begins with "
            f"'{run_prefix(run_id)}')"
        )
    budgets = _budgets_before(ledger.writer, existing)
    try:
        ledger.writer.update_budget_amounts(budgets)
    except Exception as cleanup_error:
        causes.append(_reason(cleanup_error, url))
        amounts = ", ".join(f"{line_id} = {amount}" for line_id, amount in sorted(budgets.items()))
        remains.append(f"budget_amount is not set back on the reused budget lines ({amounts})")
    if staged is not None:
        try:
            staged.remove()
        except Exception as cleanup_error:
            causes.append(_reason(cleanup_error, url))
            remains.append(
                f"its staged files remain in {staged.folder}; delete that folder "
                f"(databricks fs rm -r dbfs:{staged.folder})"
            )
    if remains:
        cause = "; ".join(causes)
        with suppress(Exception):  # if not, the ledger row says "running": just as telling
            ledger.finish(INCOMPLETE, None, f"{reason}; cleanup failed: {cause}")
        only_rows = len(remains) == 1 and remains[0].startswith("rows of run")
        what = "removing its rows" if only_rows else "cleaning up"
        return SeedError(
            f"run {run_id} failed ({reason}) and {what} failed too ({cause}): "
            + "; and ".join(remains)
        )
    with suppress(Exception):  # the rows are gone; if not, the ledger row says "running"
        ledger.finish(FAILED, None, reason)
    if not isinstance(error, Exception):
        return error  # KeyboardInterrupt and friends keep their meaning
    removed = "its rows" if staged is None else "its rows and staged files"
    return SeedError(f"run {run_id} failed and {removed} were removed: {reason}")


def _budgets_before(
    writer: StatementWriter, existing: ExistingProject | None
) -> dict[str, Decimal]:
    """The amounts the run's budget update replaced on lines of a project it reused (Databricks
    cannot roll an UPDATE back); the run's own lines are deleted with its rows."""
    if existing is None:
        return {}
    found = existing.budget_amounts()
    return {line_id: found[line_id] for line_id in writer.budget_lines_updated if line_id in found}


def _reason(error: BaseException, url: URL) -> str:
    if isinstance(error, SeedError):
        return str(error)
    if not isinstance(error, Exception):
        return type(error).__name__
    return str(explain_database_error(error, url, 0))
