"""Database sinks inside the run's transaction: Core executemany for any driver, and the bulk
paths of the drivers we know (SQLite executemany, PostgreSQL COPY) on rows encoded up front."""

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from models import TABLES
from seed.write.encoding import Encoder
from seed.write.sqlite_chunks import (
    SqliteChunkEncoder,
    attach_chunks,
    copy_statement,
    insert_chunk,
)


class ConnectionSink:
    """Bulk Core inserts (executemany) on an open transaction: no ORM unit of work."""

    encoder: Encoder | None = None

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.statements = 0

    def insert(self, table: Table, rows: Sequence[Any]) -> None:
        if rows:
            self.connection.execute(insert(table), list(rows))
            self.statements += 1

    def set_budget_amounts(self, amounts: dict[str, Decimal]) -> None:
        if not amounts:
            return
        table = TABLES["budget_lines"]
        statement = (
            update(table)
            .where(table.c.id == bindparam("key"))
            .values(budget_amount=bindparam("amount"))
        )
        self.connection.execute(
            statement, [{"key": key, "amount": amount} for key, amount in amounts.items()]
        )
        self.statements += 1


class EncodingSink(ConnectionSink, ABC):
    """Writes rows already encoded by its ``encoder`` (possibly in another process).

    The rows go through the SQLAlchemy connection's own DB-API connection, so they are part of
    the same transaction as everything else the run writes; budget updates stay Core.
    """

    def __init__(self, connection: Connection, encoder: Encoder) -> None:
        super().__init__(connection)
        self.encoder = encoder
        self.driver: Any = connection.connection.driver_connection
        self._statements: dict[str, str] = {}

    def insert(self, table: Table, rows: Any) -> None:
        if not rows:
            return
        statement = self._statements.get(table.name) or self._statements.setdefault(
            table.name, self.statement(table)
        )
        with self._wrapped_errors(statement):
            self.write(statement, rows)
        self.statements += 1

    @abstractmethod
    def statement(self, table: Table) -> str:
        """The SQL that takes encoded rows of all of ``table``'s columns."""

    @abstractmethod
    def write(self, statement: str, rows: Any) -> None: ...

    @contextmanager
    def _wrapped_errors(self, statement: str) -> Iterator[None]:
        """Driver errors become SQLAlchemy's, as if Core had run the statement."""
        dbapi = self.connection.dialect.loaded_dbapi
        try:
            yield
        except dbapi.Error as exc:
            raise DBAPIError.instance(statement, None, exc, dbapi.Error) from exc


class SqliteSink(EncodingSink):
    """Chunk databases of the values SQLAlchemy's SQLite types would bind, copied in with
    ``INSERT ... SELECT`` (see :mod:`seed.write.sqlite_chunks`)."""

    def __init__(self, connection: Connection) -> None:
        super().__init__(connection, SqliteChunkEncoder())
        attach_chunks(self.driver)

    def statement(self, table: Table) -> str:
        return copy_statement(table)

    def write(self, statement: str, rows: bytes) -> None:
        insert_chunk(self.driver, statement, rows)


class CopySink(EncodingSink):
    """psycopg 3 ``COPY ... FROM STDIN`` of COPY text made where the rows are generated (see
    :mod:`seed.write.copy_chunks`)."""

    def __init__(self, connection: Connection) -> None:
        from seed.write.copy_chunks import CopyTextEncoder  # psycopg: the postgresql extra

        super().__init__(connection, CopyTextEncoder(connection.engine.url))

    def statement(self, table: Table) -> str:
        quote = self.connection.dialect.identifier_preparer
        columns = ", ".join(quote.format_column(c) for c in table.columns)
        return f"COPY {quote.format_table(table)} ({columns}) FROM STDIN"

    def write(self, statement: str, rows: bytes) -> None:
        with self.driver.cursor() as cursor, cursor.copy(statement) as copy:
            copy.write(rows)


def connection_sink(connection: Connection) -> ConnectionSink:
    """The fastest writer for the connection's driver; Core executemany for the others."""
    dialect = connection.dialect
    if dialect.name == "sqlite" and dialect.driver == "pysqlite":
        return SqliteSink(connection)
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        return CopySink(connection)
    return ConnectionSink(connection)
