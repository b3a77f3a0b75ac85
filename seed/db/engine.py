"""Engines for every backend, configured the same way for the CLI and for Alembic."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import NullPool

from seed.databricks.connect import databricks_connect_args, quiet_connector_logs
from seed.databricks.errors import explain_databricks_error
from seed.db.extras import EXTRAS, dialect_class, missing_extra
from seed.errors import SeedError, UsageError
from seed.settings import mask_url

DEFAULT_LOCK_TIMEOUT = 30.0
PG_CONNECT_TIMEOUT = 10


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL, or None for an in-memory database.

    URI filenames (``sqlite:///file:PATH?mode=ro&uri=true``) name the file after ``file:``.
    """
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    if url.query.get("uri") == "true" and url.database.startswith("file:"):
        uri = urlsplit(url.database)
        if url.query.get("mode") == "memory" or uri.path in ("", ":memory:"):
            return None
        return Path(unquote(uri.path))
    return Path(url.database)


def make_engine(url: URL, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> Engine:
    """An engine for ``url`` with our connection rules (foreign keys on, bounded lock waits)."""
    backend = url.get_backend_name()
    dialect_class(url.drivername)
    connect_args: dict[str, Any] = {}
    if backend == "sqlite":
        connect_args["timeout"] = lock_timeout
    elif backend == "postgresql":
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT
    elif backend == "databricks":
        connect_args.update(databricks_connect_args(url))
        quiet_connector_logs()
    try:
        engine = create_engine(url, connect_args=connect_args, poolclass=NullPool)
    except ModuleNotFoundError as exc:
        if backend in EXTRAS:
            raise missing_extra(backend, exc.name) from None
        raise UsageError(
            f"the driver for {url.drivername} is not installed ({exc.name}): install it"
        ) from None
    except ArgumentError as exc:
        raise UsageError(f"the database URL {mask_url(url)} is not usable: {exc}") from None
    if backend == "sqlite":
        _use_real_sqlite_transactions(engine)
    return engine


def _use_real_sqlite_transactions(engine: Engine) -> None:
    """pysqlite defers BEGIN; emit it ourselves (SQLAlchemy's documented recipe), and take the
    write lock at BEGIN when a connection asks for ``sqlite_begin="IMMEDIATE"``, so a seeding run
    waits for another writer up front instead of failing half-way."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())


@contextmanager
def explained_errors(url: URL, lock_timeout: float) -> Iterator[None]:
    """Database errors inside come out as one explained ``SeedError``; others pass unchanged."""
    try:
        yield
    except SeedError:
        raise
    except Exception as exc:
        # The Databricks connector also fails with urllib3 errors (unreachable host, retries).
        if not isinstance(exc, DBAPIError) and url.get_backend_name() != "databricks":
            raise
        raise explain_database_error(exc, url, lock_timeout) from exc


def explain_database_error(exc: BaseException, url: URL, lock_timeout: float) -> SeedError:
    """One line that says what is wrong with the database and how to fix it."""
    if url.get_backend_name() == "databricks":
        return explain_databricks_error(exc, url, mask_url(url))
    where = mask_url(url)
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    text = (
        str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    )
    lowered = text.lower()
    if "database is locked" in lowered or "lock timeout" in lowered:
        return SeedError(
            f"{where} is locked by another process (waited {lock_timeout:g} s): retry when it "
            "finishes, or raise --lock-timeout"
        )
    if "unable to open database file" in lowered:
        return SeedError(f"cannot open {where}: check that its directory exists and is writable")
    if "readonly database" in lowered or "read-only" in lowered:
        if url.query.get("mode") == "ro":
            return SeedError(f"{where} is opened read-only: remove mode=ro from the URL to write")
        return SeedError(f"{where} is read-only: make the file and its directory writable")
    if "file is not a database" in lowered:
        return SeedError(f"{where} is not a SQLite database file")
    if (
        "connection refused" in lowered
        or "could not connect" in lowered
        or "timeout expired" in lowered
        or "failed to resolve host" in lowered
    ):
        return SeedError(
            f"cannot reach the database server of {where}: is it running and reachable?"
        )
    if "does not exist" in lowered and "database" in lowered:
        return SeedError(f"{where}: {text}; create it first")
    if "password authentication failed" in lowered or "authentication" in lowered:
        return SeedError(f"{where}: authentication failed; check the user and password")
    return SeedError(f"database error on {where}: {text}")
