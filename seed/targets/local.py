"""Seeds a SQLite or PostgreSQL database in one real transaction: all of a run, or nothing."""

import time

from sqlalchemy import insert
from sqlalchemy.engine import URL

from models import SeedRun
from seed.db.access import open_database, serialize_project
from seed.db.columns import require_model_columns
from seed.generate.options import SeedOptions
from seed.runs.ledger import COMPLETE, ledger_row, require_new_run, utcnow
from seed.runs.project import find_project
from seed.settings import mask_url
from seed.targets.plan import RunSettings, SeedReport
from seed.targets.stream import write_run
from seed.write.csv_files import CsvSink
from seed.write.database import connection_sink
from seed.write.parquet import ParquetExport
from seed.write.sink import Export, Fanout, Sink


def seed_local(url: URL, options: SeedOptions, settings: RunSettings) -> SeedReport:
    """Write one run; on any error roll back, so the database is exactly as it was."""
    started = time.perf_counter()
    exports: list[Export] = []
    run_id = settings.run_id
    try:
        with open_database(url, settings.lock_timeout, write=True) as connection:
            require_model_columns(connection, mask_url(url))
            exports = _exports(settings)
            serialize_project(connection, options.project_number, settings.lock_timeout)
            require_new_run(connection, run_id)
            started_at = utcnow()
            db_sink = connection_sink(connection)
            sink: Sink = Fanout([db_sink, *exports]) if exports else db_sink
            existing = find_project(connection, options.project_number)
            result = write_run(sink, options, settings, existing)
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
            if settings.before_commit is not None:
                settings.before_commit(connection)
        files = tuple(path for export in exports for path in export.commit())
    except BaseException:
        for export in exports:
            export.discard()
        raise
    elapsed = time.perf_counter() - started
    return SeedReport(result, options, mask_url(url), elapsed, db_sink.statements + 1, files)


def _exports(settings: RunSettings) -> list[Export]:
    """The files asked for beside the database: CSV, Parquet."""
    exports: list[Export] = []
    if settings.csv_dir is not None:
        exports.append(CsvSink(settings.csv_dir))
    if settings.parquet_dir is not None:
        exports.append(ParquetExport(settings.parquet_dir))
    return exports
