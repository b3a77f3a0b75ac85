"""`seed migrate` makes the schema `seed` writes to, as `alembic upgrade head` does in a repo."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import URL, create_engine, inspect, make_url

from models import Base
from seed.errors import UPGRADE_HINT
from tests.support import migrate, url_arg


def _schema(url: URL) -> dict[str, list[str]]:
    engine = create_engine(url)
    try:
        inspector = inspect(engine)
        return {
            name: sorted([c["name"] for c in inspector.get_columns(name)])
            + sorted(str(i["name"]) for i in inspector.get_indexes(name))
            for name in sorted(inspector.get_table_names())
        }
    finally:
        engine.dispose()


def test_migrate_creates_the_schema_alembic_creates(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    ours = make_url(f"sqlite:///{tmp_path / 'ours.db'}")
    theirs = make_url(f"sqlite:///{tmp_path / 'theirs.db'}")
    done = run_cli("migrate", "--database-url", url_arg(ours))
    assert done.code == 0, done.err
    assert "from an empty schema to 0003 (latest)" in done.out
    assert "0001  The five Hold Busters tables." in done.out
    migrate(theirs)  # `alembic upgrade head` through alembic.ini
    assert _schema(ours) == _schema(theirs)
    assert set(_schema(ours)) == set(Base.metadata.tables) | {"alembic_version"}
    again = run_cli("migrate", "--database-url", url_arg(ours))
    assert again.code == 0 and "already at the latest revision (0003)" in again.out


def test_migrate_upgrades_an_older_revision_and_then_seed_runs(  # type: ignore[no-untyped-def]
    empty_sqlite_url: URL, run_cli
) -> None:
    migrate(empty_sqlite_url, "0001")
    refused = run_cli("--database-url", url_arg(empty_sqlite_url))
    assert refused.code == 1 and "`seed migrate`" in refused.err
    done = run_cli("migrate", "--database-url", url_arg(empty_sqlite_url))
    assert "from revision 0001 to 0003" in done.out
    assert run_cli("--database-url", url_arg(empty_sqlite_url), "-q").code == 0


def test_migrate_takes_database_url_from_the_environment(
    tmp_path: Path,
    run_cli,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert run_cli("migrate").code == 0
    assert (tmp_path / "env.db").is_file()


@pytest.mark.postgres
def test_migrate_on_postgresql(empty_pg_url: URL, run_cli) -> None:  # type: ignore[no-untyped-def]
    done = run_cli("migrate", "--database-url", url_arg(empty_pg_url))
    assert done.code == 0, done.err
    assert set(_schema(empty_pg_url)) == set(Base.metadata.tables) | {"alembic_version"}


def test_migrate_sql_prints_the_script_and_connects_nowhere(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    url = "postgresql+psycopg://user:sekret@127.0.0.1:5999/nowhere"
    done = run_cli("migrate", "--database-url", url, "--sql")
    assert done.code == 0, done.err
    assert "CREATE TABLE invoices" in done.out and "CREATE INDEX ix_invoices_project_id" in done.out
    assert "sekret" not in done.out + done.err


def test_migrate_sql_for_databricks_from_the_environment(
    run_cli,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    for name, value in {
        "DATABRICKS_SERVER_HOSTNAME": "adb-1.azuredatabricks.net",
        "DATABRICKS_HTTP_PATH": "/sql/1.0/warehouses/abc",
        "DATABRICKS_CATALOG": "main",
        "DATABRICKS_SCHEMA": "holdbusters",
        "DATABRICKS_TOKEN": "dapi-sekret-token",
    }.items():
        monkeypatch.setenv(name, value)
    done = run_cli("migrate", "--target", "databricks", "--sql")
    assert done.code == 0, done.err
    assert "USING DELTA" in done.out and "CREATE INDEX" not in done.out
    assert "sekret" not in done.out + done.err


def test_migrate_errors_are_one_line(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    missing_folder = run_cli("migrate", "--database-url", f"sqlite:///{tmp_path}/no/such.db")
    assert missing_folder.code == 1 and missing_folder.err.count("\n") == 1
    unreachable = run_cli(
        "migrate", "--database-url", "postgresql+psycopg://postgres:sekret@127.0.0.1:5999/test"
    )
    assert unreachable.code == 1 and "cannot reach" in unreachable.err
    assert "sekret" not in unreachable.err and unreachable.err.count("\n") == 1


def test_every_upgrade_hint_names_seed_migrate() -> None:
    assert "`seed migrate`" in UPGRADE_HINT and "alembic upgrade head" in UPGRADE_HINT


def test_alembic_cli_in_a_checkout_still_upgrades(tmp_path: Path) -> None:
    """`alembic upgrade head` from the repository root: same env.py, same URL rules."""
    root = Path(__file__).resolve().parents[1]
    alembic = Path(sys.executable).with_name("alembic")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"DATABASE_URL": url}
    done = subprocess.run(
        [str(alembic), "upgrade", "head"], cwd=root, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert set(_schema(make_url(url))) == set(Base.metadata.tables) | {"alembic_version"}
