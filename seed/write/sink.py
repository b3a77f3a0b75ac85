"""The one way a run's rows leave the generator: the ``Sink`` protocol, and a fan-out to several."""

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Table

from seed.write.encoding import Encoder, Row


class Sink(Protocol):
    """Where a run's rows go, table by table, parents first.

    ``encoder``: when set, ``insert`` takes what it made of the rows (tuples, or a whole SQLite
    database), possibly in a worker process, so the run encodes rows where they are generated;
    when None, ``insert`` takes dict rows.
    """

    @property
    def encoder(self) -> Encoder | None: ...

    def insert(self, table: Table, rows: Sequence[Any]) -> None: ...

    def set_budget_amounts(self, amounts: dict[str, Decimal]) -> None: ...


def prepared(sink: Sink, table: Table, rows: Sequence[Row]) -> Any:
    """Dict ``rows`` as ``sink.insert`` takes them."""
    return rows if sink.encoder is None else sink.encoder(table.name, rows)


class Fanout:
    """Several sinks as one (a database and CSV files): dict rows, each sink gets its own form."""

    encoder: Encoder | None = None

    def __init__(self, sinks: Sequence[Sink]) -> None:
        self.sinks = tuple(sinks)

    def insert(self, table: Table, rows: Sequence[Row]) -> None:
        for sink in self.sinks:
            sink.insert(table, prepared(sink, table, rows))

    def set_budget_amounts(self, amounts: dict[str, Decimal]) -> None:
        for sink in self.sinks:
            sink.set_budget_amounts(amounts)


class Export(Sink, Protocol):
    """A sink that writes files beside a database run: kept by ``commit`` (their paths), removed
    by ``discard``."""

    def commit(self) -> list[Path]: ...

    def discard(self) -> None: ...
