"""A small DB-API 2.0 face of a SparkSession, so SQLAlchemy (and with it our ledger, purge,
verify and report queries) runs through Spark SQL.

Statements go to ``spark.sql(text, args=parameters)``: Spark binds the ``:name`` markers itself.
Tables that cannot ``DELETE`` (Parquet, which is what local Spark has without Delta) get the
same effect by a copy-on-write rewrite of the table (``seed.engines.spark.rewrite``).
"""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from seed.engines.spark.rewrite import rewrite_table
from seed.engines.spark.target import SparkTarget

paramstyle = "named"
apilevel = "2.0"
threadsafety = 1

_DELETE = re.compile(r"\s*DELETE\s+FROM\s+(?P<table>\S+)\s+WHERE\s+(?P<where>.*)", re.I | re.S)
#: The one-column UPDATE our writers send (budget amounts): ``UPDATE t SET c = expr WHERE cond``.
_UPDATE = re.compile(
    r"\s*UPDATE\s+(?P<table>\S+)\s+SET\s+(?P<column>`?\w+`?)\s*=\s*(?P<value>.*?)"
    r"\s+WHERE\s+(?P<where>(?:(?!\bWHERE\b).)*)",
    re.I | re.S,
)
#: What Spark says when a table's format has no row-level DELETE or UPDATE.
_NO_ROW_LEVEL = "UNSUPPORTED_FEATURE.TABLE_OPERATION"


class Error(Exception):
    pass


class Warning(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class OperationalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class DataError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


def _database_error(exc: Exception) -> DatabaseError:
    """Spark's exception as a DB-API one, so SQLAlchemy wraps it like any driver's."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return OperationalError(first)


def _rewrite_select(spark: Any, sql: str) -> tuple[str, str] | None:
    """The table and the SELECT of the rows it holds after ``sql`` (a DELETE, or a one-column
    UPDATE); None for any other statement."""
    if delete := _DELETE.fullmatch(sql):
        table, where = delete["table"], delete["where"]
        return table, f"SELECT * FROM {table} WHERE NOT coalesce(({where}), false)"
    if update := _UPDATE.fullmatch(sql):
        table, column = update["table"], update["column"].strip("`")
        changed = f"coalesce(({update['where']}), false)"
        values = ", ".join(
            f"CASE WHEN {changed} THEN {update['value']} ELSE `{name}` END AS `{name}`"
            if name == column
            else f"`{name}`"
            for name in spark.table(table.replace("`", "")).columns
        )
        return table, f"SELECT {values} FROM {table}"
    return None


class Cursor:
    arraysize = 1

    def __init__(self, connection: "Connection") -> None:
        self.connection = connection
        self.description: list[tuple[Any, ...]] | None = None
        self.rowcount = -1
        self._rows: list[tuple[Any, ...]] = []

    def execute(self, sql: str, parameters: Mapping[str, Any] | None = None) -> None:
        args = dict(parameters or {})
        try:
            frame = self.connection.spark.sql(sql, args=args or None)
            rows = frame.collect()
            columns = frame.columns
        except Exception as exc:
            if _NO_ROW_LEVEL in str(exc) and (
                select := _rewrite_select(self.connection.spark, sql)
            ):
                self._rewrite(select[0], select[1], args)
                return
            raise _database_error(exc) from exc
        self.description = [(name, None, None, None, None, None, None) for name in columns]
        self._rows = [tuple(row) for row in rows]
        self.rowcount = len(self._rows)

    def _rewrite(self, table: str, select: str, args: dict[str, Any]) -> None:
        try:
            rewrite_table(self.connection.spark, table, select, args)
        except Exception as exc:
            raise _database_error(exc) from exc
        self.description = None
        self._rows = []
        self.rowcount = -1

    def executemany(self, sql: str, seq: Sequence[Mapping[str, Any]]) -> None:
        for parameters in seq:
            self.execute(sql, parameters)

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows.pop(0) if self._rows else None

    def fetchmany(self, size: int | None = None) -> list[tuple[Any, ...]]:
        size = size or self.arraysize
        taken, self._rows = self._rows[:size], self._rows[size:]
        return taken

    def fetchall(self) -> list[tuple[Any, ...]]:
        taken, self._rows = self._rows, []
        return taken

    def close(self) -> None:
        self._rows = []

    def setinputsizes(self, *_: Any) -> None:
        pass

    def setoutputsizes(self, *_: Any) -> None:
        pass


class Connection:
    """Every statement commits on its own, as on Databricks: commit and rollback do nothing."""

    def __init__(self, spark: Any) -> None:
        self.spark = spark

    def cursor(self) -> Cursor:
        return Cursor(self)

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        pass


def connect(target: SparkTarget, **_: Any) -> Connection:
    """A connection on the session of ``target`` (started once per process), in its schema.
    (The Databricks dialect adds connector arguments, such as a user agent: not for Spark.)"""
    from seed.engines.spark.session import require_warehouse, spark_session, use_schema

    require_warehouse(target)
    spark = spark_session(target)
    use_schema(spark, target)
    return Connection(spark)
