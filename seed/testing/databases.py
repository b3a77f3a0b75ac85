"""Fresh databases for tests: migrated once per test session, copied for each test.

SQLite: a migrated file, copied for each test. PostgreSQL: a migrated template database that
each test's database is created from (``CREATE DATABASE ... TEMPLATE``) and dropped after the
test; names are random, so test processes running in parallel never meet.
"""

import secrets
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

from alembic import command
from sqlalchemy import URL, Engine, create_engine, make_url, text
from sqlalchemy.exc import DBAPIError

from seed.db.engine import explain_database_error, make_engine
from seed.db.schema import alembic_config
from seed.errors import SeedError


class Template(Protocol):
    def fresh(self, folder: Path) -> AbstractContextManager[URL]:
        """A new database at the head of the migrations, for one test (``folder``: its own)."""
        ...

    def close(self) -> None: ...


def migrate(engine: Engine) -> None:
    """Our Alembic revisions, up to head (the migrations shipped in the package)."""
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class SqliteTemplate:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "holdbusters-template.db"
        engine = make_engine(make_url(f"sqlite:///{self.path}"))
        try:
            migrate(engine)
        finally:
            engine.dispose()

    @contextmanager
    def fresh(self, folder: Path) -> Iterator[URL]:
        target = folder / "holdbusters.db"
        shutil.copyfile(self.path, target)
        yield make_url(f"sqlite:///{target}")

    def close(self) -> None:
        self.path.unlink(missing_ok=True)


class PostgresTemplate:
    """Databases on the server of ``server_url`` (its user needs the CREATEDB right)."""

    def __init__(self, server_url: URL) -> None:
        self.server_url = server_url
        self.admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        self.name = self._create(f"hb_template_{secrets.token_hex(4)}")
        engine = make_engine(server_url.set(database=self.name))
        try:
            migrate(engine)
        finally:
            engine.dispose()

    def _create(self, name: str, template: str | None = None) -> str:
        statement = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        try:
            with self.admin.connect() as connection:
                connection.execute(text(statement))
        except DBAPIError as exc:
            raise explain_database_error(exc, self.server_url, 0) from None
        return name

    def _drop(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    @contextmanager
    def fresh(self, folder: Path) -> Iterator[URL]:
        name = self._create(f"hb_test_{secrets.token_hex(6)}", template=self.name)
        try:
            yield self.server_url.set(database=name)
        finally:
            self._drop(name)

    def close(self) -> None:
        self._drop(self.name)
        self.admin.dispose()


def open_template(server_url: str | None, folder: Path) -> Template:
    """PostgreSQL when a server URL is given, else SQLite; one clear ``SeedError`` otherwise."""
    if server_url is None:
        return SqliteTemplate(folder)
    url = make_url(server_url)
    if url.get_backend_name() != "postgresql":
        raise SeedError(
            f"the test database URL must be a PostgreSQL server (postgresql+psycopg://USER@HOST/"
            f"DB), not {url.get_backend_name()}: leave it out for SQLite"
        )
    return PostgresTemplate(url)
