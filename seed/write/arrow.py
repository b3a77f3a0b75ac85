"""The Arrow face of a run's rows: one schema per table, derived from its SQLAlchemy columns.

The Arrow types are the ones the Databricks DDL has, so Parquet written from these batches loads
with ``COPY INTO`` and reads in Spark with no cast: ``Numeric(p, s)`` is ``decimal128(p, s)``
(``DECIMAL(p,s)``), ``DateTime`` a microsecond timestamp without a time zone (``TIMESTAMP_NTZ``),
``Date`` is ``date32`` (``DATE``), integers are as wide as the DDL's (``Integer`` is ``INT``,
``int32``) and text is ``string`` (``STRING``). A ``TypeDecorator`` column (JSON text) holds what
the decorator binds, so every face of the generator stores the same text.
"""

from collections.abc import Callable, Sequence
from functools import cache
from operator import itemgetter
from typing import Any

import pyarrow as pa
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Table,
)
from sqlalchemy.engine.default import DefaultDialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from seed.write.encoding import Row

#: Types with one Arrow spelling, most specific first (BigInteger is also an Integer).
_PLAIN: tuple[tuple[type[TypeEngine[Any]], pa.DataType], ...] = (
    (Date, pa.date32()),
    (BigInteger, pa.int64()),
    (SmallInteger, pa.int16()),
    (Integer, pa.int32()),
    (Boolean, pa.bool_()),
    (String, pa.string()),
)
_DIALECT = DefaultDialect()


def arrow_type(column: Column[Any]) -> pa.DataType:
    """The Arrow type of ``column``; a type the models do not use yet is an error, not a guess."""
    sql_type: TypeEngine[Any] = column.type
    if isinstance(sql_type, TypeDecorator):
        sql_type = sql_type.impl_instance
    if isinstance(sql_type, Numeric) and not isinstance(sql_type, Float):
        if sql_type.precision is None or sql_type.scale is None:
            raise TypeError(f"{column}: a Numeric needs a precision and a scale for Arrow")
        return pa.decimal128(sql_type.precision, sql_type.scale)
    if isinstance(sql_type, DateTime):
        if sql_type.timezone:
            raise TypeError(f"{column}: timestamps are naive UTC (TIMESTAMP_NTZ), not zoned")
        return pa.timestamp("us")
    for kind, arrow in _PLAIN:
        if isinstance(sql_type, kind):
            return arrow
    raise TypeError(f"{column}: no Arrow type for {sql_type!r}; add one in {__name__}")


@cache
def arrow_schema(table: Table) -> pa.Schema:
    """``table``'s columns in order, with their Arrow types and nullability."""
    return pa.schema(
        [pa.field(column.name, arrow_type(column), column.nullable) for column in table.columns]
    )


def _bind(column: Column[Any]) -> Callable[[Any], Any] | None:
    """What the column's ``TypeDecorator`` stores for a value (JSON text for a payload)."""
    decorator = column.type
    if not isinstance(decorator, TypeDecorator):
        return None

    def bind(value: Any) -> Any:
        return decorator.process_bind_param(value, _DIALECT)

    return bind


def record_batch(table: Table, rows: Sequence[Row]) -> pa.RecordBatch:
    """``rows`` (dicts keyed by column name, as the factories make them) as one batch of
    ``table``'s schema, built column by column. A module-level function, so it pickles: it is
    the encoder a Parquet sink hands to worker processes."""
    schema = arrow_schema(table)
    arrays = []
    for column, field in zip(table.columns, schema, strict=True):
        values: list[Any] = list(map(itemgetter(column.name), rows))
        bind = _bind(column)
        if bind is not None:
            values = list(map(bind, values))
        arrays.append(pa.array(values, type=field.type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)
