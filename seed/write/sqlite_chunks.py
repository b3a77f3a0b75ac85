"""SQLite rows handed over as whole databases: a worker writes a chunk's rows into an in-memory
SQLite database and sends its bytes; the run's connection attaches them and copies the rows
with one ``INSERT ... SELECT`` per table, in C, inside the run's transaction.

The main process so builds no Python object per row: making the rows, binding them and
pickling them all happen where they are generated. No file is ever created, so nothing is left
behind whatever happens to either process.
"""

import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from seed.write.encoding import Row, RowEncoder

if TYPE_CHECKING:
    from sqlalchemy import Table

#: The schema name the chunk databases are attached under on the run's connection.
CHUNK_SCHEMA = "seed_chunk"

# None binds as NULL either way. Without an adapter registered for it, sqlite3 treats None as an
# object to adapt on every bind (a failed registry lookup, then two failed attribute lookups,
# each formatting an AttributeError: ~3k instructions, four times per invoice); with one it is
# a registry hit and one C call.
sqlite3.register_adapter(type(None), {None: None}.__getitem__)


def _columns(names: Iterable[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


class SqliteChunkEncoder:
    """Encodes a table's rows as SQLAlchemy's SQLite types bind them (:class:`RowEncoder`), into
    a table of the same name and columns in a new in-memory database; returns its bytes.

    The chunk's columns have no declared type, so each value keeps the storage class it was
    bound with, and the target column's affinity applies to it exactly as if it were bound there.
    """

    def __init__(self, cents: bool = False) -> None:
        self.rows = RowEncoder("sqlite", cents)
        # Made here, not on first use: a worker process gets it ready, plans and all.
        self._in_cents = self if cents else SqliteChunkEncoder(cents=True)

    def in_cents(self) -> "SqliteChunkEncoder":
        """This encoder for rows whose amounts are integer cents (the generator's own rows):
        they bind as the ``Decimal`` amounts would, without a ``Decimal`` made and unmade."""
        return self._in_cents

    def __call__(self, table: str, rows: Sequence[Row], /) -> bytes:
        """The database's bytes; empty when there are no rows."""
        if not rows:
            return b""
        columns = self.rows.plan(table).columns
        chunk = sqlite3.connect(":memory:", isolation_level=None)
        try:
            chunk.execute(f'CREATE TABLE "{table}" ({_columns(columns)})')
            marks = ", ".join("?" * len(columns))
            statement = f'INSERT INTO "{table}" VALUES ({marks})'
            chunk.execute("BEGIN")
            chunk.executemany(statement, self.rows.each(table, rows))
            chunk.execute("COMMIT")
            return chunk.serialize()
        finally:
            chunk.close()


def attach_chunks(driver: sqlite3.Connection) -> None:
    """Attach the (empty) chunk schema to the run's connection, once; allowed mid-transaction."""
    attached = {row[1] for row in driver.execute("PRAGMA database_list")}
    if CHUNK_SCHEMA not in attached:
        driver.execute(f"ATTACH DATABASE ':memory:' AS {CHUNK_SCHEMA}")


def copy_statement(table: "Table") -> str:
    columns = _columns(column.name for column in table.columns)
    return (
        f'INSERT INTO main."{table.name}" ({columns}) '
        f'SELECT {columns} FROM {CHUNK_SCHEMA}."{table.name}"'
    )


def insert_chunk(driver: sqlite3.Connection, statement: str, chunk: bytes) -> None:
    """Load one chunk database into the attached schema and copy its rows into the target."""
    driver.deserialize(chunk, name=CHUNK_SCHEMA)
    driver.execute(statement)
