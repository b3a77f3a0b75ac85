"""``seed --sql-file``: the statements a run would execute, written to a file, connecting nowhere.

The script is the Databricks writer's statement stream (ledger row first, rows parents first, the
budget update, the ledger's completion) in the chosen dialect's spelling. For SQLite and PostgreSQL
it is wrapped in BEGIN/COMMIT, so running it is all or nothing there too.
"""

import time
from pathlib import Path
from typing import IO

from sqlalchemy.dialects import registry
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import NoSuchModuleError

from seed.errors import SeedError, UsageError
from seed.write.literals import DIALECTS
from seed.generate.options import SeedOptions
from seed.targets.stream import DEFAULT_CHUNK_SIZE, Progress
from seed.targets.local import SeedReport
from seed.targets.statement_run import RunLedger, run_statements
from seed.write.statements import StatementWriter


def load_dialect(name: str) -> Dialect:
    """A dialect by name, for rendering only (no driver is loaded, nothing connects)."""
    if name not in DIALECTS:
        raise UsageError(f"unknown dialect {name!r}: choose from {', '.join(DIALECTS)}")
    try:
        dialect: Dialect = registry.load(name)(paramstyle="named")
    except (ModuleNotFoundError, NoSuchModuleError):
        raise UsageError(
            f"the {name} dialect is not installed: pip install 'holdbusters-seeder[{name}]'"
        ) from None
    return dialect


def write_sql_script(
    path: Path,
    dialect_name: str,
    options: SeedOptions,
    run_id: str,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_progress: Progress | None = None,
) -> SeedReport:
    """Write the run's statements to ``path`` (replaced only when complete)."""
    dialect = load_dialect(dialect_name)
    started = time.perf_counter()
    if not path.parent.is_dir():
        raise SeedError(f"the folder {path.parent} does not exist: create it first")
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8") as handle:
            transactional = dialect.name != "databricks"
            _header(handle, dialect.name, run_id, transactional)

            def execute(sql: str) -> None:
                handle.write(f"{sql};\n\n")

            writer = StatementWriter(dialect, execute)
            ledger = RunLedger(writer, options, run_id)
            result = run_statements(writer, ledger, None, chunk_size, on_progress)
            if transactional:
                handle.write("COMMIT;\n")
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return SeedReport(
        result,
        options,
        f"{path} (a {dialect.name} SQL script; nothing was executed)",
        time.perf_counter() - started,
        writer.statements,
    )


def _header(handle: IO[str], dialect: str, run_id: str, transactional: bool) -> None:
    handle.write(
        f"-- holdbusters seed run {run_id} for {dialect}: run it after the migration script\n"
        "-- (alembic upgrade head, or its --sql output). It adds a new project.\n\n"
    )
    if transactional:
        handle.write("BEGIN;\n\n")
