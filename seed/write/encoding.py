"""Rows as tuples of driver-ready values, in column order: what the fast writers send as is."""

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from operator import itemgetter, methodcaller
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.engine import Dialect, make_url

Row = dict[str, Any]
#: Rows as tuples of driver-ready values, in column order.
Encoded = Sequence[tuple[Any, ...]]
Process = Callable[[Any], Any]
#: How a sink wants a table's rows, applied where they are generated (maybe in a worker process,
#: so it must pickle): a RowEncoder gives driver tuples, seed.write.arrow.record_batch Arrow,
#: seed.write.sqlite_chunks.SqliteChunkEncoder a whole SQLite database.
Encoder = Callable[[Table, Sequence[Row]], Any]
#: How to encode a table's rows: get its columns in order, then process some of them (position,
#: process, whether the column may be None).
Plan = tuple[Callable[[Row], tuple[Any, ...]], list[tuple[int, Process, bool]]]


#: Positional arguments: half the cost of ``partial(..., sep=" ", timespec="microseconds")``.
_iso_datetime: Process = methodcaller("isoformat", " ", "microseconds")
_SAMPLES: dict[type, tuple[Any, ...]] = {
    datetime: (datetime(2026, 11, 24, 8, 5, 9), datetime(987, 1, 2, 3, 4, 5, 60)),
    date: (date(2026, 11, 24), date(987, 1, 2)),
}
_FAST: dict[type, Process] = {datetime: _iso_datetime, date: date.isoformat}


class RowEncoder:
    """Applies each column's bind processing of a dialect, as SQLAlchemy Core would.

    It holds only the driver's name, so it pickles small: the process that generates rows
    encodes them too and sends plain tuples. Where SQLAlchemy formats datetimes and dates in
    Python (SQLite stores them as text), the C ``isoformat`` is used instead, but only after it
    is checked to give exactly the same text.
    """

    def __init__(self, drivername: str) -> None:
        self.drivername = drivername
        self._plans: dict[str, Plan] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"drivername": self.drivername, "_plans": {}}

    def __call__(self, table: Table, rows: Sequence[Row]) -> list[tuple[Any, ...]]:
        get, processes = self._plans.get(table.name) or self._plan(table)
        if not rows:
            return []
        # Transposed, so each column's processing is one loop without a call per value.
        columns: list[Iterable[Any]] = list(zip(*map(get, rows), strict=True))
        for position, process, nullable in processes:
            values = columns[position]
            if nullable:
                columns[position] = [None if v is None else process(v) for v in values]
            else:
                columns[position] = map(process, values)
        return list(zip(*columns, strict=True))

    def _plan(self, table: Table) -> Plan:
        dialect = make_url(f"{self.drivername}://").get_dialect()()
        processes = [
            (position, process, bool(column.nullable))
            for position, column in enumerate(table.columns)
            if (process := _processor(column, dialect)) is not None
        ]
        plan = (itemgetter(*(column.name for column in table.columns)), processes)
        self._plans[table.name] = plan
        return plan


def _processor(column: Column[Any], dialect: Dialect) -> Process | None:
    process: Process | None = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return process
    fast = _FAST.get(python_type)
    if fast is None or any(fast(s) != process(s) for s in _SAMPLES[python_type]):
        return process
    return fast
