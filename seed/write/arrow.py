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
import pyarrow.compute as pc
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

from models import TABLES
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


class RecordBatches:
    """Encodes rows (dicts keyed by column name, as the factories make them) as one batch of
    the table's schema, built column by column. An instance of a module-level class, so it
    pickles: it is the encoder a Parquet sink and the Spark tasks hand to worker processes.

    With ``cents``, amounts (``decimal128`` columns) come as integer cents: their array is
    made from the integers, the very array their ``Decimal`` amounts make, a fifth of the cost.
    """

    def __init__(self, cents: bool = False) -> None:
        self.cents = cents

    def in_cents(self) -> "RecordBatches":
        """This encoder for rows whose amounts are integer cents (the generator's own rows)."""
        return RecordBatches(cents=True)

    def __call__(self, name: str, rows: Sequence[Row]) -> pa.RecordBatch:
        table = TABLES[name]
        schema = arrow_schema(table)
        arrays = []
        for column, field in zip(table.columns, schema, strict=True):
            values: list[Any] = list(map(itemgetter(column.name), rows))
            if self.cents and pa.types.is_decimal(field.type):
                arrays.append(_decimals_of_cents(values, field.type))
                continue
            bind = _bind(column)
            if bind is not None:
                values = list(map(bind, values))
            arrays.append(pa.array(values, type=field.type))
        return pa.RecordBatch.from_arrays(arrays, schema=schema)


#: The encoder of dict rows with ``Decimal`` amounts.
record_batch = RecordBatches()


def _decimals_of_cents(cents: list[int | None], decimal: pa.Decimal128Type) -> pa.Array:
    """Integer cents (hundredths) as a ``decimal128(p, 2)`` array: the integers are the
    decimals' unscaled values, so only the type's scale is put on them; a value of more digits
    than the type's precision is refused, as ``pa.array`` refuses such a ``Decimal``."""
    assert decimal.scale == 2, f"{decimal} does not hold cents"
    unscaled = pa.array(cents, pa.int64())
    bounds = pc.min_max(unscaled).as_py()
    most = 10**decimal.precision
    if bounds["min"] is not None and not (-most < bounds["min"] and bounds["max"] < most):
        raise pa.ArrowInvalid(f"an amount of {bounds} cents does not fit {decimal}")
    wide = unscaled.cast(pa.decimal128(19, 0))
    return pa.Array.from_buffers(decimal, len(wide), wide.buffers(), wide.null_count)
