"""``seed --sql-file``: the statements a run would execute, written to a file, connecting nowhere.

The script is the Databricks writer's statement stream (ledger row first, rows parents first, the
budget update, the ledger's completion) in the chosen dialect's spelling. For SQLite and PostgreSQL
it is wrapped in BEGIN/COMMIT, so running it is all or nothing there too.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy.dialects import registry
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import NoSuchModuleError

from seed.errors import SeedError, UsageError
from seed.generate.options import SeedOptions
from seed.targets.plan import RunResult, RunSettings, SeedReport
from seed.targets.statement_run import RunLedger, run_statements
from seed.write.literals import DIALECTS
from seed.write.statements import StatementWriter


@dataclass(frozen=True)
class SqlScript:
    """A file to write a run's statements into, in a dialect, instead of executing them."""

    path: Path
    dialect: str


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


#: What writes a run's statements (ledger row first, completion last) and returns the run.
Body = Callable[[StatementWriter, RunLedger], RunResult]


def write_sql_script(
    script: SqlScript,
    options: SeedOptions,
    settings: RunSettings,
    body: Body | None = None,
    note: str = "",
) -> SeedReport:
    """Write the run's statements to the script's file (replaced only when complete).

    ``body`` writes them (default: literal INSERTs); ``note`` goes into the header comment."""
    path, run_id = script.path, settings.run_id
    dialect = load_dialect(script.dialect)
    started = time.perf_counter()
    if not path.parent.is_dir():
        raise SeedError(f"the folder {path.parent} does not exist: create it first")
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8") as handle:
            transactional = dialect.name != "databricks"
            _header(handle, dialect.name, run_id, transactional, note)

            def execute(sql: str) -> None:
                handle.write(f"{sql};\n\n")

            writer = StatementWriter(dialect, execute, settings.statement_bytes)
            ledger = RunLedger(writer, options, settings)
            result = (body or _inserts)(writer, ledger)
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


def _inserts(writer: StatementWriter, ledger: RunLedger) -> RunResult:
    return run_statements(writer, ledger, None)


def _header(handle: IO[str], dialect: str, run_id: str, transactional: bool, note: str) -> None:
    handle.write(
        f"-- holdbusters seed run {run_id} for {dialect}: run it after the migration script\n"
        "-- (alembic upgrade head, or its --sql output). It adds a new project.\n"
    )
    handle.write("".join(f"-- {line}\n" for line in note.splitlines()) + "\n")
    if transactional:
        handle.write("BEGIN;\n\n")
