"""Fixtures: a fresh, migrated database per test (SQLite file; PostgreSQL when reachable)."""

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import URL, create_engine, make_url, text
from sqlalchemy.orm import Session

from seed.db.engine import make_engine
from seed.engines.spark.target import SparkTarget
from tests.spark_support import start_connect_server
from tests.support import IN_CI, PG_ADMIN_URL, CliResult, migrate, pg_problem

#: pytester runs the pytest plugin in temporary projects (tests/test_pytest_plugin.py).
pytest_plugins = ("pytester",)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> URL:
    """A fresh SQLite file at the head of the migrations."""
    url = make_url(f"sqlite:///{tmp_path / 'holdbusters.db'}")
    migrate(url)
    return url


@pytest.fixture
def empty_sqlite_url(tmp_path: Path) -> URL:
    """A SQLite URL whose file does not exist yet."""
    return make_url(f"sqlite:///{tmp_path / 'holdbusters.db'}")


@pytest.fixture(scope="session")
def pg_admin_url() -> URL:
    problem = pg_problem()
    if problem is not None:
        message = f"PostgreSQL at {PG_ADMIN_URL} is not reachable: {problem}"
        if IN_CI:
            pytest.fail(message + " (required when CI=true)")
        pytest.skip(message)
    return make_url(PG_ADMIN_URL)


@pytest.fixture
def empty_pg_url(pg_admin_url: URL) -> Iterator[URL]:
    """A new, empty PostgreSQL database for this test, dropped afterwards."""
    name = f"hb_test_{secrets.token_hex(6)}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield pg_admin_url.set(database=name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url(empty_pg_url: URL) -> URL:
    migrate(empty_pg_url)
    return empty_pg_url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> URL:
    """A migrated database on each backend."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: URL = request.getfixturevalue(name)
    return url


@pytest.fixture(scope="session")
def spark_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse of the one local Spark session the tests share (starting one takes ~10 s)."""
    return tmp_path_factory.mktemp("spark-warehouse")


@pytest.fixture
def spark_url(spark_warehouse: Path) -> URL:
    """A new schema on local Spark, for this test alone."""
    return SparkTarget(f"hb_{secrets.token_hex(4)}", "local[2]", spark_warehouse).url()


@pytest.fixture(scope="session")
def spark_connect_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A Spark Connect server (from the pyspark wheel) in a child process, for the session."""
    folder = tmp_path_factory.mktemp("spark-connect")
    server, port = start_connect_server(folder / "warehouse", folder / "server.log")
    try:
        yield port
    finally:
        assert server.stdin is not None
        server.stdin.close()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture
def spark_connect_url(spark_connect_port: int) -> URL:
    """A new schema on the Spark Connect server, for this test alone."""
    schema = f"hb_{secrets.token_hex(4)}"
    return SparkTarget(schema, remote=("127.0.0.1", spark_connect_port)).url()


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Runs `seed ARGS...` in-process, as the console script does, and captures what it prints."""
    from seed.cli.app import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["seed", *args])
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Tests never see the developer's DATABASE_URL, and only live Databricks tests see the
    DATABRICKS_* variables (they run only when those are set)."""
    live = request.node.get_closest_marker("databricks_live") is not None
    for name in list(os.environ):
        if name == "DATABASE_URL" or (name.startswith("DATABRICKS_") and not live):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db_session(db_url: URL) -> Iterator[Session]:
    """An ORM session on a migrated database of each backend (as the factories' users have)."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()
