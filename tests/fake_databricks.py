"""A fake Databricks DB-API connection for the real dialect: records what reaches the driver.

Every statement is parsed with sqlglot (``read="databricks"``), then transpiled to SQLite and
executed on an in-memory twin of the schema, so tests can assert both the statements and their
effect. Like Databricks, the twin does not enforce foreign keys and every statement commits.
"""

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import sqlglot
from databricks.sql.exc import ServerOperationError
from sqlalchemy import Engine, create_engine
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateTable
from sqlglot import ErrorLevel
from sqlglot import expressions as exp

from models import Base
from seed.db.schema import head_revision
from tests.fake_volume import FakeVolumeFiles, copy_into

URL = (
    "databricks://token:dapiFAKE0123456789abcdef@adb-123.azuredatabricks.net"
    "?http_path=/sql/1.0/warehouses/abc123&catalog=main&schema=holdbusters"
)
TOKEN = "dapiFAKE0123456789abcdef"


# What the connector returns for these column types (the twin stores text).
sqlite3.register_converter("DATETIME", lambda raw: datetime.fromisoformat(raw.decode()))
sqlite3.register_converter("NUMERIC", lambda raw: Decimal(raw.decode()))


@dataclass
class Recorded:
    sql: str
    parameters: dict[str, Any]
    #: None when the fake was told not to execute writes.
    parsed: exp.Expression | None


@dataclass
class FakeDatabricks:
    """``fail`` decides, from the number of the write statement (1-based) and its SQL, whether
    the driver raises instead of executing it."""

    fail: Callable[[int, str], bool] = lambda _number, _sql: False
    #: False: record writes without parsing or executing them (fast, for volume counts).
    execute_writes: bool = True
    revision: str | None = field(default_factory=head_revision)
    #: False: an empty schema, for the migrations to create.
    schema: bool = True
    statements: list[Recorded] = field(default_factory=list)
    writes: int = 0
    twin: sqlite3.Connection = field(init=False)
    connect_kwargs: list[dict[str, Any]] = field(default_factory=list)
    #: The Volume that COPY INTO reads from, and the files each table has loaded.
    volume: FakeVolumeFiles = field(default_factory=FakeVolumeFiles)
    loaded: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.twin = sqlite3.connect(
            ":memory:", isolation_level=None, detect_types=sqlite3.PARSE_DECLTYPES
        )
        # Stricter than Databricks on purpose: a child row before its parent fails here.
        self.twin.execute("PRAGMA foreign_keys=ON")
        if not self.schema:
            return
        for table in Base.metadata.sorted_tables:
            self.twin.execute(str(CreateTable(table).compile(dialect=sqlite.dialect())))
        self.twin.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        if self.revision is not None:
            self.twin.execute("INSERT INTO alembic_version VALUES (?)", (self.revision,))

    def engine(self) -> Engine:
        """The real dialect and SQLAlchemy on top of this fake driver."""
        return create_engine(URL, creator=self.connect)

    def connect(self) -> "FakeConnection":
        return FakeConnection(self)

    def rows(self, table: str) -> list[tuple[Any, ...]]:
        return self.twin.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()

    def keys(self, table: str) -> set[str]:
        return {row[0] for row in self.rows(table)}

    def columns(self, table: str) -> list[tuple[str, str]]:
        """The twin's columns of ``table`` with the Databricks types GetColumns reports."""
        rows = self.twin.execute(f"PRAGMA table_info({table})").fetchall()
        return [(name, _databricks_type(declared)) for _cid, name, declared, *_ in rows]

    def written(self) -> list[Recorded]:
        """Recorded statements that change data (not the reads)."""
        return [
            r
            for r in self.statements
            if not r.sql.lstrip().upper().startswith(("SELECT", "DESCRIBE", "SHOW"))
        ]


class FakeConnection:
    def __init__(self, db: FakeDatabricks) -> None:
        self.db = db

    def cursor(self) -> "FakeCursor":
        return FakeCursor(self.db)

    def commit(self) -> None:
        """Databricks commits every statement on its own."""

    def close(self) -> None:
        pass


