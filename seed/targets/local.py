"""Seeds a SQLite or PostgreSQL database in one real transaction: all of a run, or nothing."""

import time
from pathlib import Path

from sqlalchemy import insert, text
from sqlalchemy.engine import URL, Connection

from models import DASHBOARD_TABLES, TABLES, SeedRun
from seed.db.access import open_database, serialize_project
from seed.db.columns import require_model_columns
from seed.errors import SeedError
from seed.generate.options import SeedOptions
from seed.runs.ledger import COMPLETE, ledger_row, require_new_run, utcnow
from seed.runs.project import find_project, project_rows, refuse_ignored_options
from seed.settings import mask_url
from seed.targets.plan import RunSettings, SeedReport
from seed.targets.stream import write_run
from seed.write.csv_files import CsvSink
from seed.write.database import connection_sink
from seed.write.sink import Fanout, Sink


def seed_local(url: URL, options: SeedOptions, settings: RunSettings) -> SeedReport:
    """Write one run; on any error roll back, so the database is exactly as it was."""
    started = time.perf_counter()
    csv_sink: CsvSink | None = None
    run_id = settings.run_id
    try:
        with open_database(url, settings.lock_timeout, write=True) as connection:
            require_model_columns(connection, mask_url(url))
            csv_sink = _csv_sink(settings.csv_dir)
            serialize_project(connection, options.project_number, settings.lock_timeout)
            require_new_run(connection, run_id)
            started_at = utcnow()
            db_sink = connection_sink(connection)
            sink: Sink = db_sink if csv_sink is None else Fanout([db_sink, csv_sink])
            existing = find_project(connection, options.project_number)
            refuse_ignored_options(existing, options)
            result = write_run(sink, options, settings, existing)
            if csv_sink is not None and existing is not None:
                for name, rows in project_rows(connection, existing.project_id).items():
                    csv_sink.insert(TABLES[name], rows)
            row = ledger_row(
                run_id,
                options,
                result.project_id,
                started_at,
                utcnow(),
                COMPLETE,
                dict(result.rows),
            )
            connection.execute(insert(SeedRun), row)
            _analyze(connection)
            if settings.before_commit is not None:
                settings.before_commit(connection)
        files = tuple(csv_sink.commit()) if csv_sink is not None else ()
    except BaseException:
        if csv_sink is not None:
            csv_sink.discard()
        raise
    elapsed = time.perf_counter() - started
    return SeedReport(result, options, mask_url(url), elapsed, db_sink.statements + 1, files)


def _analyze(connection: Connection) -> None:
    """PostgreSQL: statistics of the tables just loaded, as its manual advises after a bulk
    load. Until autovacuum gets to them the planner assumes a handful of rows and loops over
    "them" (verify and dashboard queries turn quadratic). SQLite plans without statistics."""
    if connection.dialect.name == "postgresql":
        tables = ", ".join(table.name for table in DASHBOARD_TABLES)
        connection.execute(text(f"ANALYZE {tables}"))


def _csv_sink(csv_dir: Path | None) -> CsvSink | None:
    if csv_dir is None:
        return None
    try:
        return CsvSink(csv_dir)
    except OSError as exc:
        raise SeedError(
            f"cannot write CSV files into {csv_dir}: {exc.strerror or exc}; choose a folder"
        ) from None
