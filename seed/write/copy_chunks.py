"""PostgreSQL rows handed over as ready COPY data: a worker formats a chunk's rows as the text of
``COPY ... FROM STDIN`` and sends those bytes; the run's connection sends them to the server as
they are, inside the run's transaction.

The main process so builds no Python object per row, as with SQLite's chunk databases
(:mod:`seed.write.sqlite_chunks`). The text is made by psycopg's own formatter, the one
``Copy.write_row`` uses, through a ``Copy`` that writes to memory (``FileWriter``, psycopg's
documented way to make COPY data without running the COPY).
"""

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.copy import FileWriter

from seed.write.encoding import Row, RowEncoder

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


class CopyTextEncoder:
    """Encodes a table's rows as COPY text, with the adapters psycopg gives a new connection.

    A ``Copy`` needs a cursor, and a cursor a connection: each process opens one once, to learn
    the server's settings (its encoding), and closes it at once; formatting sends nothing.
    Only psycopg's connection arguments (made here, by the dialect) and the row plans are
    pickled to worker processes, which so import psycopg but neither SQLAlchemy nor the models.
    """

    def __init__(self, url: "URL") -> None:
        self.connect_args = url.get_dialect()().create_connect_args(url)
        self.rows = RowEncoder(url.drivername)
        self._cursor: psycopg.Cursor[Any] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"connect_args": self.connect_args, "rows": self.rows, "_cursor": None}

    def __call__(self, table: str, rows: Sequence[Row], /) -> bytes:
        """The COPY text of ``rows``, all of table ``table``'s columns in order; empty when no
        rows."""
        if not rows:
            return b""
        buffer = io.BytesIO()
        cursor = self._formatting_cursor()
        with psycopg.Copy(cursor, binary=False, writer=FileWriter(buffer)) as copy:
            for row in self.rows(table, rows):
                copy.write_row(row)
        return buffer.getvalue()

    def _formatting_cursor(self) -> psycopg.Cursor[Any]:
        if self._cursor is None:
            args, kwargs = self.connect_args
            connection = psycopg.connect(*args, **kwargs)
            connection.close()
            self._cursor = psycopg.Cursor(connection)
        return self._cursor
