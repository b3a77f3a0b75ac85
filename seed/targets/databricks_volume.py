"""Seeds a Databricks SQL warehouse through a Volume: Parquet staged, then ``COPY INTO``.

The warehouse runs a handful of statements whatever the volume (the ledger's two, one
``COPY INTO`` per table, a budget update when a project is reused) instead of one large INSERT
per ~1,500 rows. Files go up through the Files API as soon as each is written (see
``seed.databricks.volume``), into ``<volume>/<run id>/<table>/``, and that folder is removed
once loaded. On any failure the run's rows (by key prefix) and its staged folder are removed
and the ledger says ``failed``; if that fails too, ``incomplete``, and the error names the
purge command and the folder to delete.
"""

import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import Table
from sqlalchemy.engine import URL

from seed.databricks.volume import (
    STAGED_FILE_BYTES,
    VolumeFiles,
    explain_volume_error,
    open_volume_files,
    remove_tree,
    require_volume,
)
from seed.db.columns import require_model_columns
from seed.db.engine import explained_errors, make_engine
from seed.db.schema import require_head
from seed.generate.options import SeedOptions
from seed.runs.ledger import COMPLETE, require_new_run
from seed.runs.project import find_project, refuse_ignored_options
from seed.settings import mask_url
from seed.targets.databricks import StagedFiles, clean_up, statement_executor
from seed.targets.plan import RunSettings, SeedReport
from seed.targets.statement_run import RunLedger
from seed.targets.volume_run import Staging, stage_and_load, staged_folder
from seed.write.statements import StatementWriter


def volume_files(url: URL) -> VolumeFiles:
    """The Files API of the workspace (tests replace this with a fake)."""
    return open_volume_files(url, os.environ)


def seed_databricks_volume(
    url: URL, options: SeedOptions, settings: RunSettings, volume: str
) -> SeedReport:
    """Stage the run in ``volume`` and load it with COPY INTO; on failure remove what it wrote."""
    where = mask_url(url)
    engine = make_engine(url)
    started = time.perf_counter()
    folder = staged_folder(volume, settings.run_id)
    try:
        with explained_errors(url, 0), engine.connect() as connection:
            require_head(connection, where)
            require_model_columns(connection, where)
            require_new_run(connection, settings.run_id)
            files = volume_files(url)
            require_volume(files, volume)
            existing = find_project(connection, options.project_number)
            refuse_ignored_options(existing, options)
            execute = statement_executor(connection)
            writer = StatementWriter(connection.dialect, execute, settings.statement_bytes)
            ledger = RunLedger(writer, options, settings)
            uploads = Uploads(files, volume, folder)
            staged = StagedFiles(folder, uploads.remove_all)
            try:
                with tempfile.TemporaryDirectory(prefix="seed-stage-") as local:
                    staging = Staging(Path(local), folder, STAGED_FILE_BYTES, uploads.upload)
                    result = stage_and_load(writer, ledger, existing, staging)
                uploads.remove_all()
                ledger.finish(COMPLETE, result)
            except BaseException as exc:
                replacement = clean_up(connection, ledger, exc, url, existing, staged)
                if replacement is exc:
                    raise
                raise replacement from exc
    finally:
        engine.dispose()
    elapsed = time.perf_counter() - started
    database = f"{where}, loaded from {uploads.count} Parquet files staged in {folder}"
    return SeedReport(result, options, database, elapsed, writer.statements)


class Uploads:
    """The run's files in the Volume: each uploaded (then deleted locally) as soon as it is
    complete; all removed with their folder at the end, or after a failure."""

    def __init__(self, files: VolumeFiles, volume: str, folder: str) -> None:
        self.files = files
        self.volume = volume
        self.folder = folder
        self.count = 0

    def upload(self, table: Table, path: Path) -> None:
        target = f"{self.folder}/{table.name}/{path.name}"
        try:
            with path.open("rb") as contents:
                self.files.upload(target, contents, overwrite=True)
        except Exception as exc:
            raise explain_volume_error(exc, self.volume) from exc
        path.unlink()
        self.count += 1

    def remove_all(self) -> None:
        try:
            remove_tree(self.files, self.folder)
        except Exception as exc:
            raise explain_volume_error(exc, self.volume) from exc
