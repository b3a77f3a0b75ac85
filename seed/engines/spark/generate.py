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
from dataclasses import dataclass
from functools import cache

import pyarrow as pa

from models import TABLES
from seed.generate.batches import InvoiceCounts, build_batch
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


def counts_json(counts: InvoiceCounts) -> str:
    """A task's counts as its ``summary`` row holds them."""
    return json.dumps([counts.rows, counts.statuses, counts.hold_codes, counts.spend])


def counts_of_json(text: str) -> InvoiceCounts:
    return InvoiceCounts(*(Counter(part) for part in json.loads(text)))


@dataclass(frozen=True)
class GenerateInvoices:
    """The function ``mapInArrow`` calls in each task (pickled to the executors)."""

    run: RunContext
    chunk_size: int

    def __call__(self, indexes: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        factory = InvoiceFactory(self.run)
        counts = InvoiceCounts()
        for batch in indexes:
            if batch.num_rows == 0:
                continue
            # spark.range hands each task contiguous, ascending indexes.
            first = batch.column(0)[0].as_py()
            stop = batch.column(0)[batch.num_rows - 1].as_py() + 1
            for start in range(first, stop, self.chunk_size):
                rows = build_batch(factory, start, min(stop, start + self.chunk_size), record_batch)
                counts.add(rows.counts)
                for name, table_rows in rows.tables():
                    yield _widened(table_rows, name)
        yield _widened(pa.record_batch({SUMMARY: [counts_json(counts)]}), SUMMARY)
