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

from sqlalchemy.engine import Dialect

from seed.db.extras import dialect_class
from seed.errors import SeedError, UsageError
from seed.generate.options import SeedOptions
from seed.targets.plan import RunResult, RunSettings, SeedReport
from seed.targets.script_reuse import adopt_existing_project, render
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
    dialect: Dialect = dialect_class(name)(paramstyle="named")  # type: ignore[call-arg]
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
    partial = _partial_file(path)
    try:
        with partial.open("a", encoding="utf-8") as handle:
            transactional = dialect.name != "databricks"
            _header(handle, dialect.name, run_id, options.project_number, transactional, note)

            def execute(sql: str) -> None:
                handle.write(f"{sql};\n\n")

            writer = StatementWriter(dialect, execute, settings.statement_bytes)
            ledger = RunLedger(writer, options, settings)
            result = (body or _inserts)(writer, ledger)
            for statement in adopt_existing_project(run_id, options.project_number):
                writer.execute_now(render(statement, dialect))
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


def _partial_file(path: Path) -> Path:
    """The file the script is written to before it takes ``path``'s place; made (empty) now, so
    a path that cannot be written is one clear line before anything runs."""
    if not path.name or path.is_dir():
        raise UsageError(f"--sql-file {path} is a folder: name a file, e.g. {path / 'seed.sql'}")
    if not path.parent.is_dir():
        raise SeedError(f"the folder {path.parent} does not exist: create it first")
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.open("w", encoding="utf-8").close()
    except OSError as exc:
        raise SeedError(
            f"cannot write {path}: {exc.strerror or exc}; choose a writable folder"
        ) from None
    return partial


def _header(
    handle: IO[str],
    dialect: str,
    run_id: str,
    project_number: str,
    transactional: bool,
    note: str,
) -> None:
    handle.write(
        f"-- holdbusters seed run {run_id} for {dialect}: run it after the migration script\n"
        "-- (`seed migrate --sql`, or `alembic upgrade head --sql` in a checkout).\n"
        f"-- Where a project {project_number} exists, the run adds to it; else it makes it.\n"
    )
    handle.write("".join(f"-- {line}\n" for line in note.splitlines()) + "\n")
    if transactional:
        handle.write("BEGIN;\n\n")