class FakeCursor:
    def __init__(self, db: FakeDatabricks) -> None:
        self.db = db
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid = None
        self._rows: list[tuple[Any, ...]] = []

    def execute(self, operation: str, parameters: dict[str, Any] | None = None) -> None:
        params = dict(parameters or {})
        read = operation.lstrip().upper().startswith(("SELECT", "DESCRIBE", "SHOW"))
        if not read and not self.db.execute_writes:
            self.db.statements.append(Recorded(operation, params, None))
            self.db.writes += 1
            return
        parsed = sqlglot.parse_one(operation, read="databricks")
        self.db.statements.append(Recorded(operation, params, parsed))
        if isinstance(parsed, exp.Describe):
            self._describe(operation)
            return
        if not read:
            self.db.writes += 1
            if self.db.fail(self.db.writes, operation):
                raise ServerOperationError(f"[INJECTED_FAILURE] statement {self.db.writes} failed")
        if isinstance(parsed, exp.Copy):
            db = self.db
            self.rowcount = copy_into(db.twin, db.volume, parsed, db.loaded, db.columns)
            return
        # Delta table properties have no SQLite spelling: the twin just drops them.
        twin_sql = (
            _merge_as_update(parsed)
            if isinstance(parsed, exp.Merge)
            else sqlglot.transpile(
                operation, read="databricks", write="sqlite", unsupported_level=ErrorLevel.IGNORE
            )[0]
        )
        cursor = self.db.twin.execute(twin_sql, params)
        self.description = cursor.description
        self._rows = cursor.fetchall()
        self.rowcount = cursor.rowcount

    def _describe(self, operation: str) -> None:
        """DESCRIBE TABLE EXTENDED is how the dialect asks whether a table exists."""
        table = operation.rsplit("`.`", 1)[-1].strip("`")
        found = self.db.twin.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
        if found is None or (table == "alembic_version" and self.db.revision is None):
            raise ServerOperationError(f"[TABLE_OR_VIEW_NOT_FOUND] The table {table} is missing")
        self.description = [
            (name, "string", None, None, None, None, None)
            for name in ("col_name", "data_type", "comment")
        ]
        self._rows = []

    def columns(
        self, catalog_name: str | None, schema_name: str | None, table_name: str
    ) -> "FakeCursor":
        """The Thrift GetColumns metadata call (not a SQL statement: not recorded), answered
        from the twin in Databricks' type names."""
        self._rows = [
            SimpleNamespace(
                COLUMN_NAME=name,
                TYPE_NAME=_databricks_type(declared),
                NULLABLE=0 if not_null else 1,
                COLUMN_DEF=default,
                REMARKS=None,
            )
            for _cid, name, declared, not_null, default, _pk in self.db.twin.execute(
                f"PRAGMA table_info({table_name})"
            )
        ]
        return self

    def __enter__(self) -> "FakeCursor":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._rows = self._rows, []
        return rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows.pop(0) if self._rows else None

    def fetchmany(self, size: int = 1) -> list[tuple[Any, ...]]:
        rows, self._rows = self._rows[:size], self._rows[size:]
        return rows

    def close(self) -> None:
        pass


def _merge_as_update(merge: exp.Merge) -> str:
    """SQLite has no MERGE: ``MERGE INTO t AS a USING (q) AS s ON a.k = s.x WHEN MATCHED THEN
    UPDATE SET c = s.y`` (the only shape we send) as ``UPDATE t SET c = s.y FROM (q) AS s WHERE
    t.k = s.x``."""
    table = merge.this.name
    target = merge.this.alias
    source = merge.args["using"]
    (when,) = merge.args["whens"].expressions
    assert when.args["matched"] and isinstance(when.args["then"], exp.Update)
    on = merge.args["on"].sql("sqlite").replace(f"{target}.", f"{table}.")
    sets = ", ".join(e.sql("sqlite") for e in when.args["then"].expressions)
    return (
        f"UPDATE {table} SET {sets} FROM ({source.this.sql('sqlite')}) AS {source.alias} WHERE {on}"
    )


def _databricks_type(declared: str) -> str:
    """The Databricks type name GetColumns reports for a column the twin declares in SQLite."""
    word = declared.split("(")[0].strip().upper()
    if word in ("NUMERIC", "DECIMAL"):
        return declared.upper().replace("NUMERIC", "DECIMAL").replace(" ", "")
    names = {"INTEGER": "INT", "DATE": "DATE", "DATETIME": "TIMESTAMP_NTZ"}
    return names.get(word, "STRING")
