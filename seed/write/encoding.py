"""Rows as tuples of driver-ready values, in column order: what the fast writers send as is."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.engine import Dialect, make_url

from seed.domain.money import cents_to_decimal, cents_to_float
from seed.domain.timestamps import date_text, timestamp_text

Row = dict[str, Any]
#: Rows as tuples of driver-ready values, in column order.
Encoded = Sequence[tuple[Any, ...]]
Process = Callable[[Any], Any]
#: How a sink wants a table's rows, applied where they are generated (maybe in a worker process,
#: so it must pickle): a RowEncoder gives driver tuples, seed.write.arrow.record_batch Arrow,
#: seed.write.sqlite_chunks.SqliteChunkEncoder a whole SQLite database.
Encoder = Callable[[Table, Sequence[Row]], Any]
#: One row as the driver tuple of its table (see ``_row_function``).
RowFunction = Callable[[Row], tuple[Any, ...]]


_SAMPLES: dict[type, tuple[Any, ...]] = {
    datetime: (datetime(2026, 11, 24, 8, 5, 9), datetime(987, 1, 2, 3, 4, 5, 60)),
    date: (date(2026, 11, 24), date(987, 1, 2)),
}
_FAST: dict[type, Process] = {datetime: timestamp_text, date: date_text}
_CENT_SAMPLES = (0, 1, 5, 10, 29, -29, 12_345, -12_345, 99_999_999_999)


class RowEncoder:
    """Applies each column's bind processing of a dialect, as SQLAlchemy Core would.

    With ``cents``, amounts (``Numeric`` columns) come as integer cents and are bound as the
    ``Decimal`` they stand for would be (only where that is checked to be ``cents_to_float``).

    It holds only the driver's name, so it pickles small: the process that generates rows
    encodes them too and sends plain tuples. Where SQLAlchemy formats datetimes and dates in
    Python (SQLite stores them as text), ISO text from seed.domain.timestamps is used instead,
    but only after it is checked to give exactly the same text.
    """

    def __init__(self, drivername: str, cents: bool = False) -> None:
        self.drivername = drivername
        self.cents = cents
        self._plans: dict[str, RowFunction] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"drivername": self.drivername, "cents": self.cents, "_plans": {}}

    def __call__(self, table: Table, rows: Sequence[Row]) -> list[tuple[Any, ...]]:
        return list(self.each(table, rows))

    def each(self, table: Table, rows: Iterable[Row]) -> Iterator[tuple[Any, ...]]:
        """The rows' tuples one by one, for a driver that takes an iterator (no list to keep)."""
        encode = self._plans.get(table.name) or self._plan(table)
        return map(encode, rows)

    def _plan(self, table: Table) -> RowFunction:
        dialect = make_url(f"{self.drivername}://").get_dialect()()
        processes = [_processor(column, dialect, self.cents) for column in table.columns]
        plan = _row_function(table, processes)
        self._plans[table.name] = plan
        return plan


def _row_function(table: Table, processes: list[Process | None]) -> RowFunction:
    """A function compiled for the table that makes one row's tuple in a single expression,
    ``lambda row: (row["id"], process_2(row["amount"]), ...)``, each column through its bind
    processing (None stays None). Compiled, as namedtuple and dataclasses compile theirs: a row
    costs a third less than with a loop over the columns or a transposition of the rows."""
    namespace: dict[str, Any] = {}
    values = []
    for position, (column, process) in enumerate(zip(table.columns, processes, strict=True)):
        value = f"row[{column.name!r}]"
        if process is not None:
            namespace[f"process_{position}"] = process
            processed = f"process_{position}({value})"
            value = f"(None if {value} is None else {processed})" if column.nullable else processed
        values.append(value)
    function: RowFunction = eval(f"lambda row: ({', '.join(values)},)", namespace)
    return function


def _processor(column: Column[Any], dialect: Dialect, cents: bool = False) -> Process | None:
    process: Process | None = column.type.dialect_impl(dialect).bind_processor(dialect)
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return process
    if cents and python_type is Decimal:
        # Integer cents stand for cents_to_decimal(cents): bound as that Decimal's float.
        if process is None or any(
            cents_to_float(c) != process(cents_to_decimal(c)) for c in _CENT_SAMPLES
        ):
            raise ValueError(f"{dialect.name} does not bind amounts as floats: no cents for it")
        return cents_to_float
    if process is None:
        return None
    fast = _FAST.get(python_type)
    if fast is None or any(fast(s) != process(s) for s in _SAMPLES[python_type]):
        return process
    return fast
