"""SQL literals of our column values, typed for each dialect (TIMESTAMP_NTZ, DATE, DECIMAL(p,s)).

Literals instead of bound parameters because a Databricks statement takes at most 256 parameters:
with literals one statement carries thousands of rows. Only the value types the models use are
supported (str, int, Decimal, date, naive datetime, None); anything else is a bug, not input.
"""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Numeric

from seed.errors import UsageError

DIALECTS = ("databricks", "postgresql", "sqlite")


def _standard_string(text: str) -> str:
    """SQLite and PostgreSQL (standard_conforming_strings, on by default): only ' is special."""
    return "'" + text.replace("'", "''") + "'"


def _databricks_string(text: str) -> str:
    """Databricks string literals use backslash escapes; a doubled '' would concatenate."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _plain_timestamp(value: datetime) -> str:
    return value.isoformat(sep=" ")


def _sqlite_timestamp(value: datetime) -> str:
    """SQLAlchemy's SQLite storage format, so a script's rows equal the seeder's byte for byte."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


class LiteralStyle:
    """How one dialect spells a string, timestamp, date and decimal literal."""

    def __init__(
        self,
        string: Callable[[str], str],
        timestamp: Callable[[datetime], str],
        date_: Callable[[date], str],
        decimal: Callable[[Decimal, int, int], str],
    ) -> None:
        self._string = string
        self._timestamp = timestamp
        self._date = date_
        self._decimal = decimal

    def render(self, value: Any, column: Column[Any]) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, str):
            return self._string(value)
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, Decimal):
            precision, scale = _precision_scale(column)
            return self._decimal(value, precision, scale)
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                raise TypeError(f"{column}: timestamps are naive UTC, got {value!r}")
            return self._timestamp(value)
        if isinstance(value, date):
            return self._date(value)
        raise TypeError(f"{column}: no SQL literal for {type(value).__name__}")


def _precision_scale(column: Column[Any]) -> tuple[int, int]:
    sql_type = column.type
    if (
        isinstance(sql_type, Numeric)
        and sql_type.precision is not None
        and sql_type.scale is not None
    ):
        return sql_type.precision, sql_type.scale
    raise TypeError(f"{column}: a Decimal needs a Numeric(precision, scale) column")


def _plain_decimal(value: Decimal, _precision: int, scale: int) -> str:
    return format(value.quantize(Decimal(1).scaleb(-scale)), "f")


def _databricks_decimal(value: Decimal, precision: int, scale: int) -> str:
    return f"CAST({_plain_decimal(value, precision, scale)} AS DECIMAL({precision},{scale}))"


STYLES: dict[str, LiteralStyle] = {
    "databricks": LiteralStyle(
        _databricks_string,
        lambda value: f"TIMESTAMP_NTZ '{_plain_timestamp(value)}'",
        lambda value: f"DATE '{value.isoformat()}'",
        _databricks_decimal,
    ),
    "postgresql": LiteralStyle(
        _standard_string,
        lambda value: f"TIMESTAMP '{_plain_timestamp(value)}'",
        lambda value: f"DATE '{value.isoformat()}'",
        _plain_decimal,
    ),
    "sqlite": LiteralStyle(
        _standard_string,
        lambda value: f"'{_sqlite_timestamp(value)}'",
        lambda value: f"'{value.isoformat()}'",
        _plain_decimal,
    ),
}


def literal_style(dialect: str) -> LiteralStyle:
    try:
        return STYLES[dialect]
    except KeyError:
        raise UsageError(
            f"unknown dialect {dialect!r}: choose from {', '.join(DIALECTS)}"
        ) from None
