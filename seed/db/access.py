"""Opens an existing database at the head of the migrations, in one transaction, for a job,
and serializes jobs on the same project."""

import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import func, select, text
from sqlalchemy.engine import URL, Connection

from seed.db.engine import explained_errors, make_engine, sqlite_path
from seed.db.schema import require_head
from seed.errors import UPGRADE_HINT, SeedError
from seed.settings import mask_url


def require_database_file(url: URL) -> None:
    """A SQLite file must exist already: connecting would silently create an empty one."""
    path = sqlite_path(url)
    if path is not None and not path.parent.is_dir():
        raise SeedError(
            f"the folder {path.parent} of the database does not exist: create it, "
            f"then {UPGRADE_HINT.removeprefix('run ')}"
        )
    if path is not None and not path.is_file():
        raise SeedError(f"no database at {path}: {UPGRADE_HINT}")


@contextmanager
def open_database(
    url: URL,
    lock_timeout: float,
    *,
    write: bool,
    check_schema: Callable[[Connection, str], None] = require_head,
) -> Iterator[Connection]:
    """A connection in a transaction on a database whose schema passes ``check_schema`` (by
    default: at the head of the migrations).

    The transaction commits when the block ends and rolls back on any error, which comes out as
    one clear ``SeedError`` when the database raised it. A writing job takes SQLite's write lock
    up front (``BEGIN IMMEDIATE``), waiting at most ``lock_timeout`` seconds for another writer.
    """
    require_database_file(url)
    engine = make_engine(url, lock_timeout)
    try:
        with explained_errors(url, lock_timeout), engine.connect() as connection:
            if write:
                connection.execution_options(sqlite_begin="IMMEDIATE")
            with connection.begin():
                check_schema(connection, mask_url(url))
                yield connection
    finally:
        engine.dispose()


def serialize_project(connection: Connection, project_number: str, lock_timeout: float) -> None:
    """Jobs on the same project (runs, purges) wait for each other, so two runs never both
    create it and a purge never removes a project a run is adding to.

    SQLite's BEGIN IMMEDIATE already holds the write lock; PostgreSQL takes a transaction-scoped
    advisory lock on the project number, waiting at most the lock timeout.
    """
    if connection.dialect.name != "postgresql":
        return
    connection.execute(text(f"SET LOCAL lock_timeout = '{int(lock_timeout * 1000)}ms'"))
    connection.execute(select(func.pg_advisory_xact_lock(zlib.crc32(project_number.encode()))))
