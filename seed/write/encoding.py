"""Rows as tuples of driver-ready values, in column order: what the fast writers send as is.

Planning a table's tuple (which bind processing each column needs) takes the schema and
SQLAlchemy's dialects (:mod:`seed.write.bind_plans`); encoding with a plan takes neither. An
encoder sent to a worker process carries its plans, so the worker imports neither SQLAlchemy
nor the models (about 0.3 s of CPU per worker).
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from seed.domain.json_text import json_text
from seed.domain.money import cents_to_float
from seed.domain.timestamps import date_text, timestamp_text

Row = dict[str, Any]
#: Rows as tuples of driver-ready values, in column order.
Encoded = Sequence[tuple[Any, ...]]
Process = Callable[[Any], Any]
#: How a sink wants a table's rows, given the table's name (one of ``models.TABLES``), applied
#: where they are generated (maybe in a worker process, so it must pickle): a RowEncoder gives
#: driver tuples, seed.write.arrow.record_batch Arrow, seed.write.sqlite_chunks.SqliteChunkEncoder
#: a whole SQLite database.
Encoder = Callable[[str, Sequence[Row]], Any]
#: One row as the driver tuple of its table (see ``RowPlan.row_function``).
RowFunction = Callable[[Row], tuple[Any, ...]]

#: The bind functions a plan pickles by name (seed's own, and ``float`` for amounts): a worker
#: then needs nothing but this module to bind with them. (date_text is a cache's lookup: pickled
#: as such, it would be a copy of the cache.)
LIGHT_PROCESSES: dict[str, Process] = {
    "cents_to_float": cents_to_float,
    "date_text": date_text,
    "float": float,
    "json_text": json_text,
    "timestamp_text": timestamp_text,
}
_LIGHT_NAMES = {id(process): name for name, process in LIGHT_PROCESSES.items()}


@dataclass(frozen=True)
class RowPlan:
    """A table's row tuple: its columns in order, whether each may be None, and the bind
    processing each needs (None: the value as it is)."""

    table: str
    columns: tuple[str, ...]
    nullable: tuple[bool, ...]
    processes: tuple[Process | None, ...]

    def __reduce__(self) -> tuple[Any, ...]:
        processes = tuple(_LIGHT_NAMES.get(id(p), p) for p in self.processes)
        return (_unpickled_plan, (self.table, self.columns, self.nullable, processes))

    def row_function(self) -> RowFunction:
        """A function compiled for the table that makes one row's tuple in a single expression,
        ``lambda row: (row["id"], process_2(row["amount"]), ...)``, each column through its bind
        processing (None stays None). Compiled, as namedtuple and dataclasses compile theirs: a
        row costs a third less than with a loop over the columns or a transposition."""
        namespace: dict[str, Any] = {}
        values = []
        for position, (column, nullable, process) in enumerate(
            zip(self.columns, self.nullable, self.processes, strict=True)
        ):
            value = f"row[{column!r}]"
            if process is not None:
                namespace[f"process_{position}"] = process
                processed = f"process_{position}({value})"
                value = f"(None if {value} is None else {processed})" if nullable else processed
            values.append(value)
        function: RowFunction = eval(f"lambda row: ({', '.join(values)},)", namespace)
        return function


def _unpickled_plan(
    table: str,
    columns: tuple[str, ...],
    nullable: tuple[bool, ...],
    processes: tuple[str | Process | None, ...],
) -> RowPlan:
    bound = tuple(LIGHT_PROCESSES[p] if isinstance(p, str) else p for p in processes)
    return RowPlan(table, columns, nullable, bound)


class RowEncoder:
    """Applies each column's bind processing of a dialect, as SQLAlchemy Core would.

    With ``cents``, amounts (``Numeric`` columns) come as integer cents and are bound as the
    ``Decimal`` they stand for would be (only where that is checked to be ``cents_to_float``).

    Pickled, it carries a plan for every dashboard table, so the process that generates rows
    encodes them too, with no schema to import, and sends plain tuples. Where SQLAlchemy formats
    datetimes and dates in Python (SQLite stores them as text), ISO text from
    seed.domain.timestamps is used instead, but only after it is checked to give exactly the
    same text.
    """

    def __init__(self, drivername: str, cents: bool = False) -> None:
        self.drivername = drivername
        self.cents = cents
        self._plans: dict[str, RowPlan] = {}
        self._functions: dict[str, RowFunction] = {}

    def __getstate__(self) -> dict[str, Any]:
        from seed.write.bind_plans import plan_tables  # this process has the schema

        plans = plan_tables(self.drivername, self.cents)
        return {"drivername": self.drivername, "cents": self.cents, "_plans": plans}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _functions={})

    def __call__(self, table: str, rows: Sequence[Row]) -> list[tuple[Any, ...]]:
        return list(self.each(table, rows))

    def each(self, table: str, rows: Iterable[Row]) -> Iterator[tuple[Any, ...]]:
        """The rows' tuples one by one, for a driver that takes an iterator (no list to keep)."""
        encode = self._functions.get(table) or self._function(table)
        return map(encode, rows)

    def plan(self, table: str) -> RowPlan:
        """The table's plan: carried here, or made from the schema on first use."""
        plan = self._plans.get(table)
        if plan is None:
            from seed.write.bind_plans import plan_table  # only an encoder made here plans

            plan = self._plans[table] = plan_table(self.drivername, self.cents, table)
        return plan

    def _function(self, table: str) -> RowFunction:
        function = self._functions[table] = self.plan(table).row_function()
        return function
