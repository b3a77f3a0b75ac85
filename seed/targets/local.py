"""Seeds a SQLite or PostgreSQL database in one real transaction: all of a run, or nothing."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.engine import URL, Connection

from models import SeedRun
from seed.db.access import open_database, serialize_project
from seed.db.engine import DEFAULT_LOCK_TIMEOUT
from seed.errors import SeedError
from seed.runs.project import find_project
from seed.write.database import connection_sink
from seed.runs.ledger import COMPLETE, ledger_row, utcnow
from seed.generate.options import SeedOptions
from seed.targets.stream import DEFAULT_CHUNK_SIZE, Progress, RunResult, write_run
from seed.settings import mask_url
from seed.write.sink import CsvSink, Sink
from seed.db.columns import require_model_columns


@dataclass(frozen=True)
class SeedReport:
    result: RunResult
    options: SeedOptions
    database: str
    elapsed: float
    statements: int
    csv_files: tuple[Path, ...] = ()


def seed_database(
    url: URL,
    options: SeedOptions,
    run_id: str,
    *,
    csv_dir: Path | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_progress: Progress | None = None,
    before_commit: Callable[[Connection], None] | None = None,
    workers: int = 0,
) -> SeedReport:
    """Write one run; on any error roll back, so the database is exactly as it was.

    ``workers``: processes that generate invoices while this one writes (spawned: a script
    that asks for them needs the usual ``if __name__ == "__main__":`` guard).
    """
    started = time.perf_counter()
    csv_sink: CsvSink | None = None
    try:
        with open_database(url, lock_timeout, write=True) as connection:
            require_model_columns(connection, mask_url(url))
            csv_sink = _csv_sink(csv_dir)
            serialize_project(connection, options.project_number, lock_timeout)
            require_new_run(connection, run_id)
            started_at = utcnow()
            db_sink = connection_sink(connection)
            sinks: list[Sink] = [db_sink] if csv_sink is None else [db_sink, csv_sink]
            result = write_run(
                sinks,
                options,
                run_id,
                find_project(connection, options.project_number),
                chunk_size,
                on_progress,
                workers,
            )
            connection.execute(
                insert(SeedRun),
                ledger_row(
                    run_id,
                    options,
                    result.project_id,
                    started_at,
                    utcnow(),
                    COMPLETE,
                    dict(result.rows),
                ),
            )
            if before_commit is not None:
                before_commit(connection)
        files = tuple(csv_sink.commit()) if csv_sink is not None else ()
    except BaseException:
        if csv_sink is not None:
            csv_sink.discard()
        raise
    return SeedReport(
        result, options, mask_url(url), time.perf_counter() - started, db_sink.statements + 1, files
    )


def _csv_sink(csv_dir: Path | None) -> CsvSink | None:
    if csv_dir is None:
        return None
    try:
        return CsvSink(csv_dir)
    except OSError as exc:
        raise SeedError(
            f"cannot write CSV files into {csv_dir}: {exc.strerror or exc}; choose a folder"
        ) from None


def require_new_run(connection: Connection, run_id: str) -> None:
    taken = connection.execute(select(SeedRun.run_id).where(SeedRun.run_id == run_id)).first()
    if taken is not None:
        raise SeedError(f"run {run_id} already exists: choose another --run-id")
