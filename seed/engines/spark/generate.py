"""The run's invoices generated inside Spark tasks: ``mapInArrow`` over ``spark.range``.

Each task gets batches of invoice indexes and calls the same factories as the local engine on
ranges of at most ``chunk_size`` invoices, so its memory is bounded whatever the run's size.
It emits one row per invoice: the invoice, its lines and its integration response (null for a
Draft) as nested columns, which the publishing step unnests into the three tables.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa

from models import TABLES
from seed.generate.batches import build_batch
from seed.generate.factories import InvoiceFactory, RunContext
from seed.write.arrow import arrow_schema, record_batch

INVOICE, LINES, RESPONSE = "invoice", "lines", "response"


def _struct(name: str) -> pa.StructType:
    return pa.struct(list(arrow_schema(TABLES[name])))


def invoice_tree_schema() -> pa.Schema:
    """One invoice's subtree as one row."""
    return pa.schema(
        [
            pa.field(INVOICE, _struct("invoices"), nullable=False),
            pa.field(LINES, pa.list_(_struct("invoice_lines")), nullable=False),
            pa.field(RESPONSE, _struct("integration_responses")),
        ]
    )


def _as_struct(batch: pa.RecordBatch) -> pa.StructArray:
    return pa.StructArray.from_arrays(batch.columns, fields=list(batch.schema))


@dataclass(frozen=True)
class GenerateInvoices:
    """The function ``mapInArrow`` calls in each task (pickled to the executors)."""

    run: RunContext
    chunk_size: int

    def __call__(self, indexes: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        factory = InvoiceFactory(self.run)
        schema = invoice_tree_schema()
        for batch in indexes:
            if batch.num_rows == 0:
                continue
            # spark.range hands each task contiguous, ascending indexes.
            first = batch.column(0)[0].as_py()
            stop = batch.column(0)[batch.num_rows - 1].as_py() + 1
            for start in range(first, stop, self.chunk_size):
                yield self._trees(factory, start, min(stop, start + self.chunk_size), schema)

    def _trees(
        self, factory: InvoiceFactory, start: int, stop: int, schema: pa.Schema
    ) -> pa.RecordBatch:
        rows = build_batch(factory, start, stop)
        invoices = _as_struct(record_batch(TABLES["invoices"], rows.invoices))
        lines = _as_struct(record_batch(TABLES["invoice_lines"], rows.invoice_lines))
        per_invoice = Counter(line["invoice_id"] for line in rows.invoice_lines)
        offsets = [0]
        for invoice in rows.invoices:
            offsets.append(offsets[-1] + per_invoice[invoice["id"]])
        responses = _as_struct(
            record_batch(TABLES["integration_responses"], rows.integration_responses)
        )
        position = {r["invoice_id"]: n for n, r in enumerate(rows.integration_responses)}
        spread = pa.array([position.get(i["id"]) for i in rows.invoices], pa.int32())
        return pa.RecordBatch.from_arrays(
            [
                invoices,
                pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), lines),
                responses.take(spread),
            ],
            schema=schema,
        )
