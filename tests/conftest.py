"""Fixtures: a fresh, migrated database per test (SQLite file; PostgreSQL when reachable)."""

import os
import secrets
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import URL, create_engine, make_url, text

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = os.environ.get(
    "HOLDBUSTERS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def alembic_config(url: URL | str) -> Config:
    """The repository's alembic.ini, pointed at ``url`` the way a user does it (-x url=...)."""
    config = Config(str(ROOT / "alembic.ini"))
    config.cmd_opts = type(
        "Opts",
        (),
        {
            "x": [
                f"url={url if isinstance(url, str) else url.render_as_string(hide_password=False)}"
            ]
        },
    )()  # type: ignore[assignment]
    config.attributes["configure_logger"] = False
    return config


def migrate(url: URL | str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


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


def _pg_reachable() -> str | None:
    try:
        with psycopg.connect(
            make_url(PG_ADMIN_URL).set(drivername="postgresql").render_as_string(False),
            connect_timeout=3,
        ):
            return None
    except psycopg.Error as exc:
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def pg_admin_url() -> URL:
    problem = _pg_reachable()
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


@dataclass
class CliResult:
    code: int
    out: str
    err: str


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


def url_arg(url: URL) -> str:
    return url.render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Tests never see the developer's DATABASE_URL, and only live Databricks tests see the
    DATABRICKS_* variables (they run only when those are set)."""
    live = request.node.get_closest_marker("databricks_live") is not None
    for name in list(os.environ):
        if name == "DATABASE_URL" or (name.startswith("DATABRICKS_") and not live):
            monkeypatch.delenv(name, raising=False)
