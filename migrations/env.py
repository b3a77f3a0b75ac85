"""Alembic environment: the target database comes from seed.settings, like the CLI's."""

import sys
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import URL, Connection

from models import Base
from seed.db.extras import dialect_class
from seed.db.migrate import migration_connection
from seed.errors import SeedError
from seed.settings import resolve_database_url

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def _include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Indexes are made per dialect by the revisions (none on Databricks), not by the models,
    so an index the database has and the models lack is not drift."""
    return not (type_ == "index" and reflected and compare_to is None)


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        compare_type=True,
        include_object=_include_object,
        **kwargs,  # type: ignore[arg-type]
    )


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    # Our SQLite connections emit real BEGINs (seed.database), so its DDL can be transactional.
    _configure(connection=connection, render_as_batch=sqlite, transactional_ddl=sqlite or None)
    with context.begin_transaction():
        context.run_migrations()


def _fail(error: SeedError) -> None:
    sys.stderr.write(f"error: {error}\n")
    raise SystemExit(error.exit_code)


def _url() -> URL:
    """``seed migrate`` passes the URL it resolved; the alembic CLI resolves it the same way."""
    given: URL | None = config.attributes.get("url")
    if given is not None:
        return given
    x = context.get_x_argument(as_dictionary=True)
    return resolve_database_url(x.get("url"), x.get("target"))


def _offline(url: URL) -> None:
    dialect_class(url.drivername)
    _configure(url=url, literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    """``seed migrate`` hands over its connection; under the alembic CLI, errors are one line."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    try:
        url = _url()
        if context.is_offline_mode():
            _offline(url)
            return
        with migration_connection(url) as conn:
            _run(conn)
    except SeedError as error:
        if "url" in config.attributes:
            raise
        _fail(error)


main()
