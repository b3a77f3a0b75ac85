"""A run loaded through a Volume: Parquet files staged per table, then one ``COPY INTO`` each.

Shared by the live load (files uploaded as they close) and the offline one (files left in a
folder for the user to upload, statements written to a script): the ledger row first, the
run's rows as Parquet, ``COPY INTO`` parents first, the budget update of a reused project's
lines, in the same order as the statements path.
"""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table

from models import TABLES
from seed.keys import project_key
from seed.runs.project import ExistingProject
from seed.targets.plan import RunResult
from seed.targets.statement_run import RunLedger
from seed.targets.stream import write_run
from seed.write.parquet import Closed, ParquetSink
from seed.write.statements import StatementWriter


@dataclass(frozen=True)
class Staging:
    """Where a run's files are written (``local/<table>/part-*.parquet``) and where ``COPY INTO``
    finds them (``folder/<table>/``); ``on_closed`` gets each file once it is complete."""

    local: Path
    folder: str
    file_bytes: int
    on_closed: Closed | None = None


def staged_folder(volume: str, run_id: str) -> str:
    """The one folder a run stages into: removing it removes everything the run staged."""
    return f"{volume}/{run_id}"


def copy_into_sql(writer: StatementWriter, table: Table, folder: str) -> str:
    """Load every Parquet file of ``folder/<table>/``. COPY INTO skips files it has loaded
    before, so running the statement twice does not load a file twice. ``folder`` is a checked
    Volume path (no quotes or backslashes), so it is a plain string literal."""
    return (
        f"COPY INTO {writer.name(table)} FROM '{folder}/{table.name}/' "
        "FILEFORMAT = PARQUET COPY_OPTIONS ('mergeSchema' = 'false')"
    )


def stage_and_load(
    writer: StatementWriter,
    ledger: RunLedger,
    existing: ExistingProject | None,
    staging: Staging,
) -> RunResult:
    """Ledger row, the run staged, one COPY INTO per table, the reused lines' budget update.

    The caller completes the ledger (after removing the staged files, when it staged them)."""
    ledger.start(existing.project_id if existing else project_key(ledger.run_id))
    sink = ParquetSink(
        staging.local,
        per_table_folders=True,
        max_bytes=staging.file_bytes,
        on_closed=staging.on_closed,
    )
    try:
        result = write_run(sink, ledger.options, ledger.settings, existing)
        sink.close()
    except BaseException:
        sink.discard()
        raise
    for table in TABLES.values():
        writer.send(copy_into_sql(writer, table, staging.folder))
    writer.set_budget_amounts(sink.other_amounts)
    return result
