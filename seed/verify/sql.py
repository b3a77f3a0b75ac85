"""Portable SQL expressions the checks need: JSON text lookups and date/time differences.

JSON payloads are stored as text (no JSON type on Databricks), and each backend reads JSON text
and subtracts dates differently, so each construct compiles per dialect.
"""

from datetime import date
from typing import Any, ClassVar

from sqlalchemy import ColumnElement, Integer, String, literal
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


class _Difference(_Expression):
    """``right`` minus ``left`` as an integer, rendered from a template per dialect name."""

    type = Integer()
    inherit_cache = False
    #: SQL with ``{left}`` and ``{right}`` per dialect name; "sqlite" also serves the rest.
    templates: ClassVar[dict[str, str]]


class days_between(_Difference):
    """Whole days from the date of ``left`` to the date of ``right`` (dates or timestamps)."""

    inherit_cache = False
    templates: ClassVar[dict[str, str]] = {
        "sqlite": "CAST(julianday(date({right})) - julianday(date({left})) AS INTEGER)",
        "postgresql": "(CAST({right} AS DATE) - CAST({left} AS DATE))",
        "databricks": "datediff({right}, {left})",
    }


class seconds_between(_Difference):
    """Seconds from timestamp ``left`` to timestamp ``right``."""

    inherit_cache = False
    templates: ClassVar[dict[str, str]] = {
        "sqlite": "CAST(round((julianday({right}) - julianday({left})) * 86400) AS INTEGER)",
        "postgresql": "CAST(EXTRACT(EPOCH FROM ({right} - {left})) AS INTEGER)",
        "databricks": "(unix_timestamp({right}) - unix_timestamp({left}))",
    }


@compiles(json_text)
def _json_text(element: json_text, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.left, **kw)
    dialect = compiler.dialect.name
    if dialect == "postgresql":
        path = "{" + ",".join(str(p) for p in element.path) + "}"
        return f"(CAST({column} AS JSON) #>> {_quoted(path)})"
    function = "get_json_object" if dialect == "databricks" else "json_extract"
    return f"{function}({column}, {_quoted(element.json_path())})"


@compiles(_Difference)
def _difference(element: _Difference, compiler: SQLCompiler, **kw: Any) -> str:
    assert element.right is not None
    template = element.templates.get(compiler.dialect.name, element.templates["sqlite"])
    return template.format(
        left=compiler.process(element.left, **kw), right=compiler.process(element.right, **kw)
    )


#: A Monday: days since it, modulo 7, is the weekday.
_MONDAY = date(2000, 1, 3)


def weekday(column: ColumnElement[Any]) -> ColumnElement[int]:
    """0 Monday ... 6 Sunday, of a date or timestamp, on every backend."""
    return days_between(literal(_MONDAY), column) % 7
