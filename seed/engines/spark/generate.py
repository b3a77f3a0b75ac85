"""The run's invoices generated inside Spark tasks: ``mapInArrow`` over ``spark.range``.

Each task gets batches of invoice indexes and calls the same factories as the local engine on
ranges of at most ``chunk_size`` invoices, so its memory is bounded whatever the run's size.
One job writes the three invoice tables, so its rows share one schema: every table's columns
(null where a row's table has none of them), ``kind`` (the row's table, which the staging
table is partitioned by) and ``summary``. Each task ends with one ``summary`` row: what the
run's summary and budgets need from its invoices, counted where they were made.
"""

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import pyarrow as pa

from models import TABLES
from seed.generate.batches import Batch, build_batch
from seed.generate.factories import InvoiceFactory, RunContext
from seed.write.arrow import arrow_schema, record_batch

#: The tables the generating job writes, and the ``kind`` of its summary rows.
GENERATED = ("invoices", "invoice_lines", "integration_responses")
KIND, SUMMARY = "kind", "summary"


@cache
def staged_schema() -> pa.Schema:
    """The generated tables' columns (each name once: shared names have one type), then the
    summary and the partition column."""
    fields: dict[str, pa.Field] = {}
    for name in GENERATED:
        for column in arrow_schema(TABLES[name]):
            fields.setdefault(column.name, column.with_nullable(True))
    return pa.schema(
        [*fields.values(), pa.field(SUMMARY, pa.string()), pa.field(KIND, pa.string(), False)]
    )


def _widened(batch: pa.RecordBatch, kind: str) -> pa.RecordBatch:
    """``batch`` in the staged schema: its own columns, nulls for the others."""
    rows = batch.num_rows
    columns = [
        batch.column(column.name)
        if column.name in batch.schema.names
        else pa.nulls(rows, column.type)
        for column in staged_schema()
    ]
    columns[-1] = pa.array([kind] * rows, pa.string())
    return pa.RecordBatch.from_arrays(columns, schema=staged_schema())


@dataclass
class TaskSummary:
    """What one task's invoices add to the run's summary (summed on the driver)."""

    rows: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    hold_codes: Counter[str] = field(default_factory=Counter)
    #: Approved and Paid spend per budget line id, in cents.
    spend: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, batch: Batch) -> "TaskSummary":
        return cls(batch.sizes, batch.statuses, batch.hold_codes, batch.spend)

    def add(self, other: "TaskSummary") -> None:
        self.rows.update(other.rows)
        self.statuses.update(other.statuses)
        self.hold_codes.update(other.hold_codes)
        self.spend.update(other.spend)

    def to_json(self) -> str:
        return json.dumps([self.rows, self.statuses, self.hold_codes, self.spend])

    @classmethod
    def from_json(cls, text: str) -> "TaskSummary":
        return cls(*(Counter(part) for part in json.loads(text)))


@dataclass(frozen=True)
class GenerateInvoices:
    """The function ``mapInArrow`` calls in each task (pickled to the executors)."""

    run: RunContext
    chunk_size: int

    def __call__(self, indexes: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        factory = InvoiceFactory(self.run)
        summary = TaskSummary()
        for batch in indexes:
            if batch.num_rows == 0:
                continue
            # spark.range hands each task contiguous, ascending indexes.
            first = batch.column(0)[0].as_py()
            stop = batch.column(0)[batch.num_rows - 1].as_py() + 1
            for start in range(first, stop, self.chunk_size):
                rows = build_batch(factory, start, min(stop, start + self.chunk_size), record_batch)
                summary.add(TaskSummary.of(rows))
                for name, table_rows in rows.tables():
                    yield _widened(table_rows, name)
        yield _widened(pa.record_batch({SUMMARY: [summary.to_json()]}), SUMMARY)
