"""`seed --sql-file`: the run's statements in a file, for each dialect, connecting nowhere."""

import sqlite3
from datetime import date
from pathlib import Path

import psycopg
import pytest
import sqlglot
from sqlalchemy import URL
from sqlglot import expressions as exp

from models import TABLES
from seed.generate.options import SeedOptions
from seed.run import RunSettings, seed_run
from tests.fake_databricks import FakeDatabricks
from tests.helpers import read_tables
from tests.support import CliResult, migrate

READ = {"databricks": "databricks", "postgresql": "postgres", "sqlite": "sqlite"}
ARGS = ("--per-status", "3", "--seed", "5", "--as-of", "2026-11-24", "--run-id", "RSQL")
OPTIONS = SeedOptions(seed=5, as_of=date(2026, 11, 24), per_status=3)


def write_script(run_cli, tmp_path: Path, dialect: str) -> tuple[CliResult, str]:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{dialect}.sql"
    result = run_cli(*ARGS, "--dialect", dialect, "--sql-file", str(path))
    assert result.code == 0, result.err
    return result, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("dialect", sorted(READ))
def test_the_script_parses_for_each_dialect(run_cli, tmp_path: Path, dialect: str) -> None:  # type: ignore[no-untyped-def]
    result, script = write_script(run_cli, tmp_path, dialect)
    parsed = [e for e in sqlglot.parse(script, read=READ[dialect]) if e is not None]
    assert not [e for e in parsed if isinstance(e, exp.Command)]
    inserts = [e.this.this.name for e in parsed if isinstance(e, exp.Insert)]
    assert inserts == ["seed_runs", *TABLES]
    changes = (exp.Update, exp.Merge, exp.Delete)
    statements = len(inserts) + sum(isinstance(e, changes) for e in parsed)
    assert f"({statements} statements)" in result.out
    assert "nothing was executed" in result.out


def test_sqlite_script_gives_the_same_rows_as_seeding(
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    sqlite_url: URL,
) -> None:
    _, script = write_script(run_cli, tmp_path, "sqlite")
    assert sqlite_url.database is not None
    with sqlite3.connect(sqlite_url.database) as connection:
        connection.executescript(script)
    direct = tmp_path / "direct"
    direct.mkdir()
    direct_url = sqlite_url.set(database=str(direct / "holdbusters.db"))
    migrate(direct_url)
    seed_run(direct_url, OPTIONS, RunSettings("RSQL"))
    assert read_tables(sqlite_url) == read_tables(direct_url)
    assert raw_rows(sqlite_url.database) == raw_rows(str(direct / "holdbusters.db"))


def raw_rows(path: str) -> dict[str, list[tuple[object, ...]]]:
    """Exactly what SQLite stores, storage classes included."""
    with sqlite3.connect(path) as connection:
        return {
            name: connection.execute(
                f"SELECT *, {', '.join(f'typeof({c.name})' for c in table.columns)} "
                f"FROM {name} ORDER BY id"
            ).fetchall()
            for name, table in TABLES.items()
        }


@pytest.mark.postgres
def test_postgresql_script_runs_and_gives_the_seeded_rows(
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    pg_url: URL,
    sqlite_url: URL,
) -> None:
    _, script = write_script(run_cli, tmp_path, "postgresql")
    dsn = pg_url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(script.encode())
    seed_run(sqlite_url, OPTIONS, RunSettings("RSQL"))
    assert read_tables(pg_url) == read_tables(sqlite_url)


def test_databricks_script_runs_statement_by_statement(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Through the fake driver, as the SQL editor would run it: one statement at a time."""
    _, script = write_script(run_cli, tmp_path, "databricks")
    fake = FakeDatabricks()
    cursor = fake.connect().cursor()
    for statement in sqlglot.parse(script, read="databricks"):
        if statement is not None:
            cursor.execute(statement.sql("databricks"))
    assert len(fake.keys("invoices")) == 15
    assert fake.twin.execute("SELECT outcome FROM seed_runs").fetchall() == [("complete",)]


def test_sql_file_needs_no_database_and_no_credentials(
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("--dialect", "databricks", "--sql-file", "s.sql")
    assert result.code == 0, result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.sql"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--dialect", "sqlite"), 2, "--dialect names the dialect of --sql-file"),
        (("--dialect", "oracle", "--sql-file", "x.sql"), 2, "unknown dialect 'oracle'"),
        (("--sql-file", "missing/x.sql", "--dialect", "sqlite"), 1, "does not exist"),
        (("--sql-file", "x.sql", "--csv", "out"), 2, "either --sql-file or --csv"),
    ],
)
def test_bad_sql_file_options(
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    assert result.code == code
    assert message in result.err
    assert list(tmp_path.iterdir()) == []
