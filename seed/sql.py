"""Portable SQL expressions the checks need: JSON text lookups and date/time differences.

JSON payloads are stored as text (no JSON type on Databricks), and each backend reads JSON text
and subtracts dates differently, so each construct compiles per dialect.
"""

from typing import Any

from sqlalchemy import ColumnElement, Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import TypeEngine


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class _Expression(ColumnElement[Any]):
    """Base of our constructs: operands are ``left`` and ``right`` (``right`` may be None).

    Each class sets ``inherit_cache = False``: the JSON path is rendered literally, so statements
    holding these are not cached (the checks run each statement once).
    """

    inherit_cache = False

    def __init__(self, left: ColumnElement[Any], right: ColumnElement[Any] | None = None) -> None:
        self.left = left
        self.right = right

    @property
    def _from_objects(self) -> list[Any]:
        found = list(self.left._from_objects)
        if self.right is not None:
            found += self.right._from_objects
        return found


class json_text(_Expression):
    """The value at ``path`` (keys and list positions) inside a JSON text column, as text."""

    type: TypeEngine[Any] = String()
    inherit_cache = False

    def __init__(self, column: ColumnElement[Any], *path: str | int) -> None:
        super().__init__(column)
        self.path = path

    def json_path(self) -> str:
        return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)


class days_between(_Expression):
    """Whole days from the date of ``left`` to the date of ``right`` (dates or timestamps)."""

    type = Integer()
    inherit_cache = False


class seconds_between(_Expression):
    """Seconds from timestamp ``left`` to timestamp ``right``."""

    type = Integer()
    inherit_cache = False


@compiles(json_text)
def _json_text_sqlite(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.left, **kw)
    return f"json_extract({column}, {_quoted(element.json_path())})"


@compiles(json_text, "postgresql")
def _json_text_postgresql(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.left, **kw)
    path = "{" + ",".join(str(p) for p in element.path) + "}"
    return f"(CAST({column} AS JSON) #>> {_quoted(path)})"


@compiles(json_text, "databricks")
def _json_text_databricks(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.left, **kw)
    return f"get_json_object({column}, {_quoted(element.json_path())})"


def _operands(element: _Expression, compiler: SQLCompiler, **kw: Any) -> tuple[str, str]:
    assert element.right is not None
    return compiler.process(element.left, **kw), compiler.process(element.right, **kw)


@compiles(days_between)
def _days_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    left, right = _operands(element, compiler, **kw)
    return f"CAST(julianday(date({right})) - julianday(date({left})) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_postgresql(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    left, right = _operands(element, compiler, **kw)
    return f"(CAST({right} AS DATE) - CAST({left} AS DATE))"


@compiles(days_between, "databricks")
def _days_databricks(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    left, right = _operands(element, compiler, **kw)
    return f"datediff({right}, {left})"


@compiles(seconds_between)
def _seconds_sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    left, right = _operands(element, compiler, **kw)
    return f"CAST(round((julianday({right}) - julianday({left})) * 86400) AS INTEGER)"


@compiles(seconds_between, "postgresql")
def _seconds_postgresql(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    left, right = _operands(element, compiler, **kw)
    return f"CAST(EXTRACT(EPOCH FROM ({right} - {left})) AS INTEGER)"


@compiles(seconds_between, "databricks")
def _seconds_databricks(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    left, right = _operands(element, compiler, **kw)
    return f"(unix_timestamp({right}) - unix_timestamp({left}))"
