"""SQL scripts reuse the project as a direct run does, and verify finds a project number used by
two projects."""

import sqlite3
from pathlib import Path

import psycopg
import pytest
import sqlglot
from sqlalchemy import URL
from sqlglot import expressions as exp

from tests.fake_databricks import FakeDatabricks
from tests.support import url_arg


def test_verify_finds_a_project_number_used_twice(sqlite_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    db = ("--database-url", url_arg(sqlite_url))
    assert run_cli(*db, "-n", "1", "--run-id", "RONE", "-q").code == 0
    with sqlite3.connect(str(sqlite_url.database)) as connection:
        connection.execute(
            "INSERT INTO projects (id, project_number, name, company, currency, created_at) "
            "SELECT 'RTWO-P', project_number, name, company, currency, created_at FROM projects"
        )
    result = run_cli("verify", *db)
    assert result.code == 1
    assert (
        "FAIL one project per project number: no two projects have the same project number; "
        "2 projects row(s), e.g. RONE-P, RTWO-P"
    ) in " ".join(result.out.split())


def _script(run_cli, tmp_path: Path, dialect: str, seed: str) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{dialect}-{seed}.sql"
    args = ("-n", "3", "--seed", seed, "--as-of", "2026-11-24", "--run-id", f"RS{seed}")
    result = run_cli(*args, "--dialect", dialect, "--sql-file", str(path))
    assert result.code == 0, result.err
    return path.read_text(encoding="utf-8")


def _one_project(rows: list[tuple[str, str]], invoices: set[str]) -> str:
    assert len(rows) == 1, rows
    (project_id, _number) = rows[0]
    assert invoices == {project_id}
    return project_id


def test_sqlite_scripts_reuse_the_project(sqlite_url: URL, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = ("--database-url", url_arg(sqlite_url))
    assert (
        run_cli(*db, "-n", "2", "--run-id", "RDIRECT", "--project-name", "Harbor", "-q").code == 0
    )
    for seed in ("1", "2"):
        with sqlite3.connect(str(sqlite_url.database)) as connection:
            connection.executescript(_script(run_cli, tmp_path, "sqlite", seed))
    with sqlite3.connect(str(sqlite_url.database)) as connection:
        projects = connection.execute("SELECT id, project_number FROM projects").fetchall()
        invoices = {r for (r,) in connection.execute("SELECT DISTINCT project_id FROM invoices")}
        assert _one_project(projects, invoices) == "RDIRECT-P"
        assert connection.execute("SELECT count(*) FROM budget_lines").fetchone() == (5,)
        ledger = connection.execute("SELECT DISTINCT project_id FROM seed_runs").fetchall()
        assert ledger == [("RDIRECT-P",)]
    verified = run_cli("verify", *db)
    assert verified.code == 0, verified.out


def test_a_script_on_an_empty_database_makes_the_project(
    sqlite_url: URL, run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(str(sqlite_url.database)) as connection:
        connection.executescript(_script(run_cli, tmp_path, "sqlite", "1"))
        assert connection.execute("SELECT id FROM projects").fetchall() == [("RS1-P",)]
    assert run_cli("verify", "--database-url", url_arg(sqlite_url)).code == 0


@pytest.mark.postgres
def test_postgresql_scripts_reuse_the_project(pg_url: URL, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dsn = pg_url.set(drivername="postgresql").render_as_string(hide_password=False)
    for seed in ("1", "2"):
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(_script(run_cli, tmp_path, "postgresql", seed).encode())
    with psycopg.connect(dsn) as connection:
        projects = connection.execute("SELECT id, project_number FROM projects").fetchall()
        invoices = {r for (r,) in connection.execute("SELECT DISTINCT project_id FROM invoices")}
        assert _one_project(projects, invoices) == "RS1-P"
    verified = run_cli("verify", "--database-url", url_arg(pg_url))
    assert verified.code == 0, verified.out


def test_databricks_scripts_reuse_the_project_with_merge(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Run statement by statement, as the SQL editor does, on the fake driver's twin."""
    fake = FakeDatabricks()
    cursor = fake.connect().cursor()
    for seed in ("1", "2"):
        script = _script(run_cli, tmp_path, "databricks", seed)
        parsed = [s for s in sqlglot.parse(script, read="databricks") if s is not None]
        assert sum(isinstance(s, exp.Merge) for s in parsed) == 5
        for statement in parsed:
            cursor.execute(statement.sql("databricks"))
    projects = fake.twin.execute("SELECT id, project_number FROM projects").fetchall()
    invoices = {r for (r,) in fake.twin.execute("SELECT DISTINCT project_id FROM invoices")}
    assert _one_project(projects, invoices) == "RS1-P"
    assert fake.twin.execute("SELECT count(*) FROM budget_lines").fetchone() == (5,)
